"""Search over published articles: headlines, standfirsts, paragraphs, quotes and captions.

On PostgreSQL each article is a weighted full-text document (headline A, standfirst B,
paragraphs, quotes and captions C) in the text search configuration of the article's
language (`es_unaccent`, `en_unaccent`, else `simple_unaccent`, see migration 0005): the
query is parsed with `websearch_to_tsquery` in that same configuration, so it is stemmed
and accents do not matter; articles are ranked by `ts_rank` and `ts_headline` marks the
matched words.

On SQLite a simpler fallback runs the same queries with Python functions registered on
each connection: every word of the query must start a word of the article, ignoring case
and accents; articles are ranked by weighted counts of those words.

Both mark matched words with two private-use characters, never with HTML: a snippet is
cut from plain text, escaped, and only then are the marks turned into `<mark>`.

A search costs four queries whatever the number of results: the ranked keys of the matching
articles, the page of articles, one UNION of their matching paragraphs, quotes and captions,
and one UNION of the marked text of the few snippets shown.
"""

import functools
import operator
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import (
    Aggregate,
    BigIntegerField,
    Case,
    F,
    FloatField,
    Func,
    OuterRef,
    Q,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Cast
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .models import Article, Figure, LeadFigure, Paragraph, PullQuote, Quote
from .rendering import html_to_text
from .text import CONTROL_CHARACTERS, LINE_BREAKS_AND_TABS

MAX_QUERY_LENGTH = 200
MAX_WORDS = 12
SNIPPETS_PER_RESULT = 3
SNIPPET_LENGTH = 220
SNIPPET_LEAD = 70

CONFIGURATIONS = {"es": "es_unaccent", "en": "en_unaccent"}
DEFAULT_CONFIGURATION = "simple_unaccent"

MARK_START, MARK_STOP = "\ue000", "\ue001"
MARKED_WORD = re.compile(f"{MARK_START}([^{MARK_START}{MARK_STOP}]*){MARK_STOP}")
UNWANTED_IN_QUERY = re.compile(f"[{CONTROL_CHARACTERS}{LINE_BREAKS_AND_TABS}{MARK_START}{MARK_STOP}]")


def clean_query(raw):
    """The query as typed, without control characters or runs of spaces, cut to 200 characters
    (at a space if there is one, so that no word is cut in half)."""
    query = " ".join(UNWANTED_IN_QUERY.sub(" ", raw).split())
    if len(query) > MAX_QUERY_LENGTH:
        cut = query[: MAX_QUERY_LENGTH + 1].rsplit(" ", 1)[0]
        query = cut if " " in query[: MAX_QUERY_LENGTH + 1] else query[:MAX_QUERY_LENGTH]
    return query


# What is searched besides the article's own headline and standfirst


class PlainText(Func):
    """Sanitised HTML (`Paragraph.text_html`) as text: tags dropped, entities decoded."""

    function = "articles_html_text"
    output_field = TextField()
    # The sanitiser writes only these entities in text; &amp; is decoded last.
    postgresql_template = (
        "replace(replace(replace(replace(regexp_replace(%(expressions)s, '<[^>]*>', '', 'g'), "
        "'&nbsp;', ' '), '&lt;', '<'), '&gt;', '>'), '&amp;', '&')"
    )

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template=self.postgresql_template, **extra_context)


class JoinedText(Aggregate):
    """A group's texts joined with spaces: STRING_AGG on PostgreSQL, GROUP_CONCAT on SQLite."""

    function = "GROUP_CONCAT"
    template = "%(function)s(%(expressions)s, ' ')"
    output_field = TextField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="STRING_AGG", **extra_context)


@dataclass(frozen=True)
class Part:
    """A kind of row whose text is searched, and the path from it to its article."""

    kind: str
    model: type
    article: str
    text: object

    def anchor(self, pk):
        return "lead-figure" if self.model is LeadFigure else f"{self.kind}-{pk}"

    def joined_per_article(self):
        """This kind's texts of the outer article, as one string."""
        rows = self.model.objects.filter(**{self.article: OuterRef("pk")}).order_by().values(self.article)
        return Subquery(rows.annotate(joined=JoinedText(self.text)).values("joined"))


