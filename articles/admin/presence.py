"""For ArticleAdmin: the article's change page says who else has it open, and since when, and
lets the editor take over (articles/presence.py).

The page loading counts as a heartbeat; then static/js/admin-presence.js posts one every
`presence.HEARTBEAT` seconds (and when the tab comes back into view) to
/admin/articles/article/<id>/presence/, which answers with the sentences to show. "Take over"
posts to /admin/articles/article/<id>/presence/take-over/: with JavaScript the page stays as it is
and goes on at the new edit version; without, the change page is loaded again.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.formats import time_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from articles import presence
from articles.models import Article

from .conflicts import version_opened

PRESENCE_SCRIPT = "js/admin-presence.js"


def at(moment):
    return time_format(timezone.localtime(moment), "H:i")


def presence_text(others):
    """ "ana has had this article open since 20:01." for each other editor, or empty."""
    return " ".join(
        _("%(name)s took over this article at %(time)s.") % {"name": entry["name"], "time": at(entry["took_over_at"])}
        if "took_over_at" in entry
        else _("%(name)s has had this article open since %(time)s.")
        % {"name": entry["name"], "time": at(entry["since"])}
        for entry in others
    )


def taken_over_text(taken_over):
    """What an editor whose page someone took over is told, or empty."""
    if not taken_over:
        return ""
    return _(
        "%(name)s took over at %(time)s and is editing now. Save your work as a copy if you need it: "
        "saving from this page will be refused as out of date, your changes kept in the form beside theirs."
    ) % {"name": taken_over["name"], "time": at(taken_over["at"])}


def answer(seen):
    """The heartbeat's answer, and the change page's context, for a `presence.Presence`."""
    return {
        "text": presence_text(seen.others),
        "warning": taken_over_text(seen.taken_over),
        "can_take_over": bool(seen.others) and not seen.holding,
    }


class PresenceMixin:
    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:article_id>/presence/", view(self.presence_view), name="articles_article_presence"),
            path(
                "<int:article_id>/presence/take-over/",
                view(self.take_over_view),
                name="articles_article_take_over",
            ),
            *super().get_urls(),
        ]

    @method_decorator(require_POST)
    def presence_view(self, request, article_id):
        article = get_object_or_404(Article, pk=article_id)
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        if request.POST.get("leave"):
            presence.leave(article.pk, request.user)
            return JsonResponse({"text": ""})
        return JsonResponse(answer(presence.heartbeat(article.pk, request.user)))

    @method_decorator(require_POST)
    def take_over_view(self, request, article_id):
        article = get_object_or_404(Article, pk=article_id)
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        before, after = presence.take_over(article.pk, request.user)
        # The page goes on at the new version only if nobody had saved since it was opened.
        going_on = after if version_opened(request.POST) == before else None
        if "application/json" in request.headers.get("Accept", ""):
            return JsonResponse({**answer(presence.heartbeat(article.pk, request.user)), "opened_version": going_on})
        self.message_user(request, _("You took over: the others with this article open are told."), messages.SUCCESS)
        return redirect(reverse("admin:articles_article_change", args=[article.pk]))

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk and isinstance(obj, Article):
            seen = answer(presence.heartbeat(obj.pk, request.user, page_loaded=True))
            context["presence_text"], context["presence_warning"] = seen["text"], seen["warning"]
            context["presence_url"] = reverse("admin:articles_article_presence", args=[obj.pk])
            context["presence_script"] = PRESENCE_SCRIPT
            context["presence_interval"] = presence.HEARTBEAT
            if self.has_change_permission(request, obj):
                context["take_over_url"] = reverse("admin:articles_article_take_over", args=[obj.pk])
                context["can_take_over"] = seen["can_take_over"]
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)
