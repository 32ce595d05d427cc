"""Counts stored with each article, so that lists and source pages read them instead of walking
every article: its `word_count` (the reading time lists show) and its `ArticleSource` rows (each
source it cites, with how many of its statements and photos cite it, counted as its page's
sources panel counts them: see articles/reading.py).

`refresh_counts(article_ids)` recounts articles in four queries however many rows they have.
Articles change from many places (the admin, the importer, a restored revision, the tests'
factories), so signals call it whenever a part that holds words or cites a source is saved or
deleted, or a part's sources change (articles/kinds.py names the parts). Code that writes many
rows at once wraps them in `counted_once()`, which recounts each article once, on the way out,
instead of after every row. Writes that send no signals (`bulk_create`, `update()`, merging
sources) call `refresh_counts` themselves; `manage.py refresh_counts` recounts every article.

The counts are part of an article's public version: making it public recounts it
(`publishing.refresh_public_data`), and a change kept from readers until then (a draft of a
published article, `public_changes.drafting`, or `unnoted`) leaves them as they are.
"""

import threading
from contextlib import contextmanager
from functools import reduce
from itertools import islice
from operator import add

from django.db import transaction
from django.db.models import CharField, Count, IntegerField, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from .kinds import BLOCK_KINDS, LEAD_FIGURE, article_lookup, contained_parts, source_relations
from .models import Article, ArticleSource, Block
from .public_changes import kept_from_readers

BATCH = 500


def parts():
    """(Part, whether it stands on its own in the article rather than inside another row) for
    every part of an article."""
    yield LEAD_FIGURE, True
    for kind in BLOCK_KINDS.values():
        yield kind, True
    for _kind, _related, part, _link in contained_parts():
        yield part, False


def word_count_expression():
    """The words of the article `OuterRef("pk")` names: the `word_count` of its parts with words."""
    totals = [
        Coalesce(
            Subquery(
                kind.model.objects.filter(section__article=OuterRef("pk"))
                .order_by()
                .values("section__article")
                .annotate(total=Sum("word_count"))
                .values("total"),
                output_field=IntegerField(),
            ),
            Value(0),
        )
        for kind in BLOCK_KINDS.values()
        if kind.words
    ]
    return reduce(add, totals, Value(0))


def word_count_of(article_pk):
    return Article.objects.filter(pk=article_pk).values_list(word_count_expression(), flat=True).first() or 0


def citations(article_ids):
    """(article id, part name, row key, source id) of every citation in the articles, in one query:
    one row per relation by which a part cites a source (a quote's speaker and its outlet are two)."""
    queries = [
        part.model.objects.filter(**{f"{article_lookup(part.model)}__in": article_ids, f"{field.name}__isnull": False})
        .order_by()
        .annotate(part_name=Value(part.name, output_field=CharField()))
        .values_list(article_lookup(part.model), "part_name", "pk", field.name)
        for part, _alone in parts()
        for field in part.relations()
    ]
    return queries[0].union(*queries[1:], all=True)


def count_citations(rows):
    """{(article id, source id): [statements, photos]} by the rules of the sources panel: a part
    standing on its own counts once for each source it cites, however many ways (a photo as a
    photo, anything else as a statement); a part inside another (a paragraph's quote) counts
    once for each way it cites a source."""
    by_name = {part.name: (part, alone) for part, alone in parts()}
    counted, seen = {}, set()
    for article_id, part_name, row, source_id in rows:
        part, alone = by_name[part_name]
        if alone:
            if (part_name, row, source_id) in seen:
                continue
            seen.add((part_name, row, source_id))
        counts = counted.setdefault((article_id, source_id), [0, 0])
        counts[1 if part.photo else 0] += 1
    return counted


def refresh_counts(article_ids):
    """Recount the words and the sources of the articles in `article_ids` (gone ones are skipped)."""
    article_ids = iter(set(article_ids))
    while batch := list(islice(article_ids, BATCH)):
        with transaction.atomic():
            # A plain UPDATE: the counts follow rows whose change moved the content version already
            # (articles/content_version.py), and moving it again would move it for nothing.
            QuerySet.update(Article.objects.filter(pk__in=batch), word_count=word_count_expression())
            counted = count_citations(citations(batch))
            ArticleSource.objects.filter(article__in=batch).delete()
            ArticleSource.objects.bulk_create(
                ArticleSource(article_id=article_id, source_id=source_id, statements=statements, photos=photos)
                for (article_id, source_id), (statements, photos) in counted.items()
            )


