"""Merging duplicate sources: every citation moves to the source kept, the others' names become
its aliases, and the duplicates are deleted, all in one transaction.

A merge changes every article that cited a duplicate, so it is recorded as a revision of each of
them, with who merged what, and counts as an edit of each (an editor with one of them open is
told, as after any other save).
"""

import reversion
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import ngettext

from . import revisions
from .content_version import content_changed
from .counts import refresh_counts
from .kinds import source_relations
from .models import Article, Source, SourceMerge


def merge_sources(keep, duplicates, user=None):
    """Move every citation of `duplicates` to `keep`, record their names as its aliases, delete
    them, and record the change as a revision (by `user`) of every article whose citations moved."""
    duplicates = [source for source in duplicates if source.pk != keep.pk]
    if not duplicates:
        return keep
    articles = articles_citing(duplicates)
    for article in articles:
        revisions.ensure_history(article)
    with transaction.atomic(), reversion.create_revision():
        reversion.set_user(user)
        reversion.set_comment(merge_comment(keep, duplicates))
        move_citations(keep, duplicates)
        keep.aliases = "\n".join(aliases_after_merge(keep, duplicates))
        # Revisions from before the merge cite the duplicates: restoring one needs to know the source kept.
        SourceMerge.objects.record(keep, duplicates)
        Source.objects.filter(pk__in=[source.pk for source in duplicates]).delete()
        keep.save(update_fields=["aliases"])
        Article.objects.filter(pk__in=[article.pk for article in articles]).update(
            edit_version=F("edit_version") + 1, updated_at=timezone.now()
        )
        # The citations moved without signals: recount the articles that cited a duplicate.
        refresh_counts([article.pk for article in articles])
        for article in articles:
            revisions.add_article(article)
    return keep


def articles_citing(sources):
    pks = set()
    for source in sources:
        pks.update(Article.objects.citing(source).values_list("pk", flat=True))
    return list(Article.objects.filter(pk__in=pks))


def move_citations(keep, duplicates):
    """Point every relation to a duplicate (articles/kinds.py lists them) at `keep` instead."""
    duplicate_pks = [source.pk for source in duplicates]
    for field in source_relations():
        if not field.many_to_many:
            field.model._default_manager.filter(**{f"{field.attname}__in": duplicate_pks}).update(**{field.name: keep})
            continue
        through, owner = field.remote_field.through, f"{field.m2m_field_name()}_id"
        cited = through.objects.filter(source_id__in=duplicate_pks)
        already = set(through.objects.filter(source_id=keep.pk).values_list(owner, flat=True))
        through.objects.bulk_create(
            [through(**{owner: pk, "source_id": keep.pk}) for pk in set(cited.values_list(owner, flat=True)) - already]
        )
        cited.delete()
    # The many-to-many tables are written in bulk, which sends no signal.
    content_changed()


def aliases_after_merge(keep, duplicates):
    names = keep.alias_list()
    for source in duplicates:
        for name in [source.name, *source.alias_list()]:
            if name != keep.name and name not in names:
                names.append(name)
    return names


def merge_comment(keep, duplicates):
    merged = ", ".join(f"“{source.name}”" for source in duplicates)
    return ngettext(
        "Merged source %(merged)s into “%(keep)s”.", "Merged sources %(merged)s into “%(keep)s”.", len(duplicates)
    ) % {"merged": merged, "keep": keep.name}
