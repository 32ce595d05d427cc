"""Keeping every article's `SearchDocument` current.

`update_search_documents(article_ids)` rebuilds documents from the articles' rows in a few
queries however many articles it is given. Saves and deletes reach it through signals,
because articles change from many places (the admin, the importer, a restored revision):
each save or delete of an article, section, block, quote or lead figure only notes what
changed, and once the transaction commits, the documents of the articles concerned are
rebuilt once each. A search first rebuilds what this connection noted and has not rebuilt
yet, so it sees the writes of its own transaction.

Bulk writers (`bulk_create`, `update()`) send no signals: they call `update_search_documents`
themselves, as `generate_articles` does; `manage.py rebuild_search_index` rebuilds them all.
"""

import threading
from collections import defaultdict
from itertools import islice

from django.db import connection, transaction
from django.db.models import F, Value
from django.db.models.signals import post_delete, post_save

from ..models import Article, Block, Figure, LeadFigure, Paragraph, PullQuote, Quote, Section
from .models import SearchDocument
from .parts import PARTS, PARTS_BY_KIND, union_all
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
    texts = defaultdict(list)
    rows = union_all(
        part.model.objects.filter(**{f"{part.article}__in": article_ids})
        .order_by()
        .values(in_article=F(part.article), part_kind=Value(part.kind), part_text=F(part.field))
        for part in PARTS
    )
    for row in rows:
        texts[row["in_article"]].append(PARTS_BY_KIND[row["part_kind"]].plain(row["part_text"]))
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


def rebuild_search_index(progress=None):
    """Rebuild every article's document, then the full-text index itself; returns how many."""
    article_ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
    for done, batch in enumerate(batched(article_ids, BATCH), start=1):
        update_batch(batch)
        if progress:
            progress(min(done * BATCH, len(article_ids)))
    SearchDocument.objects.exclude(article__in=Article.objects.all()).delete()
    if connection.vendor == "sqlite":
        from .sqlite import rebuild_index

        rebuild_index()
    return len(article_ids)


# Changes noted by signals, rebuilt when the transaction commits


class Changes(threading.local):
    """What this thread's transaction changed: articles, and sections and paragraphs (whose
    article is looked up when the documents are rebuilt, rather than once per signal)."""

    def __init__(self):
        self.articles, self.sections, self.paragraphs = set(), set(), set()


changes = Changes()


def note_change(kind, pk):
    if pk is None:
        return
    getattr(changes, kind).add(pk)
    # One callback per change: those of a rolled back savepoint are dropped, the set is not,
    # so a later commit (or search) still rebuilds it. The callbacks after the first find nothing.
    transaction.on_commit(update_changed_search_documents, robust=True)


def update_changed_search_documents():
    """Rebuild the documents of the articles changed since the last rebuild; nothing if none."""
    if not (changes.articles or changes.sections or changes.paragraphs):
        return
    article_ids, section_ids, paragraph_ids = changes.articles, changes.sections, changes.paragraphs
    changes.articles, changes.sections, changes.paragraphs = set(), set(), set()
    # A deleted section or paragraph noted its parent when it went; those still here say whose they are.
    if section_ids:
        article_ids |= set(Section.objects.filter(pk__in=section_ids).values_list("article_id", flat=True))
    if paragraph_ids:
        article_ids |= set(Block.objects.filter(pk__in=paragraph_ids).values_list("section__article_id", flat=True))
    update_search_documents(article_ids)


# What each model's rows belong to: (kind of change, attribute).
WATCHED = {
    Article: ("articles", "pk"),
    LeadFigure: ("articles", "article_id"),
    Section: ("articles", "article_id"),
    Block: ("sections", "section_id"),
    Paragraph: ("sections", "section_id"),
    Figure: ("sections", "section_id"),
    PullQuote: ("sections", "section_id"),
    Quote: ("paragraphs", "paragraph_id"),
}


def content_changed(sender, instance, **kwargs):
    kind, attribute = WATCHED[sender]
    note_change(kind, getattr(instance, attribute))


def connect_signals():
    """Called from `ArticlesConfig.ready`."""
    for model in WATCHED:
        for signal in (post_save, post_delete):
            signal.connect(content_changed, sender=model, dispatch_uid=f"search-document-{model.__name__}")


def index_articles_without_document(sender, **kwargs):
    """After `migrate`: articles written before search documents existed get theirs."""
    if SearchDocument._meta.db_table not in connection.introspection.table_names():
        return
    update_search_documents(Article.objects.filter(search_document__isnull=True).values_list("pk", flat=True))
