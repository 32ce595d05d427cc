"""Editors' saves are drafts: while the admin saves, an article readers can see keeps its public
version and gets unpublished changes (articles/publishing.py); only Publish and Schedule, on the
article's page or its list, make the working version public.

`DraftingMixin` goes on every admin that edits an article or its parts, around every view that
may save (change and add pages, deletions, the list's actions). `ArticleDraftsMixin`, on the
article's admin, adds the Arrange page's views and the buttons' rules: Publish, Schedule and
Unpublish are refused, with nothing saved, to those who may not publish.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from articles import publishing
from articles.permissions import may_publish

from .publishing import PUBLISHERS_BUTTONS, SAVE_DRAFT, button_pressed


class DraftingMixin:
    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        with publishing.drafting():
            return super().changeform_view(request, object_id, form_url, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        with publishing.drafting():
            return super().delete_view(request, object_id, extra_context)

    def changelist_view(self, request, extra_context=None):
        with publishing.drafting():
            return super().changelist_view(request, extra_context)


class ArticleDraftsMixin(DraftingMixin):
    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST":
            if button_pressed(request) != SAVE_DRAFT and not may_publish(request.user):
                self.message_user(
                    request,
                    _("You may not publish, schedule or unpublish articles: nothing was saved. Save a draft instead."),
                    messages.ERROR,
                )
                return redirect(request.get_full_path())
            if any(button in request.POST for button in (SAVE_DRAFT, *PUBLISHERS_BUTTONS)):
                # Every button stays on the article: editors go on working on it.
                request.POST = request.POST.copy()
                request.POST["_continue"] = "1"
        return super().changeform_view(request, object_id, form_url, extra_context)

    def arrange_view(self, request, article_id):
        with publishing.drafting():
            return super().arrange_view(request, article_id)

    def arrange_delete_view(self, request, article_id, kind, pk):
        with publishing.drafting():
            return super().arrange_delete_view(request, article_id, kind, pk)
