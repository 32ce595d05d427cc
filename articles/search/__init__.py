"""Search over published articles: headlines, standfirsts, paragraphs, quotes and captions.

Each article's searchable text is stored in a `SearchDocument` (`models.py`), kept current by
`documents.py` and indexed by the database: a weighted `tsvector` with a GIN index on
PostgreSQL (`postgres.py`), an FTS5 table on SQLite (`sqlite.py`). Both rank headline >
standfirst > body, newest first among equals. Only the articles of the page shown are then
searched part by part for snippets, marked, and turned into HTML (`highlight.py`).

Everything a result shows is the article as made public: the headline and standfirst of its
summary (articles/public_summaries.py), and snippets from its `SearchPart` rows, the text of
its paragraphs, quotes and captions stored with its search document.

A search costs four queries whatever the size of the archive and the number of results: the
ranked keys of the matching articles, the page of articles, their matching parts, and the
marked text of the few snippets shown.
"""

import re
from collections import defaultdict
from dataclasses import dataclass

from django.db import connection
from django.db.models import F, FloatField
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast, Coalesce

from ..models import Article
from ..public_changes import refresh_pending_public_data
from ..public_summaries import public_summaries, with_summaries
from ..text import CONTROL_CHARACTERS, LINE_BREAKS_AND_TABS
from .documents import update_search_documents
from .highlight import MARK_START, MARK_STOP, highlight, snippet
from .models import SearchPart
from .parts import Part, searched_part
from .postgres import PostgresSearch
from .sqlite import SqliteSearch, mark_words

__all__ = [
    "MARK_START",
    "MARK_STOP",
    "MAX_QUERY_LENGTH",
    "SNIPPETS_PER_RESULT",
    "SearchResult",
    "Snippet",
    "clean_query",
    "mark_words",
    "ranked_article_ids",
    "search_results",
    "snippet",
    "update_search_documents",
]

MAX_QUERY_LENGTH = 200
MAX_WORDS = 12
SNIPPETS_PER_RESULT = 3
# The searched parts as made public, matched and marked for snippets like the rows they were read from.
STORED_PARTS = Part("stored", SearchPart, "article", "text")

UNWANTED_IN_QUERY = re.compile(f"[{CONTROL_CHARACTERS}{LINE_BREAKS_AND_TABS}{MARK_START}{MARK_STOP}]")


def clean_query(raw):
    """The query as typed, without control characters or runs of spaces, cut to 200 characters
    (at a space if there is one, so that no word is cut in half)."""
    query = " ".join(UNWANTED_IN_QUERY.sub(" ", raw).split())
    if len(query) > MAX_QUERY_LENGTH:
        cut = query[: MAX_QUERY_LENGTH + 1].rsplit(" ", 1)[0]
        query = cut if " " in query[: MAX_QUERY_LENGTH + 1] else query[:MAX_QUERY_LENGTH]
    return query


def search_engine(query):
    engine = PostgresSearch if connection.vendor == "postgresql" else SqliteSearch
    return engine(query, MAX_WORDS)


def ranked_article_ids(query):
    """The primary keys of the published articles matching `query`, best first, from the index."""
    refresh_pending_public_data()
    return search_engine(query).ranked_ids(Article.objects.published())


@dataclass(frozen=True)
class Snippet:
    kind: str
    url: str
    html: str


@dataclass(frozen=True)
class SearchResult:
    """`summary` is the article as made public (articles/public_summaries.py), which the result shows."""

    article: Article
    summary: object
    headline: str
    standfirst: str
    snippets: list


def public_text(field):
    """The article's `field` as made public: its summary's, its row's while it has none."""
    return Coalesce(KeyTextTransform(field, "public_version__summary"), F(field))


def search_results(query, article_ids):
    """A `SearchResult` for each of `article_ids` (a page of `ranked_article_ids`), in that order.

    Three queries however many articles: the articles with their headline and standfirst
    marked, the matching paragraphs, quotes and captions of all of them (a UNION), and the
    marked text of the few shown (another UNION).
    """
    engine = search_engine(query)
    articles = with_summaries(Article.objects.published().filter(pk__in=article_ids)).annotate(
        headline_marked=engine.marked(public_text("headline")),
        standfirst_marked=engine.marked(public_text("standfirst")),
    )
    articles_by_pk = {article.pk: article for article in articles}
    summaries = {summary.pk: summary for summary in public_summaries(list(articles_by_pk.values()))}
    snippets = snippets_by_article(engine, summaries)
    return [
        SearchResult(
            article=article,
            summary=summaries[article.pk],
            headline=highlight(article.headline_marked),
            standfirst=highlight(article.standfirst_marked),
            snippets=snippets[article.pk],
        )
        for article in (articles_by_pk[pk] for pk in article_ids if pk in articles_by_pk and pk in summaries)
    ]


def snippets_by_article(engine, articles_by_pk):
    """Each article's best snippets, from its matching paragraphs, quotes and captions as made
    public (`SearchPart`).

    The matching parts are ranked without their text; only the few shown are then marked,
    since marking (`ts_headline`) costs more than matching."""
    chosen = best_matches(engine, list(articles_by_pk))
    marked_texts = (
        SearchPart.objects.filter(pk__in=[match["row"] for match in chosen])
        .order_by()
        .values("pk", marked=engine.marked(F("text"), STORED_PARTS.article))
    )
    marked = {row["pk"]: row["marked"] for row in marked_texts}
    by_article = defaultdict(list)
    for match in chosen:
        snippet_html = snippet(marked.get(match["row"]))
        if snippet_html:
            article, part = articles_by_pk[match["in_article"]], searched_part(match["part_kind"])
            url = f"{article.get_absolute_url()}#{part.anchor(match['part_pk'])}"
            by_article[article.pk].append(Snippet(part.kind, url, snippet_html))
    return by_article


def best_matches(engine, article_ids):
    """Up to SNIPPETS_PER_RESULT matching parts of each article, best first (a rank of 0 is no match)."""
    if not article_ids:
        return []
    matches = list(
        engine.matching(STORED_PARTS)
        .filter(article__in=article_ids)
        .order_by()
        .values(
            row=F("pk"),
            in_article=F("article"),
            part_kind=F("kind"),
            part_pk=F("part"),
            quote_paragraph=F("paragraph"),
            rank=Cast(F("search_rank"), FloatField()),
        )
    )
    # A quote whose paragraph matched too is shown as part of that paragraph.
    matched_paragraphs = {
        match["part_pk"] for match in matches if match["part_kind"] == "paragraph" and match["rank"] > 0
    }
    chosen, shown = [], defaultdict(int)
    for match in sorted(matches, key=lambda match: (-match["rank"], match["part_pk"])):
        if (
            match["rank"] <= 0
            or match["quote_paragraph"] in matched_paragraphs
            or shown[match["in_article"]] == SNIPPETS_PER_RESULT
        ):
            continue
        shown[match["in_article"]] += 1
        chosen.append(match)
    return chosen
