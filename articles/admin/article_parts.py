"""The section and paragraph pages: they name their article in the title and the breadcrumbs,
and "Save" goes back to the article (or to its Arrange page when opened from there), never to
the list of every section or paragraph."""

from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from articles.models import Article, Section
from articles.revisions import article_of

from .arrange import ReturnToArrangeMixin

OTHER_SAVES = ("_continue", "_addanother", "_saveasnew")


def parent_from_query(request, parent_field):
    """The section or article an add page was opened for (``?section=<id>``, ``?article=<id>``)."""
    value = request.GET.get(parent_field, "")
    if not value.isdigit():
        return None
    model = Section if parent_field == "section" else Article
    return model.objects.select_related(*(["article"] if model is Section else [])).filter(pk=int(value)).first()


class ArticlePartPageMixin(ReturnToArrangeMixin):
    """For the admins of sections and paragraphs (which have a `parent_field`)."""

    change_form_template = "admin/articles/part_change_form.html"

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        parent = getattr(obj, self.parent_field) if obj is not None else parent_from_query(request, self.parent_field)
        if parent is not None:
            article = article_of(parent)
            kind = self.model._meta.verbose_name
            context["title"] = (
                _("Add a %(kind)s to “%(article)s”") if add else _("Change %(kind)s of “%(article)s”")
            ) % {"kind": kind, "article": article}
            context["part_article"] = article
            context["part_article_opts"] = Article._meta
            if isinstance(parent, Section):
                context["part_parent"] = parent
                context["part_parent_url"] = reverse("admin:articles_section_change", args=[parent.pk])
            context["part_here"] = _("Add %(kind)s") % {"kind": kind} if add else Truncator(str(obj)).words(12)
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)

    def article_return_url(self, request, obj):
        # "Save" (or Enter in a field): not "Save and continue", "Save and add another"…
        if request.GET.get("arrange") or any(key in request.POST for key in OTHER_SAVES):
            return None
        return reverse("admin:articles_article_change", args=[article_of(obj).pk])

    def response_change(self, request, obj):
        response = super().response_change(request, obj)
        url = self.article_return_url(request, obj)
        return HttpResponseRedirect(url) if url and response.status_code == 302 else response

    def response_add(self, request, obj, post_url_continue=None):
        response = super().response_add(request, obj, post_url_continue)
        url = self.article_return_url(request, obj)
        return HttpResponseRedirect(url) if url and response.status_code == 302 else response
