"""Publishing in the admin: who may publish, what must be true first, and what the list shows.

Draft, published and scheduled (published with a time still to come) are what
`Article.objects.published()` already tells apart; here the admin enforces the
`articles.publish_article` permission and refuses to publish pictures without alt text.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import BaseInlineFormSet
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from articles.models import Article, Figure
from articles.permissions import may_publish
from articles.preview import preview_url, staff_preview

PUBLICATION_FIELDS = ("status", "published_at")


def publication_state(article, now=None):
    """ "Draft", "Scheduled" (published, time still to come) or "Published"."""
    if article.status != Article.Status.PUBLISHED:
        return _("Draft")
    if article.published_at and article.published_at > (now or timezone.now()):
        return _("Scheduled")
    return _("Published")


def figures_missing_alt_text(article, lead_figure=True):
    """The article's figures that have a picture but no alt text, lead figure first."""
    missing = []
    if lead_figure:
        lead = article.lead_figure_or_none
        if lead and lead.image and not lead.alt_text.strip():
            missing.append(lead)
    pictures = (
        Figure.objects.filter(section__article=article)
        .exclude(image="")
        .select_related("section")
        .order_by("section__position", "position")
    )
    # Blank alt text (spaces only, as an imported file may have it) tells a blind reader nothing either.
    missing += [figure for figure in pictures if not figure.alt_text.strip()]
    return missing


def describe_figure(figure):
    section = getattr(figure, "section", None)
    if section is None:
        return _("the lead figure (“%(figure)s”)") % {"figure": figure}
    return _("the figure “%(figure)s” in section “%(section)s”") % {"figure": figure, "section": section}


def missing_alt_text_error(figures):
    return ValidationError(
        ngettext(
            "Add alt text before publishing: %(figures)s has a picture without it.",
            "Add alt text before publishing: %(figures)s have pictures without it.",
            len(figures),
        )
        % {"figures": "; ".join(str(describe_figure(figure)) for figure in figures)},
        code="missing_alt_text",
    )


class PublishingForm(forms.ModelForm):
    """Refuses to publish while a section's figure has a picture without alt text.

    The lead figure is edited on the same page, so its own formset checks it.
    """

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("status", self.instance.status) == Article.Status.PUBLISHED and self.instance.pk:
            missing = figures_missing_alt_text(self.instance, lead_figure=False)
            if missing:
                raise missing_alt_text_error(missing)
        return cleaned_data


class LeadFigureFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        if self.instance.status != Article.Status.PUBLISHED:
            return
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or form in self.deleted_forms:
                continue
            # An unchanged upload field cleans to the stored file; a cleared one to False.
            if form.cleaned_data.get("image") and not form.cleaned_data.get("alt_text", "").strip():
                form.add_error("alt_text", _("Alt text is required before the article can be published."))
                raise missing_alt_text_error([form.instance])


class PublishingMixin:
    """For ArticleAdmin: the state column, publishing permission, actions and preview link."""

    form = PublishingForm
    actions = ["publish_now", "unpublish"]

    @admin.display(description=_("state"), ordering="status")
    def publication_state(self, article):
        state = publication_state(article)
        return format_html('<span class="publication-state publication-state--{}">{}</span>', str(state).lower(), state)

    def has_publish_permission(self, request, obj=None):
        return may_publish(request.user)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not self.has_publish_permission(request, obj):
            readonly += [field for field in PUBLICATION_FIELDS if field not in readonly]
        return readonly

    @admin.action(description=_("Publish the selected articles now"), permissions=["publish"])
    def publish_now(self, request, queryset):
        published = 0
        # Drafts and scheduled articles; those already out keep their publication time.
        for article in queryset.exclude(pk__in=Article.objects.published()):
            missing = figures_missing_alt_text(article)
            if missing:
                self.message_user(
                    request,
                    _("“%(article)s” was not published. %(reason)s")
                    % {"article": article, "reason": missing_alt_text_error(missing).message},
                    messages.ERROR,
                )
                continue
            article.publish(when=timezone.now())
            article.save(update_fields=["status", "published_at", "updated_at"])
            published += 1
        if published:
            self.message_user(
                request,
                ngettext("%d article published.", "%d articles published.", published) % published,
                messages.SUCCESS,
            )

    @admin.action(description=_("Unpublish the selected articles (back to draft)"), permissions=["publish"])
    def unpublish(self, request, queryset):
        count = queryset.unpublish()
        self.message_user(
            request,
            ngettext(
                "%d article taken down: it is a draft again.", "%d articles taken down: they are drafts again.", count
            )
            % count,
            messages.SUCCESS,
        )

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:article_id>/preview/", view(self.preview_view), name="articles_article_preview"),
            path(
                "<int:article_id>/preview/revoke/",
                view(self.revoke_previews_view),
                name="articles_article_revoke_previews",
            ),
            *super().get_urls(),
        ]

    def preview_view(self, request, article_id):
        article = get_object_or_404(Article, pk=article_id)
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        # Signed links are given to those who may change the article, and so revoke them.
        return staff_preview(request, article, share=self.has_change_permission(request, article))

    @method_decorator(require_POST)
    def revoke_previews_view(self, request, article_id):
        """Every signed preview link of the article given out so far stops working."""
        article = get_object_or_404(Article, pk=article_id)
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        Article.objects.filter(pk=article.pk).revoke_previews()
        self.message_user(
            request,
            _("The preview links given out so far no longer work. The new link is below."),
            messages.SUCCESS,
        )
        return redirect(reverse("admin:articles_article_change", args=[article.pk]) + "#signed-preview-url")

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk:
            context["preview_url"] = reverse("admin:articles_article_preview", args=[obj.pk])
            if self.has_change_permission(request, obj):
                context["signed_preview_url"] = request.build_absolute_uri(preview_url(obj))
                context["revoke_previews_url"] = reverse("admin:articles_article_revoke_previews", args=[obj.pk])
            context["arrange_url"] = reverse("admin:articles_article_arrange", args=[obj.pk])
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)
