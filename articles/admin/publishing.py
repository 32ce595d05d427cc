"""Publishing in the admin: who may publish, the form's checks, the list's actions and column.

The rules (the publication state, alt text before publishing, the time a publication gets,
revoking preview links when an article is taken down) are articles/publishing.py's; here the
admin enforces the `articles.publish_article` permission and calls them.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.forms.models import BaseInlineFormSet
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from articles import publishing
from articles.models import Article
from articles.permissions import may_publish
from articles.preview import preview_url, staff_preview

PUBLICATION_FIELDS = ("status", "published_at", "expire_at")


class PublishingForm(forms.ModelForm):
    """Refuses to publish while a section's figure has a picture without alt text.

    The lead figure is edited on the same page, so its own formset checks it.
    """

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("status", self.instance.status) == Article.Status.PUBLISHED and self.instance.pk:
            publishing.check_can_publish(self.instance, lead_figure=False)
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
                raise publishing.missing_alt_text_error([form.instance])


class PublishingMixin:
    """For ArticleAdmin: the state column, publishing permission, actions and preview link."""

    form = PublishingForm
    actions = ["publish_now", "unpublish"]

    @admin.display(description=_("state"), ordering="status")
    def publication_state(self, article):
        state, label = publishing.publication_state(article), publishing.publication_label(article)
        return format_html('<span class="publication-state publication-state--{}">{}</span>', str(state).lower(), label)

    def has_publish_permission(self, request, obj=None):
        return may_publish(request.user)

    def save_model(self, request, obj, form, change):
        # The form has checked the alt text (PublishingForm, LeadFigureFormSet) and set the fields.
        if obj.status == Article.Status.PUBLISHED:
            publishing.set_published(obj)
        elif change and form.initial.get("status") == Article.Status.PUBLISHED:
            publishing.set_unpublished(obj)
        super().save_model(request, obj, form, change)

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
            try:
                publishing.publish(article, when=timezone.now())
            except publishing.CannotPublish as refusal:
                self.message_user(
                    request,
                    _("“%(article)s” was not published. %(reason)s") % {"article": article, "reason": refusal.message},
                    messages.ERROR,
                )
                continue
            published += 1
        if published:
            self.message_user(
                request,
                ngettext("%d article published.", "%d articles published.", published) % published,
                messages.SUCCESS,
            )

    @admin.action(description=_("Unpublish the selected articles (back to draft)"), permissions=["publish"])
    def unpublish(self, request, queryset):
        count = sum(publishing.unpublish(article) for article in queryset)
        self.message_user(
            request,
            ngettext(
                "%d article taken down: it is a draft again.", "%d articles taken down: they are drafts again.", count
            )
            % count,
            messages.SUCCESS,
        )

    def view_on_site(self, article):
        """ "View on site": the reader's page once readers can see it; the staff preview before
        (a draft, a scheduled or an expired article has no page readers can open)."""
        if Article.objects.published().filter(pk=article.pk).exists():
            return article.get_absolute_url()
        return reverse("admin:articles_article_preview", args=[article.pk])

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
        article = get_object_or_404(Article.objects.with_body(), pk=article_id)
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
