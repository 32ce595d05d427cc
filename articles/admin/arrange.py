"""The "Arrange" page of an article: its sections, and each section's paragraphs, figures and pull
quotes, in reading order, with links to edit them, buttons to move them (forms that work without
JavaScript) and drag and drop (static/js/admin-arrange.js). Every move is saved through
articles.ordering.save_in_order."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from articles.models import Article, Block, Section
from articles.ordering import Placement, save_in_order

ARRANGE_SCRIPT = "js/admin-arrange.js"


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


def parse_pks(text):
    try:
        return [int(pk) for pk in text.split(",") if pk.strip()]
    except ValueError:
        return None


def arranged_sections(article):
    """The article's sections, each with `arranged_blocks` (specific kind, quotes loaded)."""
    sections = list(article.sections.all())
    blocks = (
        Block.objects.filter(section__article=article)
        .select_related("paragraph", "figure", "pullquote")
        .prefetch_related("paragraph__quotes")
        .order_by("section_id", "position")
    )
    by_section = {}
    for block in blocks:
        by_section.setdefault(block.section_id, []).append(block)
    for section in sections:
        section.arranged_blocks = by_section.get(section.pk, [])
        section.insert_after_url = insert_section_url(article, section.position)
        for block in section.arranged_blocks:
            block.change_url = block_change_url(block)
            block.delete_url = block_delete_url(block)
    return sections


class ArrangeMixin:
    """For ArticleAdmin: /admin/articles/article/<id>/arrange/."""

    def get_urls(self):
        arrange = path("<int:article_id>/arrange/", self.admin_site.admin_view(self.arrange_view), name="articles_article_arrange")
        return [arrange, *super().get_urls()]

    def arrange_view(self, request, article_id):
        article = get_object_or_404(Article, pk=article_id)
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        if request.method == "POST":
            if not self.has_change_permission(request, article):
                raise PermissionDenied
            self.apply_arrangement(request, article)
            return HttpResponseRedirect(request.path + (f"#{request.POST['focus']}" if request.POST.get("focus") else ""))
        user = request.user
        context = {
            **self.admin_site.each_context(request),
            "title": _("Arrange “%(article)s”") % {"article": article},
            "opts": self.model._meta,
            "article": article,
            "sections": arranged_sections(article),
            "can_change": self.has_change_permission(request, article),
            "can_add_section": user.has_perm("articles.add_section"),
            "can_delete_section": user.has_perm("articles.delete_section"),
            "can_delete_block": user.has_perm("articles.delete_block"),
            "add_section_url": reverse("admin:articles_section_add"),
            "arrange_script": ARRANGE_SCRIPT,
        }
        return TemplateResponse(request, "admin/articles/article/arrange.html", context)

    def apply_arrangement(self, request, article):
        """One change per request: a button's `move` ("section:<pk>:up") or a drag's `order`."""
        sections = article.sections.all()
        move, order = request.POST.get("move", ""), request.POST.get("order", "")
        try:
            if move:
                kind, pk, direction = move.split(":")
                step = {"up": -1, "down": 1}[direction]
                if kind == "section":
                    rows = list(sections)
                    row = next(row for row in rows if row.pk == int(pk))
                    save_order(sections, moved(rows, row, step))
                elif kind == "block":
                    block = get_object_or_404(Block, pk=int(pk), section__article=article)
                    siblings = block.section.blocks.all()
                    rows = list(siblings)
                    save_order(siblings, moved(rows, next(row for row in rows if row.pk == block.pk), step))
                else:
                    raise ValueError(kind)
            elif order:
                kind, parent_pk, pks = order.split(":")
                pks = parse_pks(pks)
                if pks is None:
                    raise ValueError(order)
                if kind == "sections" and int(parent_pk) == article.pk:
                    reorder(sections, pks)
                elif kind == "blocks":
                    section = get_object_or_404(Section, pk=int(parent_pk), article=article)
                    reorder(section.blocks.all(), pks)
                else:
                    raise ValueError(kind)
            else:
                return
        except (ValueError, KeyError, StopIteration):
            raise Http404(_("That change of order does not match this article."))
        messages.success(request, _("The new order is saved."))


def insert_section_url(article, after_position):
    """The "add section" page, for a section placed right after the one at `after_position`."""
    query = urlencode({"article": article.pk, "position": after_position + 1})
    return f"{reverse('admin:articles_section_add')}?{query}"


def block_change_url(block):
    specific = block.specific
    return reverse(f"admin:articles_{specific._meta.model_name}_change", args=[specific.pk])


def block_delete_url(block):
    specific = block.specific
    return reverse(f"admin:articles_{specific._meta.model_name}_delete", args=[specific.pk])