PARTS = (
    Part("paragraph", Paragraph, "section__article", PlainText("text_html")),
    Part("quote", Quote, "paragraph__section__article", F("text")),
    Part("pullquote", PullQuote, "section__article", F("text")),
    Part("figure", Figure, "section__article", F("caption")),
    Part("lead_figure", LeadFigure, "article", F("caption")),
)
PARTS_BY_KIND = {part.kind: part for part in PARTS}


def body_texts():
    return [part.joined_per_article() for part in PARTS]


# PostgreSQL


def language_configuration(article_path=None):
    """The text search configuration of the article's language, as an SQL expression."""
    field = f"{article_path}__language" if article_path else "language"
    return Case(
        *(
            When(Q(**{field: code}) | Q(**{f"{field}__startswith": f"{code}-"}), then=Value(name))
            for code, name in CONFIGURATIONS.items()
        ),
        default=Value(DEFAULT_CONFIGURATION),
    )


class FullTextSearch:
    def __init__(self, query):
        self.query = query

    def search_query(self, article_path=None):
        config = language_configuration(article_path)
        return SearchQuery(self.query, config=config, search_type="websearch")

    def articles(self):
        config = language_configuration()
        document = (
            SearchVector("headline", config=config, weight="A")
            + SearchVector("standfirst", config=config, weight="B")
            + SearchVector(*body_texts(), config=config, weight="C")
        )
        query = self.search_query()
        return (
            Article.objects.published()
            .alias(document=document)
            .filter(document=query)
            .alias(search_rank=SearchRank(F("document"), query))
        )

    def any_word_query(self, article_path=None):
        """Rows match if they have any of the words: the article as a whole has them all."""
        config = language_configuration(article_path)
        words = re.findall(r"\w+", self.query)[:MAX_WORDS] or [""]
        return functools.reduce(operator.or_, (SearchQuery(word, config=config) for word in words))

    def matching(self, part):
        query = self.any_word_query(part.article)
        return (
            part.model.objects.alias(document=SearchVector(part.text, config=language_configuration(part.article)))
            .filter(document=query)
            .alias(search_rank=SearchRank(F("document"), query))
        )

    def marked(self, text, article_path=None):
        return SearchHeadline(
            text,
            self.any_word_query(article_path),
            config=language_configuration(article_path),
            highlight_all=True,
            start_sel=MARK_START,
            stop_sel=MARK_STOP,
        )


# SQLite


def fold(text):
    """Lower case without accents: "Sanción" → "sancion"."""
    return "".join(char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char)).casefold()


def query_words(query):
    words = dict.fromkeys(re.findall(r"\w+", fold(query)))
    return list(words)[:MAX_WORDS]


@functools.lru_cache(maxsize=64)
def word_patterns(words):
    """A pattern for each word of `words` (folded, space-separated) at the start of a word."""
    return [re.compile(rf"(?<!\w){re.escape(word)}") for word in words.split()]


@functools.lru_cache(maxsize=64)
def whole_words_pattern(words):
    """The whole words that start with any of `words`."""
    return re.compile("|".join(rf"(?<!\w){re.escape(word)}\w*" for word in words.split()) or r"(?!)")


def count_words(words, text):
    """How many times the words start a word of `text`, ignoring case and accents."""
    folded = fold(text or "")
    return sum(len(pattern.findall(folded)) for pattern in word_patterns(words))


def score_article(words, headline, standfirst, *body):
    """Weighted counts of the words, or 0 unless every word is somewhere in the article."""
    texts = [fold(headline or ""), fold(standfirst or ""), fold(" ".join(text or "" for text in body))]
    score = 0
    for pattern in word_patterns(words):
        counts = [len(pattern.findall(text)) for text in texts]
        if not any(counts):
            return 0
        score += 10 * counts[0] + 4 * counts[1] + counts[2]
    return score


