"""The "Arrange" page of an article: its sections, and each section's paragraphs, figures and pull
quotes, in reading order, with links to edit them, buttons to move them (forms that work without
JavaScript) and drag and drop (static/js/admin-arrange.js). Every move is saved through
articles.ordering.save_in_order.

Every move and deletion carries the article's edit version the page was opened at (see
admin/conflicts.py); when someone else has saved the article since, nothing is changed and the
page comes back, as it is now, saying so (409), whatever the change was for: a row since deleted
gives the same answer, never a 404."""

import re

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from articles.images import thumbnail_url
from articles.kinds import kind_of
from articles.models import Article, Block, Section
from articles.ordering import Placement, renumber, save_in_order
from articles.permissions import may_restructure

from .conflicts import OPENED_VERSION, SAVED_FIRST_MESSAGE, saved_since_opened

ARRANGE_SCRIPT = "js/admin-arrange.js"
# The section page's inline groups (admin prefixes: every kind reaches the section through Block).
INLINE_GROUPS = {"paragraph": "blocks-group", "figure": "blocks-2-group", "pullquote": "blocks-3-group"}
ROW_ID = re.compile(r"(section|block)-\d+")


def moved(items, item, step):
    """`items` with `item` moved `step` places (-1 up, +1 down), kept within the list."""
    items = list(items)
    index = items.index(item)
    target = max(0, min(len(items) - 1, index + step))
    items.insert(target, items.pop(index))
    return items


def save_order(siblings, ordered):
    """Number `ordered` (every row of `siblings`, in the editor's order) 1..n."""
    save_in_order(siblings, [Placement(row, wanted=position) for position, row in enumerate(ordered, start=1)])


def reorder(siblings, pks):
    """Save `siblings` in the order of `pks`, which must name each of them once."""
    rows = {row.pk: row for row in siblings}
    if sorted(pks) != sorted(rows):
        raise ValueError("The order names rows that are not these siblings.")
    save_order(siblings, [rows[pk] for pk in pks])


class RowGone(Exception):
    """A move or deletion names a section or block that is no longer there."""


def row_or_gone(queryset, **lookup):
    try:
        return queryset.get(**lookup)
    except queryset.model.DoesNotExist:
        raise RowGone from None


def arranged_sections(article):
    """The sections of `article`, loaded `with_body()`, each with `arranged_blocks`."""
    sections = list(article.sections.all())
    for section in sections:
        section.arranged_blocks = list(section.blocks.all())
        section.insert_after_url = insert_section_url(article, section.position)
        section.change_url = with_return(reverse("admin:articles_section_change", args=[section.pk]), article)
        section.delete_url = delete_url(article, "section", section.pk)
        for block in section.arranged_blocks:
            block.change_url = with_return(block_change_url(block), article)
            block.thumbnail_url = thumbnail_url(block.specific) if kind_of(block).photo else None
            block.delete_url = delete_url(article, "block", block.pk)
    return sections


def delete_url(article, kind, pk):
    """The page asking before deleting a row, carrying the version the Arrange page shows."""
    url = reverse("admin:articles_article_arrange_delete", args=[article.pk, kind, pk])
    return f"{url}?{urlencode({OPENED_VERSION: article.edit_version})}"


