"""Keeping every article's `SearchDocument`, and the `SearchPart` rows its snippets quote, current.

`update_search_documents(article_ids)` rebuilds documents from the articles' rows in a few
queries however many articles it is given. It is part of making an article public
(`publishing.refresh_public_data`), which runs once for each article changed when the
transaction changing it commits (articles/public_changes.py notes the saves and deletes). A
search first makes public what this thread noted and has not made public yet, so it sees the
writes of its own transaction.

Bulk writers (`bulk_create`, `update()`) that leave their articles unnoted call
`update_search_documents` themselves, as `generate_articles` does; `manage.py
rebuild_search_index` rebuilds them all.
"""

from collections import defaultdict
from itertools import islice

from django.db import connection, transaction
from django.db.models import BigIntegerField, F, Q, Value
from django.db.models.functions import Cast

from ..models import Article, Quote
from .models import SearchDocument, SearchPart
from .parts import searched_part, searched_parts, union_all
from .postgres import configuration
from .sqlite import fold

BATCH = 500
DOCUMENT_FIELDS = ["config", "headline", "standfirst", "body"]


def batched(items, size):
    iterator = iter(items)
    while batch := tuple(islice(iterator, size)):
        yield batch


def update_search_documents(article_ids):
    """Rebuild the documents of the articles in `article_ids`; drop those of articles that are gone."""
    for batch in batched(set(article_ids), BATCH):
        update_batch(batch)


def update_batch(article_ids):
    articles = Article.objects.filter(pk__in=article_ids).values_list("pk", "headline", "standfirst", "language")
    texts, parts = defaultdict(list), []
    rows = union_all(
        part.model.objects.filter(**{f"{part.article}__in": article_ids})
        .order_by()
        .values(
            in_article=F(part.article),
            part_kind=Value(part.kind),
            part_pk=F("pk"),
            part_paragraph=Cast(F("paragraph") if part.model is Quote else Value(None), BigIntegerField()),
            part_text=F(part.field),
        )
        for part in searched_parts()
    )
    for row in rows:
        text = searched_part(row["part_kind"]).plain(row["part_text"])
        texts[row["in_article"]].append(text)
        parts.append(
            SearchPart(
                article_id=row["in_article"],
                kind=row["part_kind"],
                part=row["part_pk"],
                paragraph=row["part_paragraph"],
                text=text,
            )
        )
    # SQLite's tokenizer knows less of Unicode than PostgreSQL's unaccent: it gets folded text.
    indexed = fold if connection.vendor == "sqlite" else str
    documents = [
        SearchDocument(
            article_id=pk,
            config=configuration(language),
            headline=indexed(headline),
            standfirst=indexed(standfirst),
            body=indexed("\n".join(texts[pk])),
        )
        for pk, headline, standfirst, language in articles
    ]
    with transaction.atomic():
        gone = set(article_ids) - {document.article_id for document in documents}
        if gone:
            SearchDocument.objects.filter(article_id__in=gone).delete()
        SearchDocument.objects.bulk_create(
            documents, update_conflicts=True, unique_fields=["article"], update_fields=DOCUMENT_FIELDS
        )
        SearchPart.objects.filter(article__in=article_ids).delete()
        SearchPart.objects.bulk_create(parts, batch_size=BATCH)


def rebuild_search_index(progress=None):
    """Rebuild every article's document, then the full-text index itself; returns how many."""
    article_ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
    for done, batch in enumerate(batched(article_ids, BATCH), start=1):
        update_batch(batch)
        if progress:
            progress(min(done * BATCH, len(article_ids)))
    SearchDocument.objects.exclude(article__in=Article.objects.all()).delete()
    SearchPart.objects.exclude(article__in=Article.objects.all()).delete()
    if connection.vendor == "sqlite":
        from .sqlite import rebuild_index

        rebuild_index()
    return len(article_ids)


def index_articles_without_document(sender, **kwargs):
    """After `migrate`: articles written before search documents, or their parts, existed get them
    (an article with nothing but a headline and standfirst has no parts: it is indexed again)."""
    tables = connection.introspection.table_names()
    if SearchDocument._meta.db_table not in tables or SearchPart._meta.db_table not in tables:
        return
    unindexed = Article.objects.filter(Q(search_document__isnull=True) | Q(search_parts__isnull=True))
    update_search_documents(unindexed.values_list("pk", flat=True).distinct())
