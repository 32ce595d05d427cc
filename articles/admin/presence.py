"""For ArticleAdmin: the article's change page says who else has it open, and since when.

The page loading counts as a heartbeat; then static/js/admin-presence.js posts one every
`presence.HEARTBEAT` seconds (and when the tab comes back into view) to
/admin/articles/article/<id>/presence/, which answers with the sentence to show.
"""

from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.formats import time_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from articles import presence
from articles.models import Article

PRESENCE_SCRIPT = "js/admin-presence.js"


def presence_text(others):
    """ "ana has had this article open since 20:01." for each other editor, or empty."""
    return " ".join(
        _("%(name)s has had this article open since %(time)s.")
        % {"name": entry["name"], "time": time_format(timezone.localtime(entry["since"]), "H:i")}
        for entry in others
    )


class PresenceMixin:
    def get_urls(self):
        view = self.admin_site.admin_view(self.presence_view)
        return [path("<int:article_id>/presence/", view, name="articles_article_presence"), *super().get_urls()]

    @method_decorator(require_POST)
    def presence_view(self, request, article_id):
        article = get_object_or_404(Article, pk=article_id)
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        if request.POST.get("leave"):
            presence.leave(article.pk, request.user)
            return JsonResponse({"text": ""})
        return JsonResponse({"text": presence_text(presence.heartbeat(article.pk, request.user))})

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk and isinstance(obj, Article):
            context["presence_text"] = presence_text(presence.heartbeat(obj.pk, request.user))
            context["presence_url"] = reverse("admin:articles_article_presence", args=[obj.pk])
            context["presence_script"] = PRESENCE_SCRIPT
            context["presence_interval"] = presence.HEARTBEAT
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)