class ArrangeMixin:
    """For ArticleAdmin: /admin/articles/article/<id>/arrange/."""

    def get_urls(self):
        arrange = path(
            "<int:article_id>/arrange/", self.admin_site.admin_view(self.arrange_view), name="articles_article_arrange"
        )
        delete = path(
            "<int:article_id>/arrange/delete/<str:kind>/<int:pk>/",
            self.admin_site.admin_view(self.arrange_delete_view),
            name="articles_article_arrange_delete",
        )
        return [arrange, delete, *super().get_urls()]

    def deletable_kinds(self, request, section):
        """The block models (Paragraph, Figure, PullQuote) whose rows the section's own page lets
        this user delete: model permissions and the roles' rules for published work alike."""
        section_admin = self.admin_site._registry[Section]
        return {
            inline.model
            for inline in section_admin.get_inline_instances(request, section)
            if inline.has_delete_permission(request, section)
        }

    def may_delete(self, request, row):
        """What the section's own admin page would allow, for a section or a block."""
        if isinstance(row, Section):
            return self.admin_site._registry[Section].has_delete_permission(request, row)
        return type(row.specific) in self.deletable_kinds(request, row.section)

    def with_delete_permissions(self, request, sections):
        for section in sections:
            section.can_delete = self.may_delete(request, section)
            deletable = self.deletable_kinds(request, section)
            for block in section.arranged_blocks:
                block.can_delete = type(block.specific) in deletable
        return sections

    def may_move(self, request, article):
        return self.has_change_permission(request, article) and may_restructure(request.user, article)

    def arrange_delete_view(self, request, article_id, kind, pk):
        """Asks before deleting a section (with its blocks) or a block, then closes the gap."""
        article = get_object_or_404(Article, pk=article_id)
        if kind not in ("section", "block"):
            raise Http404
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        # The version comes from the Arrange page's link, then from the confirmation's form.
        data = request.POST if request.method == "POST" else request.GET
        if OPENED_VERSION in data and saved_since_opened(article.pk, data):
            return self.refused(request, article)
        try:
            if kind == "section":
                row = row_or_gone(Section.objects.all(), pk=pk, article=article)
                siblings = article.sections.all()
            else:
                row = row_or_gone(Block.objects.with_specific(), pk=pk, section__article=article)
                siblings = row.section.blocks.all()
        except RowGone:
            return self.refused(request, article)
        if not self.may_delete(request, row):
            raise PermissionDenied
        item = row if kind == "section" else row.specific
        if request.method == "POST":
            if OPENED_VERSION not in data:
                return self.refused(request, article)
            row.delete()
            renumber(siblings)
            messages.success(request, _("“%(item)s” was deleted.") % {"item": item})
            return HttpResponseRedirect(reverse("admin:articles_article_arrange", args=[article.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Are you sure?"),
            "opts": self.model._meta,
            "article": article,
            "item": item,
            "kind_name": item._meta.verbose_name,
            "blocks": list(row.blocks.with_specific()) if kind == "section" else [],
            "arrange_url": reverse("admin:articles_article_arrange", args=[article.pk]),
            "opened_version": data.get(OPENED_VERSION) or article.edit_version,
        }
        return TemplateResponse(request, "admin/articles/article/arrange_delete.html", context)

    def arrange_view(self, request, article_id):
        if request.method != "POST":
            return self.arrange_page(request, article_id)
        # A change of order needs none of the sections and blocks loaded.
        article = get_object_or_404(Article, pk=article_id)
        if not (self.has_view_or_change_permission(request, article) and self.may_move(request, article)):
            raise PermissionDenied
        if saved_since_opened(article.pk, request.POST):
            return self.refused(request, article)
        try:
            moved_row = self.apply_arrangement(request, article)
        except RowGone:
            return self.refused(request, article)
        # Back to the row that moved, so that keyboard users carry on from there.
        return HttpResponseRedirect(request.path + (f"#{moved_row}" if moved_row else ""))

    def refused(self, request, article):
        """The Arrange page as it is now, saying that someone else saved first; nothing was changed."""
        messages.error(request, SAVED_FIRST_MESSAGE)
        return self.arrange_page(request, article.pk, status=409)

    def arrange_page(self, request, article_id, status=200):
        article = get_object_or_404(Article.objects.with_body(), pk=article_id)
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        user = request.user
        context = {
            **self.admin_site.each_context(request),
            "title": _("Arrange “%(article)s”") % {"article": article},
            "opts": self.model._meta,
            "article": article,
            "sections": self.with_delete_permissions(request, arranged_sections(article)),
            "can_change": self.has_change_permission(request, article),
            "can_move": self.may_move(request, article),
            "can_add_section": user.has_perm("articles.add_section"),
            "can_add_paragraph": user.has_perm("articles.add_paragraph"),
            "add_section_url": reverse("admin:articles_section_add"),
            "arrange_script": ARRANGE_SCRIPT,
        }
        return TemplateResponse(request, "admin/articles/article/arrange.html", context, status=status)

    def apply_arrangement(self, request, article):
        """One change per request: a button's `move` ("section:<pk>:up") or a drag's `order`
        ("blocks:<section pk>:<pk>,<pk>,…"). Returns the id of the row that moved, if known."""
        sections = article.sections.all()
        move, order = request.POST.get("move", ""), request.POST.get("order", "")
        try:
            if move:
                kind, pk, direction = move.split(":")
                step = {"up": -1, "down": 1}[direction]
                if kind == "section":
                    section = row_or_gone(Section.objects.all(), pk=int(pk), article=article)
                    save_order(sections, moved(sections, section, step))
                elif kind == "block":
                    block = row_or_gone(Block.objects.all(), pk=int(pk), section__article=article)
                    siblings = block.section.blocks.all()
                    save_order(siblings, moved(siblings, block, step))
                else:
                    raise ValueError(kind)
            elif order:
                kind, parent_pk, pks = order.split(":")
                pks = [int(pk) for pk in pks.split(",") if pk.strip()]
                if kind == "sections" and int(parent_pk) == article.pk:
                    reorder(sections, pks)
                elif kind == "blocks":
                    section = row_or_gone(Section.objects.all(), pk=int(parent_pk), article=article)
                    reorder(section.blocks.all(), pks)
                else:
                    raise ValueError(kind)
            else:
                return None
        except (ValueError, KeyError) as error:
            raise Http404(_("That change of order does not match this article.")) from error
        messages.success(request, _("The new order is saved."))
        if move:
            return f"{kind}-{int(pk)}"
        dragged = request.POST.get("dragged", "")
        return dragged if ROW_ID.fullmatch(dragged) else None


def insert_section_url(article, after_position):
    """The "add section" page, for a section placed right after the one at `after_position`."""
    query = urlencode({"article": article.pk, "position": after_position + 1, "arrange": article.pk})
    return f"{reverse('admin:articles_section_add')}?{query}"


def with_return(url, article):
    """`url` (an admin change page, maybe with a #fragment) that returns to Arrange on "Save"."""
    path, hash_mark, fragment = url.partition("#")
    return f"{path}?{urlencode({'arrange': article.pk})}{hash_mark}{fragment}"


def block_change_url(block):
    """Paragraphs have their own page (with their quotes); figures and pull quotes are edited
    on their section's page."""
    if block.kind == "paragraph":
        return reverse("admin:articles_paragraph_change", args=[block.pk])
    return reverse("admin:articles_section_change", args=[block.section_id]) + f"#{INLINE_GROUPS[block.kind]}"


class ReturnToArrangeMixin:
    """For the section and paragraph admins: opened from the Arrange page (``?arrange=<article
    id>``), "Save" goes back there, to the row just saved, instead of to a list."""

    def arrange_return_url(self, request, obj):
        article_id = request.GET.get("arrange", "")
        if not article_id.isdigit() or "_save" not in request.POST:
            return None
        row = f"section-{obj.pk}" if isinstance(obj, Section) else f"block-{obj.pk}"
        return f"{reverse('admin:articles_article_arrange', args=[int(article_id)])}#{row}"

    def response_change(self, request, obj):
        response = super().response_change(request, obj)
        url = self.arrange_return_url(request, obj)
        return HttpResponseRedirect(url) if url and response.status_code == 302 else response

    def response_add(self, request, obj, post_url_continue=None):
        response = super().response_add(request, obj, post_url_continue)
        url = self.arrange_return_url(request, obj)
        return HttpResponseRedirect(url) if url and response.status_code == 302 else response
