"""The live preview beside the article's change form: the article as readers would see it if the
editor saved now, refreshed as they type (static/js/admin-live-preview.js).

The page posts its whole form, files left out, to /admin/articles/article/<id>/preview/live/.
The view checks and saves it exactly as the change form would — the admin's own form, inline
formsets, `save_form`, `save_model` and `save_related`, whichever they are — renders the staff
preview (articles/preview.py, the reader's templates and sanitiser) of the article so saved, and
rolls the transaction back: no row, revision, log entry or file outlives the request, and no
public data is made again (`public_changes.unnoted`). The answer is JSON: the page, for the
panel's `<iframe srcdoc>`, or why there is none (a form the save would refuse).
"""

from django.contrib.admin.utils import flatten_fieldsets
from django.contrib.messages.storage.base import BaseStorage
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction
from django.forms.formsets import all_valid
from django.http import Http404, JsonResponse
from django.urls import path, reverse
from django.utils.datastructures import MultiValueDict
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from articles.models import Article
from articles.preview import staff_preview
from articles.public_changes import unnoted

from .conflicts import OPENED_VERSION

LIVE_PREVIEW_SCRIPT = "js/admin-live-preview.js"
LIVE_PREVIEW_STYLE = "admin-extra/live-preview.css"


def as_if_opened_now(request, article):
    """The request's form as if its page had been opened at the article's current edit version,
    without files. The preview shows the editor's form whoever saved since (their save would be
    refused and merged: admin/conflicts.py), and never writes a picture."""
    data = request.POST.copy()
    data[OPENED_VERSION] = str(article.edit_version)
    request.POST = data
    request._files = MultiValueDict()


class DiscardedMessages(BaseStorage):
    """Where the messages of a preview's save go: nothing was saved, so "Saved as a draft" and
    the like are not news for the editor's next page."""

    def _get(self, *args, **kwargs):
        return [], True

    def _store(self, messages, response, *args, **kwargs):
        return []


class LivePreviewMixin:
    """For ArticleAdmin (it renders `articles.preview.staff_preview`)."""

    def get_urls(self):
        view = self.admin_site.admin_view(self.live_preview_view)
        return [
            path("<int:article_id>/preview/live/", view, name="articles_article_live_preview"),
            *super().get_urls(),
        ]

    @method_decorator(require_POST)
    def live_preview_view(self, request, article_id):
        article = self.get_object(request, str(article_id))
        if article is None:
            raise Http404
        # Only those who could save the form may see what saving it would give.
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        as_if_opened_now(request, article)
        request._messages = DiscardedMessages(request)
        try:
            with transaction.atomic(), unnoted():
                html = self.render_unsaved(request, article)
                transaction.set_rollback(True)
        except (ValidationError, DatabaseError):
            # A rule checked only on saving (the order of the rows, a unique field): the save
            # would be refused too, and say why.
            html = None
        if html is None:
            return JsonResponse({"valid": False, "message": _("Fix the errors to update the preview.")})
        return JsonResponse({"valid": True, "html": html})

    def render_unsaved(self, request, article):
        """Within a transaction the caller rolls back: save the posted change form as the admin's
        change view does, and render the article's preview; None when the form is refused."""
        fieldsets = self.get_fieldsets(request, article)
        form_class = self.get_form(request, article, change=True, fields=flatten_fieldsets(fieldsets))
        form = form_class(request.POST, request.FILES, instance=article)
        formsets, _inline_instances = self._create_formsets(request, form.instance, change=True)
        if not form.is_valid() or not all_valid(formsets):
            return None
        saved = self.save_form(request, form, change=True)
        self.save_model(request, saved, form, True)
        self.save_related(request, form, formsets, True)
        unsaved = Article.objects.with_body().get(pk=saved.pk)
        return staff_preview(request, unsaved, unsaved=True).content.decode()

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk and self.has_change_permission(request, obj):
            context["live_preview_url"] = reverse("admin:articles_article_live_preview", args=[obj.pk])
            context["live_preview_script"] = LIVE_PREVIEW_SCRIPT
            context["live_preview_style"] = LIVE_PREVIEW_STYLE
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)
