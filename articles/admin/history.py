"""Revisions in the admin: every save of an article or of one of its parts records the whole
article (articles/revisions.py); editors list an article's revisions, compare two, and restore one.

`RevisionMixin` goes on every admin that edits part of an article; `ArticleHistoryMixin` on the
article's admin adds the history, compare and restore pages. `changes` turns what two versions
say (`revisions.entries`) into the HTML those pages and the edit-conflict notice show.
"""

import difflib
import json
import re
from dataclasses import dataclass
from functools import partial

import reversion
from django.contrib import messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from articles import revisions
from articles.models import Article, Paragraph, Section
from articles.permissions import may_restructure
from articles.revisions import REVISION_DATE_FORMAT, article_of

from .change_messages import change_message, naming_the_part

RESTORE_PERMISSION = "articles.restore_article"
# How a row edited in the admin leads to its article, in a query.
ARTICLE_OF_ROW = {Article: "pk", Section: "article", Paragraph: "section__article"}


def record_change(request, article_ids, comment, view):
    """Run `view`, an admin page that may change articles outside their change form (deleting a
    section, arranging blocks, an action on the list), and when it did (a POST answered with a
    redirect), record each article as a revision and count it as an edit of each."""
    if request.method != "POST":
        return view()
    articles = list(Article.objects.filter(pk__in=article_ids))
    for article in articles:
        revisions.ensure_history(article)
    with reversion.create_revision():
        reversion.set_user(request.user)
        reversion.set_comment(comment)
        response = view()
        if response is not None and response.status_code == 302:
            remaining = Article.objects.filter(pk__in=[article.pk for article in articles])
            for article in remaining:
                revisions.add_article(article)
            remaining.update(edit_version=F("edit_version") + 1, updated_at=timezone.now())
    return response


def restored_message(version, restored):
    """What the editor is told after a restore, including the citations it had to change."""
    date = date_format(timezone.localtime(version.revision.date_created), REVISION_DATE_FORMAT)
    parts = [
        _("The article is back as it was on %(date)s. The version it replaced is kept in the history.") % {"date": date}
    ]
    parts += [
        _("“%(merged)s” was merged into “%(kept)s” since: the article cites “%(kept)s” instead.")
        % {"merged": merged, "kept": kept}
        for merged, kept in restored.replaced
    ]
    if restored.dropped:
        parts.append(
            ngettext(
                "%(count)d citation of a source deleted since was left out.",
                "%(count)d citations of sources deleted since were left out.",
                restored.dropped,
            )
            % {"count": restored.dropped}
        )
    return " ".join(parts)


# A text compared word by word: words, runs of white space, and each other character.
WORDS = re.compile(r"\w+|\s+|[^\w\s]")


@dataclass(frozen=True)
class Change:
    kind: str  # "changed", "added" or "removed"
    label: str
    html: str


def inline_diff(old, new):
    """`old` turned into `new`, word by word, HTML-escaped, removed words in <del>, added in <ins>.

    Changed words separated only by spaces read as one change: "<del>would continue</del>"."""
    old_words, new_words = WORDS.findall(old), WORDS.findall(new)
    runs = []  # [is the same in both, old text, new text]
    for operation, old_start, old_end, new_start, new_end in difflib.SequenceMatcher(
        None, old_words, new_words, autojunk=False
    ).get_opcodes():
        old_text, new_text = "".join(old_words[old_start:old_end]), "".join(new_words[new_start:new_end])
        runs.append([operation == "equal", old_text, new_text])
    for index in range(1, len(runs) - 1):
        if runs[index][0] and not runs[index][1].strip() and not runs[index - 1][0] and not runs[index + 1][0]:
            runs[index][0] = False
    merged = []
    for same, old_text, new_text in runs:
        if merged and not same and not merged[-1][0]:
            merged[-1][1] += old_text
            merged[-1][2] += new_text
        else:
            merged.append([same, old_text, new_text])
    parts = []
    for same, old_text, new_text in merged:
        if same:
            parts.append(escape(old_text))
            continue
        if old_text:
            parts.append(f"<del>{escape(old_text)}</del>")
        if new_text:
            parts.append(f"<ins>{escape(new_text)}</ins>")
    return mark_safe("".join(parts))


