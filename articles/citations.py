"""Citations of sources that no longer exist, mended.

An article's revisions refer to sources by primary key and do not contain them (see
articles/revisions.py): bringing back an earlier revision may bring back citations of a source
merged into another since, or deleted since. `cite_existing_sources` runs right after such rows
are written, in the same transaction (foreign keys are checked when it commits).
"""

from .kinds import article_lookup, source_relations
from .models import Source, SourceMerge


def citing_rows(article):
    """(rows, column) for every relation in articles/kinds.py by which a part of `article` cites a
    source, and whether it is many-to-many: its through rows, else the part's own rows."""
    for field in source_relations():
        lookup = article_lookup(field.model)
        if field.many_to_many:
            through = field.remote_field.through
            yield through.objects.filter(**{f"{field.m2m_field_name()}__{lookup}": article}), field, True
        else:
            yield field.model.objects.filter(**{lookup: article}), field, False


def cite_existing_sources(article):
    """Mend the article's citations of sources that no longer exist: a merged source becomes the
    source kept (`SourceMerge`), a deleted one is left out. Returns the (merged name, kept name)
    pairs used and the number of citations left out."""
    relations = list(citing_rows(article))
    cited = set()
    for rows, field, many in relations:
        column = f"{field.m2m_reverse_field_name()}_id" if many else field.attname
        cited |= {pk for pk in rows.values_list(column, flat=True) if pk is not None}
    missing = cited - set(Source.objects.filter(pk__in=cited).values_list("pk", flat=True))
    if not missing:
        return (), 0
    merges = SourceMerge.objects.kept_for(missing)
    kept = {pk: merge.kept_id for pk, merge in merges.items()}
    dropped = 0
    for rows, field, many in relations:
        if not many:
            for pk in missing:
                changed = rows.filter(**{field.attname: pk}).update(**{field.attname: kept.get(pk)})
                dropped += 0 if pk in kept else changed
            continue
        owner, source = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
        stale = list(rows.filter(**{f"{source}__in": missing}).values_list("pk", owner, source))
        rows.filter(pk__in=[pk for pk, _owner, _source in stale]).delete()
        present = set(rows.values_list(owner, source))
        wanted = {(owner_pk, kept[cited_pk]) for _pk, owner_pk, cited_pk in stale if cited_pk in kept} - present
        rows.model.objects.bulk_create([rows.model(**{owner: pk, source: kept_pk}) for pk, kept_pk in wanted])
        dropped += sum(1 for _pk, _owner, cited_pk in stale if cited_pk not in kept)
    replaced = sorted({(merges[pk].merged_name, merges[pk].kept.name) for pk in missing if pk in merges})
    return tuple(replaced), dropped