def citation_totals(source, articles):
    """How many of `articles` cite `source`, and how many of their statements and photos do."""
    totals = ArticleSource.objects.filter(source=source, article__in=articles).aggregate(
        articles=Count("pk"), statements=Sum("statements", default=0), photos=Sum("photos", default=0)
    )
    return totals


def refresh_all_counts():
    """Recount every article; returns how many."""
    article_ids = list(Article.objects.values_list("pk", flat=True))
    refresh_counts(article_ids)
    return len(article_ids)


# Keeping the counts current through signals


class Pending(threading.local):
    def __init__(self):
        self.depth, self.article_ids = 0, set()


pending = Pending()


@contextmanager
def counted_once():
    """Articles changed within are recounted once each on the way out (not if it raises: the
    transaction it belongs to is being rolled back). Nests: the outermost one recounts."""
    pending.depth += 1
    try:
        yield
    except BaseException:
        pending.depth -= 1
        if not pending.depth:
            pending.article_ids = set()
        raise
    pending.depth -= 1
    if not pending.depth:
        article_ids, pending.article_ids = pending.article_ids, set()
        refresh_counts(article_ids)


def recount(article_ids):
    """Recount the articles now, or once at the end of the `counted_once()` this runs within;
    not while the change is kept from readers (the counts are part of what is public)."""
    if kept_from_readers():
        return
    article_ids = {pk for pk in article_ids if pk is not None}
    if pending.depth:
        pending.article_ids |= article_ids
    elif article_ids:
        refresh_counts(article_ids)


def articles_of(model, pks):
    return set(model._default_manager.filter(pk__in=pks).values_list(article_lookup(model), flat=True))


def whole_article_deleted(origin):
    """Deleting an article deletes its counts with it: its parts' deletions need no recount."""
    return isinstance(origin, Article) or getattr(origin, "model", None) is Article


def connect_signals():
    """Recount an article when a part of it that holds words or cites a source changes."""
    for part, _alone in parts():
        if part.words or any(not field.many_to_many for field in part.relations()):
            post_save.connect(
                saved_receiver(part.model), sender=part.model, weak=False, dispatch_uid=f"counts.{part.name}"
            )
    # Block: every kind's deletion deletes its Block row, which holds the chips (`sources`).
    deleted = [Block, LEAD_FIGURE.model, *(part.model for part, alone in parts() if not alone)]
    for model in deleted:
        uid = f"counts.{model._meta.model_name}"
        pre_delete.connect(before_delete_receiver(model), sender=model, weak=False, dispatch_uid=uid)
        post_delete.connect(after_delete_receiver, sender=model, weak=False, dispatch_uid=uid)
    for field in source_relations():
        if field.many_to_many:
            m2m_changed.connect(
                sources_receiver(field),
                sender=field.remote_field.through,
                weak=False,
                dispatch_uid=f"counts.{field.model._meta.model_name}.{field.name}",
            )


def saved_receiver(model):
    def receiver(sender, instance, **kwargs):
        recount(articles_of(model, [instance.pk]))

    return receiver


def before_delete_receiver(model):
    def receiver(sender, instance, origin=None, **kwargs):
        if not whole_article_deleted(origin):
            # Found now: once deleted, the row no longer leads to its article.
            instance._counted_articles = articles_of(model, [instance.pk])

    return receiver


def after_delete_receiver(sender, instance, **kwargs):
    recount(getattr(instance, "_counted_articles", ()))


def sources_receiver(field):
    """For the many-to-many `field` from a part to Source, changed from either side."""
    through, owner = field.remote_field.through, field.m2m_field_name()

    def receiver(sender, instance, action, reverse, pk_set, **kwargs):
        if not reverse:
            if action in ("post_add", "post_remove", "post_clear"):
                recount(articles_of(field.model, [instance.pk]))
        elif action == "pre_clear":
            owners = through.objects.filter(**{field.m2m_reverse_field_name(): instance.pk}).values(owner)
            instance._counted_articles = articles_of(field.model, owners)
        elif action == "post_clear":
            recount(getattr(instance, "_counted_articles", ()))
        elif action in ("post_add", "post_remove"):
            recount(articles_of(field.model, pk_set))

    return receiver


def fill_after_migrate(sender, apps=None, **kwargs):
    """After `migrate`, count the articles of a database that has none counted yet (the first
    migrate after stored counts arrived); nothing once the counts exist, or when migrated back
    to before they could (`apps` is the state migrated to; `flush` sends none: the current one)."""
    if apps is not None:
        try:
            apps.get_model("articles", "ArticleSource")
        except LookupError:
            return
    if not ArticleSource.objects.exists() and Article.objects.exists():
        refresh_all_counts()