def mark_words(words, text):
    """`text` with each word that starts with one of `words` between MARK_START and MARK_STOP."""
    text = text or ""
    folded, origins = [], []
    for index, char in enumerate(text):
        folded_char = fold(char)
        folded.append(folded_char)
        origins.extend([index] * len(folded_char))
    pieces, position = [], 0
    for match in whole_words_pattern(words).finditer("".join(folded)):
        start, end = origins[match.start()], origins[match.end() - 1] + 1
        while end < len(text) and unicodedata.combining(text[end]):
            end += 1
        pieces += [text[position:start], MARK_START, text[start:end], MARK_STOP]
        position = end
    return "".join(pieces) + text[position:]


SQLITE_FUNCTIONS = [
    ("articles_html_text", 1, html_to_text),
    ("articles_search_count", 2, count_words),
    ("articles_search_score", -1, score_article),
    ("articles_search_mark", 2, mark_words),
]


def register_sqlite_functions(sender, connection, **kwargs):
    """Connected to `connection_created` in `ArticlesConfig.ready`."""
    if connection.vendor == "sqlite":
        for name, arguments, function in SQLITE_FUNCTIONS:
            connection.connection.create_function(name, arguments, function, deterministic=True)


class WordSearch:
    def __init__(self, query):
        self.words = Value(" ".join(query_words(query)))

    def articles(self):
        score = Func(
            self.words,
            F("headline"),
            F("standfirst"),
            *body_texts(),
            function="articles_search_score",
            output_field=FloatField(),
        )
        articles = Article.objects.published().alias(search_rank=score).filter(search_rank__gt=0)
        return articles if self.words.value else articles.none()

    def matching(self, part):
        count = Func(self.words, part.text, function="articles_search_count", output_field=FloatField())
        return part.model.objects.alias(search_rank=count).filter(search_rank__gt=0)

    def marked(self, text, article_path=None):
        return Func(self.words, text, function="articles_search_mark", output_field=TextField())


# Both


def search_engine(query):
    return FullTextSearch(query) if connection.vendor == "postgresql" else WordSearch(query)


def ranked_article_ids(query):
    """The primary keys of the published articles matching `query`, best first.

    Only keys: each article's document is built once, for the count and the page alike."""
    ranked = search_engine(query).articles().order_by("-search_rank", "-published_at", "-pk")
    return list(ranked.values_list("pk", flat=True))


@dataclass(frozen=True)
class Snippet:
    kind: str
    url: str
    html: str


@dataclass(frozen=True)
class SearchResult:
    article: Article
    headline: str
    standfirst: str
    snippets: list


def search_results(query, article_ids):
    """A `SearchResult` for each of `article_ids` (a page of `ranked_article_ids`), in that order.

    Three queries however many articles: the articles with their headline and standfirst
    marked, the matching paragraphs, quotes and captions of all of them (a UNION), and the
    marked text of the few shown (another UNION).
    """
    engine = search_engine(query)
    articles = (
        Article.objects.published()
        .filter(pk__in=article_ids)
        .annotate(headline_marked=engine.marked(F("headline")), standfirst_marked=engine.marked(F("standfirst")))
    )
    articles_by_pk = {article.pk: article for article in articles}
    snippets = snippets_by_article(engine, articles_by_pk)
    return [
        SearchResult(
            article=article,
            headline=highlight(article.headline_marked),
            standfirst=highlight(article.standfirst_marked),
            snippets=snippets[article.pk],
        )
        for article in (articles_by_pk[pk] for pk in article_ids if pk in articles_by_pk)
    ]


