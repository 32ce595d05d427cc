"""Search on PostgreSQL: a stored, weighted `tsvector` per article with a GIN index.

The migration `search_document` adds `vector` to `articles_searchdocument`: headline (weight
A), standfirst (B) and body (C) in the text search configuration of the article's language
(`es_unaccent`, `en_unaccent`, else `simple_unaccent`, see migration 0005), so that words
are stemmed and accents do not matter; a trigger computes it whenever a document is written.
A query is parsed with `websearch_to_tsquery` in each configuration and matched against the
documents of that configuration (one indexed condition each); articles are ranked by
`ts_rank`.

Only the page's hits are then matched part by part and marked with `ts_headline`.
"""

import functools
import operator
import re

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F

from .highlight import MARK_START, MARK_STOP

CONFIGURATIONS = {"es": "es_unaccent", "en": "en_unaccent"}
DEFAULT_CONFIGURATION = "simple_unaccent"


def configuration(language):
    """The text search configuration for an article in `language` ("es", "es-MX", "en"…)."""
    for code, name in CONFIGURATIONS.items():
        if language == code or language.startswith(f"{code}-"):
            return name
    return DEFAULT_CONFIGURATION


def stored_configuration(article_path=None):
    """The configuration stored with the article's search document, as an SQL expression."""
    return F(f"{article_path}__search_document__config" if article_path else "search_document__config")


class PostgresSearch:
    def __init__(self, query, max_words):
        self.query = query
        self.max_words = max_words

    def ranked_ids(self, articles):
        """The keys of `articles` (a queryset) that match, best first, in one query."""
        articles_sql, params = articles.order_by().values("id", "published_at").query.sql_with_params()
        configurations = [*CONFIGURATIONS.values(), DEFAULT_CONFIGURATION]
        # The names are ours, never the reader's: only the query is a parameter.
        matches = " OR ".join(
            f"(config = '{name}' AND vector @@ websearch_to_tsquery('{name}', %s))" for name in configurations
        )
        query = " ".join(f"WHEN '{name}' THEN websearch_to_tsquery('{name}', %s)" for name in configurations)
        # Ranked before the join, so that only keys and ranks, not vectors, are joined and sorted.
        sql = (
            f"WITH document AS MATERIALIZED ("
            f"SELECT article_id, ts_rank(vector, CASE config {query} END) AS rank "
            f"FROM articles_searchdocument WHERE {matches}) "
            f"SELECT article.id FROM document JOIN ({articles_sql}) article ON article.id = document.article_id "
            f"ORDER BY document.rank DESC, article.published_at DESC, article.id DESC"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*[self.query] * (2 * len(configurations)), *params])
            return [row[0] for row in cursor.fetchall()]

    def any_word_query(self, article_path=None):
        """Parts match if they have any of the words: the article as a whole has them all."""
        config = stored_configuration(article_path)
        words = re.findall(r"\w+", self.query)[: self.max_words] or [""]
        return functools.reduce(operator.or_, (SearchQuery(word, config=config) for word in words))

    def matching(self, part):
        """Rows of `part` with their `search_rank`, 0 where the words are absent: the page's
        parts are few, and ranking them all parses each text once, where filtering first would
        parse the matching ones twice."""
        document = SearchVector(part.text, config=stored_configuration(part.article))
        return part.model.objects.alias(search_rank=SearchRank(document, self.any_word_query(part.article)))

    def marked(self, text, article_path=None):
        return SearchHeadline(
            text,
            self.any_word_query(article_path),
            config=stored_configuration(article_path),
            highlight_all=True,
            start_sel=MARK_START,
            stop_sel=MARK_STOP,
        )
