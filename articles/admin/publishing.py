"""Publishing in the admin: who may publish, the form's checks, the list's actions and column.

The article's page saves with one of its buttons (submit_line.html): Save draft, Publish,
Schedule (at the time given beside it) and, for a published article, Unpublish. The status and
the publication times are the buttons' to set, shown read-only. Every save in the admin is a
draft (admin/drafts.py) until Publish or Schedule makes the working version public.

The rules (the publication state, alt text before publishing, the time a publication gets,
unpublished changes, revoking preview links when an article is taken down) are
articles/publishing.py's; here the admin enforces the `articles.publish_article` permission
and calls them.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminSplitDateTime
from django.core.exceptions import PermissionDenied
from django.forms.models import BaseInlineFormSet
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from articles import publishing
from articles.models import Article, PublicVersion
from articles.permissions import may_publish
from articles.preview import preview_url, staff_preview
from articles.public_changes import forget_drafted

PUBLICATION_FIELDS = ("status", "published_at", "expire_at")
# The buttons of the article's change page (submit_line.html), by the name each posts.
SAVE_DRAFT, PUBLISH, SCHEDULE, UNPUBLISH = "_draft", "_publish", "_schedule", "_unpublish"
PUBLISHING_BUTTONS = (PUBLISH, SCHEDULE)
# Those who may not publish have Save draft only.
PUBLISHERS_BUTTONS = (PUBLISH, SCHEDULE, UNPUBLISH)


def button_pressed(request):
    """Which of Save draft, Publish, Schedule and Unpublish sent `request`: Save draft when none did."""
    return next((button for button in PUBLISHERS_BUTTONS if button in request.POST), SAVE_DRAFT)


def publication_notice(article):
    """What the change page says of the article's state: "Published", "Scheduled for …"; with
    unpublished changes, since when readers have had the version they see, and where."""
    notice = {"label": publishing.publication_label(article), "unpublished_changes": False}
    if publishing.is_on_the_site(article):
        notice["public_url"] = article.get_absolute_url()
    if article.status == Article.Status.PUBLISHED and article.has_unpublished_changes:
        public = PublicVersion.objects.filter(article=article).values_list("rendered_at", flat=True).first()
        notice.update(unpublished_changes=True, public_since=public)
    return notice


class PublishingForm(forms.ModelForm):
    """The article's form, saved as a draft, published or scheduled by the button pressed.

    Publish and Schedule refuse while a section's figure has a picture without alt text (the lead
    figure is edited on the same page, so its own formset checks it); Schedule needs a time still
    to come. The status and the publication time are the buttons' to set, not fields'. When the
    page shows the sections' figures (`figures_on_page`: admin/one_page.py), each figure's own
    form checks its alt text, where the editor can fix it.
    """

    figures_on_page = False

    # Rendered next to the buttons (submit_line.html), applied by Publish and Schedule only.
    schedule_at = forms.SplitDateTimeField(label=_("Publish at"), required=False, widget=AdminSplitDateTime)
    leave_at = forms.SplitDateTimeField(
        label=_("Leave the site at"),
        required=False,
        widget=AdminSplitDateTime,
        help_text=_("Optional expiry time, applied when you publish or schedule."),
    )
    # Set for each request by `PublishingMixin.get_form`.
    button = SAVE_DRAFT

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        now = timezone.now()
        if self.instance.published_at and self.instance.published_at > now:
            self.fields["schedule_at"].initial = self.instance.published_at
        if self.instance.expire_at and self.instance.expire_at > now:
            # A passed expiry is not offered again: publishing brings the article back for good.
            self.fields["leave_at"].initial = self.instance.expire_at
        # The lead figure's formset checks alt text only for a save that publishes.
        self.instance.publishing_requested = self.button in PUBLISHING_BUTTONS

    def clean(self):
        cleaned_data = super().clean()
        if self.button not in PUBLISHING_BUTTONS:
            return cleaned_data
        when = cleaned_data.get("schedule_at") if self.button == SCHEDULE else timezone.now()
        if self.button == SCHEDULE:
            try:
                publishing.check_can_schedule(self.instance, when)
            except publishing.CannotPublish as refusal:
                self.add_error("schedule_at" if refusal.code == "time_passed" else None, refusal)
                return cleaned_data
        leave_at = cleaned_data.get("leave_at")
        if leave_at and when and leave_at <= when:
            self.add_error("leave_at", _("The expiry time must come after the publication time."))
        if self.instance.pk and not self.figures_on_page:
            publishing.check_can_publish(self.instance, lead_figure=False)
        return cleaned_data

    def apply_button(self, article):
        """Publish, schedule or unpublish `article`, about to be saved, as the button pressed asks."""
        if self.button == UNPUBLISH and article.status == Article.Status.PUBLISHED:
            publishing.set_unpublished(article)
        elif self.button == PUBLISH:
            publishing.set_published(article, publishing.publication_time_at_once(article))
        elif self.button == SCHEDULE:
            publishing.set_published(article, self.cleaned_data["schedule_at"])
        if self.button in PUBLISHING_BUTTONS:
            article.expire_at = self.cleaned_data.get("leave_at")


class LeadFigureFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        # A published article stays public: its pictures need alt text even in a draft of it.
        if (
            not getattr(self.instance, "publishing_requested", False)
            and self.instance.status != Article.Status.PUBLISHED
        ):
            return
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or form in self.deleted_forms:
                continue
            # An unchanged upload field cleans to the stored file; a cleared one to False.
            if form.cleaned_data.get("image") and not form.cleaned_data.get("alt_text", "").strip():
                form.add_error("alt_text", _("Alt text is required before the article can be published."))
                raise publishing.missing_alt_text_error([form.instance])


def in_default_response(request, respond, *args):
    """Django's own answer to a save, during which its "was changed successfully" is not posted."""
    request.in_default_response = True
    try:
        return respond(request, *args)
    finally:
        request.in_default_response = False