def snippets_by_article(engine, articles_by_pk):
    """Each article's best snippets, from its matching paragraphs, quotes and captions.

    The matching rows are ranked without their text; only the few shown are then marked,
    since marking (`ts_headline`) costs more than matching."""
    chosen = best_matches(engine, list(articles_by_pk))
    pks_by_kind = defaultdict(list)
    for match in chosen:
        pks_by_kind[match["part_kind"]].append(match["part_pk"])
    marked_texts = union_all(
        PARTS_BY_KIND[kind]
        .model.objects.filter(pk__in=pks)
        .order_by()
        .values(
            part_kind=Value(kind),
            part_pk=F("pk"),
            marked=engine.marked(PARTS_BY_KIND[kind].text, PARTS_BY_KIND[kind].article),
        )
        for kind, pks in pks_by_kind.items()
    )
    marked = {(row["part_kind"], row["part_pk"]): row["marked"] for row in marked_texts}
    by_article = defaultdict(list)
    for match in chosen:
        snippet_html = snippet(marked.get((match["part_kind"], match["part_pk"])))
        if snippet_html:
            article, part = articles_by_pk[match["in_article"]], PARTS_BY_KIND[match["part_kind"]]
            url = f"{article.get_absolute_url()}#{part.anchor(match['part_pk'])}"
            by_article[article.pk].append(Snippet(part.kind, url, snippet_html))
    return by_article


def best_matches(engine, article_ids):
    """Up to SNIPPETS_PER_RESULT matching parts of each article, best first."""
    if not article_ids:
        return []
    matches = union_all(
        engine.matching(part)
        .filter(**{f"{part.article}__in": article_ids})
        .order_by()
        .values(
            in_article=F(part.article),
            part_kind=Value(part.kind),
            part_pk=F("pk"),
            quote_paragraph=Cast(F("paragraph") if part.model is Quote else Value(None), BigIntegerField()),
            rank=Cast(F("search_rank"), FloatField()),
        )
        for part in PARTS
    )
    # A quote whose paragraph matched too is shown as part of that paragraph.
    matched_paragraphs = {match["part_pk"] for match in matches if match["part_kind"] == "paragraph"}
    chosen, shown = [], defaultdict(int)
    for match in sorted(matches, key=lambda match: (-match["rank"], match["part_pk"])):
        if match["quote_paragraph"] in matched_paragraphs or shown[match["in_article"]] == SNIPPETS_PER_RESULT:
            continue
        shown[match["in_article"]] += 1
        chosen.append(match)
    return chosen


def union_all(querysets):
    """The rows of all the querysets (`values()` of the same columns), in one query."""
    first, *others = list(querysets) or [None]
    return list(first.union(*others, all=True)) if first is not None else []


# Marked text to HTML


def split_marked(marked):
    """Text marked with MARK_START/MARK_STOP as (plain text, [(start, end) of each marked word])."""
    marked = marked or ""
    pieces, spans, length, position = [], [], 0, 0
    for match in MARKED_WORD.finditer(marked):
        before = marked[position : match.start()].replace(MARK_START, "").replace(MARK_STOP, "")
        length += len(before)
        spans.append((length, length + len(match.group(1))))
        length += len(match.group(1))
        pieces += [before, match.group(1)]
        position = match.end()
    pieces.append(marked[position:].replace(MARK_START, "").replace(MARK_STOP, ""))
    return "".join(pieces), spans


def to_html(text, spans, start=0, end=None):
    """text[start:end], escaped, with the spans inside it in <mark>."""
    end = len(text) if end is None else end
    pieces, position = [], start
    for span_start, span_end in spans:
        span_start, span_end = max(span_start, start), min(span_end, end)
        if span_start >= span_end:
            continue
        pieces += [escape(text[position:span_start]), "<mark>", escape(text[span_start:span_end]), "</mark>"]
        position = span_end
    pieces.append(escape(text[position:end]))
    # Every piece of text is escaped; the only markup is <mark>.
    return mark_safe("".join(pieces))


def highlight(marked):
    """The whole marked text as HTML."""
    return to_html(*split_marked(marked))


def snippet(marked):
    """About SNIPPET_LENGTH characters around the first marked word, as HTML; "" without one."""
    text, spans = split_marked(marked)
    if not spans:
        return ""
    first_start, first_end = spans[0]
    start = max(0, first_start - SNIPPET_LEAD)
    end = min(len(text), max(start + SNIPPET_LENGTH, first_end))
    # Cut at spaces, not inside words.
    if start > 0:
        space = text.find(" ", start, first_start)
        start = space + 1 if space != -1 else start
    if end < len(text):
        space = text.rfind(" ", first_end, end)
        end = space if space != -1 else end
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + to_html(text, spans, start, end) + suffix)