def changes(old_entries, new_entries):
    """What differs between two lists of entries, in reading order: changed, added and removed entries."""
    old_by_key = {entry.key: entry for entry in old_entries}
    new_by_key = {entry.key: entry for entry in new_entries}
    old_keys, new_keys = list(old_by_key), list(new_by_key)
    found = []
    matcher = difflib.SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    for _operation, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        for key in old_keys[old_start:old_end]:
            old = old_by_key[key]
            if key not in new_by_key and old.value:
                found.append(Change("removed", old.label, mark_safe(f"<del>{escape(old.value)}</del>")))
        for key in new_keys[new_start:new_end]:
            new = new_by_key[key]
            old = old_by_key.get(key)
            if old is None:
                if new.value:
                    found.append(Change("added", new.label, mark_safe(f"<ins>{escape(new.value)}</ins>")))
            elif old.value != new.value:
                found.append(Change("changed", new.label, inline_diff(old.value, new.value)))
    return found


class RevisionMixin:
    """Records a revision of the whole article around every add or change page that saves.

    The revision's comment is the admin log's message, which names the inline rows added,
    changed and deleted too."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        before = None
        if request.method == "POST" and object_id is not None:
            obj = self.get_object(request, unquote(object_id))
            if obj is not None:
                before = article_of(obj)
                revisions.ensure_history(before)
        with reversion.create_revision():
            reversion.set_user(request.user)
            response = super().changeform_view(request, object_id, form_url, extra_context)
            if before is not None and response.status_code == 302:
                self.record_move(request, object_id, before)
            return response

    def record_move(self, request, object_id, before):
        """A section or paragraph moved to another article: the article it left records the same
        revision, and the one it joined counts the move as an edit too (the one it left already did)."""
        obj = self.get_object(request, unquote(object_id))
        after = article_of(obj) if obj is not None else before
        if after.pk == before.pk:
            return
        Article.objects.filter(pk=after.pk).update(edit_version=F("edit_version") + 1, updated_at=timezone.now())
        revisions.add_article(before)
        revisions.add_article(after)

    def delete_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        view = partial(super().delete_view, request, object_id, extra_context)
        if obj is None or isinstance(obj, Article):
            return view()
        comment = _("Deleted %(kind)s “%(object)s”.") % {"kind": obj._meta.verbose_name, "object": obj}
        return record_change(request, [article_of(obj).pk], comment, view)

    def response_action(self, request, queryset):
        """An action on a list of articles, sections or paragraphs (deleting them, publishing…) is a
        revision of every article it touched."""
        if request.POST.get("select_across") != "1":
            selected = [int(pk) for pk in request.POST.getlist(helpers.ACTION_CHECKBOX_NAME) if pk.isdigit()]
            queryset = queryset.filter(pk__in=selected)
        article_ids = list(queryset.order_by().values_list(ARTICLE_OF_ROW[self.model], flat=True).distinct())
        action = request.POST.get("action", "").replace("_", " ")
        if self.model is Article:
            comment = _("Action on the list of articles: %(action)s.") % {"action": action}
        else:
            comment = _("Action on the list of %(rows)s: %(action)s.") % {
                "rows": self.model._meta.verbose_name_plural,
                "action": action,
            }
        return record_change(request, article_ids, comment, partial(super().response_action, request, queryset))

    def history_view(self, request, object_id, extra_context=None):
        """A section's or paragraph's history is its article's: every save records the whole article."""
        obj = None if self.model is Article else self.get_object(request, unquote(object_id))
        if obj is None or not self.has_view_or_change_permission(request, obj):
            return super().history_view(request, object_id, extra_context)
        return redirect("admin:articles_article_history", article_of(obj).pk)

    def construct_change_message(self, request, form, formsets, add=False):
        return change_message(form, formsets, add)

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        self.record_article(obj, entry)
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        self.record_article(obj, entry)
        return entry

    def record_article(self, obj, entry):
        if not reversion.is_active():
            return
        # Stored untranslated, shown in the reader's language (admin/change_messages.py).
        message = json.loads(entry.change_message or "[]")
        reversion.set_comment(json.dumps(message if isinstance(obj, Article) else naming_the_part(obj, message)))
        revisions.add_article(article_of(obj))


