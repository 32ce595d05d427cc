"""Citations of sources that no longer exist, mended.

An article's revisions refer to sources by primary key and do not contain them (see
articles/revisions.py): bringing back an earlier revision may bring back citations of a source
merged into another since, or deleted since. `cite_existing_sources` runs right after such rows
are written, in the same transaction (foreign keys are checked when it commits).
"""

from .models import Block, LeadFigure, PullQuote, Quote, Source, SourceMerge


def cite_existing_sources(article):
    """Mend the article's citations of sources that no longer exist: a merged source becomes the
    source kept (`SourceMerge`), a deleted one is left out. Returns the (merged name, kept name)
    pairs used and the number of citations left out."""
    single = [
        (Quote.objects.filter(paragraph__section__article=article), field) for field in ("speaker_id", "source_id")
    ] + [(PullQuote.objects.filter(section__article=article), field) for field in ("speaker_id", "source_id")]
    many = [
        (Block.sources.through.objects.filter(block__section__article=article), "block_id"),
        (LeadFigure.sources.through.objects.filter(leadfigure__article=article), "leadfigure_id"),
    ]
    cited = {pk for rows, field in single for pk in rows.values_list(field, flat=True) if pk is not None}
    cited |= {pk for rows, _owner in many for pk in rows.values_list("source_id", flat=True)}
    missing = cited - set(Source.objects.filter(pk__in=cited).values_list("pk", flat=True))
    if not missing:
        return (), 0
    merges = SourceMerge.objects.kept_for(missing)
    kept = {pk: merge.kept_id for pk, merge in merges.items()}
    dropped = 0
    for rows, field in single:
        for pk in missing:
            changed = rows.filter(**{field: pk}).update(**{field: kept.get(pk)})
            dropped += 0 if pk in kept else changed
    for rows, owner in many:
        stale = list(rows.filter(source_id__in=missing).values_list("pk", owner, "source_id"))
        rows.filter(pk__in=[pk for pk, _owner, _source in stale]).delete()
        present = set(rows.values_list(owner, "source_id"))
        wanted = {(owner_pk, kept[source]) for _pk, owner_pk, source in stale if source in kept} - present
        rows.model.objects.bulk_create([rows.model(**{owner: pk, "source_id": source}) for pk, source in wanted])
        dropped += sum(1 for _pk, _owner, source in stale if source not in kept)
    replaced = sorted({(merges[pk].merged_name, merges[pk].kept.name) for pk in missing if pk in merges})
    return tuple(replaced), dropped