class PublishingMixin:
    """For ArticleAdmin: the state column, publishing permission, the Save draft, Publish and
    Schedule buttons, actions and preview link."""

    form = PublishingForm
    actions = ["publish_now", "unpublish"]

    @admin.display(description=_("state"), ordering="status")
    def publication_state(self, article):
        state, label = publishing.publication_state(article), publishing.publication_label(article)
        badge = ""
        if article.has_unpublished_changes and article.status == Article.Status.PUBLISHED:
            badge = format_html(' <span class="unpublished-changes">{}</span>', _("Unpublished changes"))
        return format_html(
            '<span class="publication-state publication-state--{}">{}</span>{}', str(state).lower(), label, badge
        )

    def has_publish_permission(self, request, obj=None):
        return may_publish(request.user)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        return type(form.__name__, (form,), {"button": button_pressed(request)})

    def save_model(self, request, obj, form, change):
        # The form has checked the alt text (PublishingForm, LeadFigureFormSet) and the times.
        form.apply_button(obj)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if form.button in PUBLISHING_BUTTONS:
            publishing.make_public(form.instance)
            message = _("Published: readers see this version now.")
            if form.button == SCHEDULE:
                message = _("Scheduled: readers see this version from %(time)s.") % {
                    "time": date_format(timezone.localtime(form.instance.published_at), "DATETIME_FORMAT")
                }
        elif form.button == UNPUBLISH:
            message = _("Unpublished: the article is a draft again and has left the site.")
        elif change and not form.has_changed() and not any(formset.has_changed() for formset in formsets):
            # Saved as it was opened: nothing differs from the public version that did not before.
            forget_drafted(form.instance.pk)
            message = _("Nothing was changed.")
        elif form.instance.status == Article.Status.PUBLISHED:
            message = _("Saved as a draft: readers still see the published version until you publish.")
        else:
            message = _("Saved as a draft.")
        # A save that was also a step of its own (submitted for review, sent back) says that instead.
        if not getattr(request, "step_says_the_outcome", False):
            self.message_user(request, message, messages.SUCCESS)
            request.button_said_it = True

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        # Django's own "was changed successfully" after the button's message above only repeats it.
        if getattr(request, "button_said_it", False) and getattr(request, "in_default_response", False):
            return
        super().message_user(request, message, level, *args, **kwargs)

    def response_change(self, request, obj):
        return in_default_response(request, super().response_change, obj)

    def response_add(self, request, obj, post_url_continue=None):
        return in_default_response(request, super().response_add, obj, post_url_continue)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        return readonly + [field for field in PUBLICATION_FIELDS if field not in readonly]

    @admin.action(description=_("Publish the selected articles now"), permissions=["publish"])
    def publish_now(self, request, queryset):
        published = 0
        # Drafts, scheduled articles and the unpublished changes of those already out, which keep
        # their publication time.
        for article in queryset.exclude(pk__in=Article.objects.published().exclude(has_unpublished_changes=True)):
            try:
                publishing.publish(article, when=publishing.publication_time_at_once(article))
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
            context["publication"] = publication_notice(obj)
        context["may_publish"] = self.has_publish_permission(request, obj)
        context["may_unpublish"] = context["may_publish"] and obj is not None and obj.status == Article.Status.PUBLISHED
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)