class ArticleHistoryMixin:
    """For ArticleAdmin: the history of revisions, a comparison of two, and restoring one."""

    object_history_template = "admin/articles/article_history.html"

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<path:object_id>/history/compare/", view(self.compare_view), name="articles_article_compare"),
            path(
                "<path:object_id>/history/<int:version_id>/restore/",
                view(self.restore_view),
                name="articles_article_restore",
            ),
            *super().get_urls(),
        ]

    # The arrange page (articles/admin/arrange.py) moves and deletes sections and blocks.
    def arrange_view(self, request, article_id):
        comment = _("Arranged the sections and blocks.")
        return record_change(request, [article_id], comment, partial(super().arrange_view, request, article_id))

    def arrange_delete_view(self, request, article_id, kind, pk):
        article = get_object_or_404(Article, pk=article_id)
        if not may_restructure(request.user, article):
            raise PermissionDenied
        comment = _("Deleted a %(kind)s on the arrange page.") % {"kind": kind}
        view = partial(super().arrange_delete_view, request, article_id, kind, pk)
        return record_change(request, [article_id], comment, view)

    def has_restore_permission(self, request, obj=None):
        return request.user.has_perm(RESTORE_PERMISSION) and self.has_change_permission(request, obj)

    def history_article(self, request, object_id):
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404(_("No article with this key."))
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        return article

    def history_context(self, request, article, title):
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": article,
            "title": title,
            "subtitle": None,
            "has_restore_permission": self.has_restore_permission(request, article),
        }

    def history_view(self, request, object_id, extra_context=None):
        article = self.history_article(request, object_id)
        versions = list(revisions.article_versions(article))
        context = {
            **self.history_context(request, article, _("History: %(article)s") % {"article": article}),
            "versions": versions,
            "now": versions[0] if versions and revisions.is_current(versions[0], article) else None,
            "newest": versions[0] if versions else None,
            "oldest": versions[1] if len(versions) > 1 else None,
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.object_history_template, context)

    def article_version(self, article, version_id):
        return get_object_or_404(revisions.article_versions(article), pk=version_id)

    def compare_view(self, request, object_id):
        """Two revisions side by side: `?old=<version>&new=<version or "current">`."""
        article = self.history_article(request, object_id)
        try:
            old = self.article_version(article, int(request.GET.get("old", "")))
            new_id = request.GET.get("new", "current")
            new = None if new_id == "current" else self.article_version(article, int(new_id))
        except ValueError:
            raise Http404(_("Choose two revisions to compare.")) from None
        if new is not None and new.revision.date_created < old.revision.date_created:
            old, new = new, old
        new_entries = revisions.current_entries(article) if new is None else revisions.revision_entries(new.revision)
        context = {
            **self.history_context(request, article, _("Changes to %(article)s") % {"article": article}),
            "old": old,
            "new": new,
            "changes": changes(revisions.revision_entries(old.revision), new_entries),
        }
        return TemplateResponse(request, "admin/articles/article_compare.html", context)

    def restore_view(self, request, object_id, version_id):
        article = self.history_article(request, object_id)
        if not self.has_restore_permission(request, article):
            raise PermissionDenied
        version = self.article_version(article, version_id)
        if request.method == "POST":
            restored = revisions.restore(version, request.user)
            self.message_user(request, restored_message(version, restored), messages.SUCCESS)
            return redirect(reverse("admin:articles_article_change", args=[article.pk]))
        context = {
            **self.history_context(
                request, article, _("Restore an earlier version of %(article)s") % {"article": article}
            ),
            "version": version,
            "changes": changes(revisions.current_entries(article), revisions.revision_entries(version.revision)),
        }
        return TemplateResponse(request, "admin/articles/article_history_restore.html", context)
