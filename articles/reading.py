"""What the article page works out from an article's loaded body, without queries of its own:
the reading time, the sources cited and how often, and which passages cite each source.

Plus the two lookups the page makes once whatever the article's length: the sources named
in photo credits, and the related articles.
"""

import math
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from .kinds import LEAD_FIGURE, kind_of
from .models import Article, ArticleSource, PublicTopic, Source
from .public_summaries import public_summaries, with_summaries

WORDS_PER_MINUTE = 200
RELATED_ARTICLES = 3
# How many of the newest articles sharing a topic, and sharing a source, related reading is chosen from.
RELATED_CANDIDATES = 50
# How many of an article's sources, the most used first, related reading looks for in other articles.
RELATED_SOURCES = 5


def reading_minutes(word_count):
    """Minutes to read `word_count` words at about 200 a minute; never less than one."""
    return max(1, math.ceil(word_count / WORDS_PER_MINUTE))


@dataclass
class SourceUse:
    """How an article uses one source.

    `statements`: the paragraphs whose chips name it, plus the quotes (inline and pull) it
    spoke, reported or is listed on; `photos`: the figures and lead figure listing it;
    `passages`: the paragraphs, pull quotes and figures lit up when a reader chooses it."""

    source: Source
    statements: int = 0
    photos: int = 0
    passages: int = 0


@dataclass
class Passage:
    """A paragraph, pull quote or figure, with the slugs of the sources it cites."""

    slugs: list = field(default_factory=list)
    state: str = ""

    @property
    def sources(self):
        return " ".join(self.slugs)


NO_PASSAGE = Passage()


@dataclass
class ArticleBody:
    """The words of the article's paragraphs, its sources most used first, its passages by
    anchor, and the `SourceUse` the reader chose with ``?source=`` (or None)."""

    word_count: int
    source_uses: list
    passages: dict
    selected: SourceUse | None

    @property
    def reading_minutes(self):
        return reading_minutes(self.word_count)

    @property
    def source_ids(self):
        return [use.source.pk for use in self.source_uses]

    def passage(self, anchor):
        return self.passages.get(anchor, NO_PASSAGE)


class BodyReader:
    """Walks an article loaded with `ArticleQuerySet.with_body()` once, counting as it goes."""

    def __init__(self):
        self.word_count = 0
        self.uses = {}
        self.passages = {}

    def use(self, source):
        use = self.uses.get(source.pk)
        if use is None:
            use = self.uses[source.pk] = SourceUse(source)
        return use

    def passage(self, anchor, sources):
        sources = distinct(sources)
        for source in sources:
            self.use(source).passages += 1
        self.passages[anchor] = Passage(slugs=[source.slug for source in sources])

    def photo(self, anchor, sources):
        sources = list(sources)
        for source in sources:
            self.use(source).photos += 1
        self.passage(anchor, sources)

    def statement(self, sources):
        for source in sources:
            self.use(source).statements += 1

    def read(self, article):
        lead_figure = article.lead_figure_or_none
        if lead_figure is not None:
            self.photo(lead_figure.anchor, LEAD_FIGURE.sources_cited_by(lead_figure))
        for section in article.sections.all():
            for block in section.blocks.all():
                self.read_block(block)

    def read_block(self, block):
        """A photo counts its sources as photos; anything else is one statement of the sources
        it cites, plus one for each row inside it that cites on its own (a paragraph's quotes)."""
        kind, item = kind_of(block), block.specific
        cited = kind.sources_cited_by(item, block)
        if kind.words:
            self.word_count += item.word_count
        if kind.photo:
            self.photo(block.anchor, cited)
            return
        self.statement(distinct(cited))
        inside = []
        for part, row in kind.contained(item):
            sources = part.sources_cited_by(row)
            self.statement(sources)
            inside += sources
        self.passage(block.anchor, cited + inside)


def distinct(sources):
    return list({source.pk: source for source in sources}.values())


def read_body(article, selected_slug=""):
    """The `ArticleBody` of an article loaded with its body; `selected_slug` picks the source
    whose passages are highlighted (an unknown slug highlights nothing)."""
    reader = BodyReader()
    reader.read(article)
    uses = sorted(reader.uses.values(), key=lambda use: (-(use.statements + use.photos), use.source.name.casefold()))
    selected = next((use for use in uses if use.source.slug == selected_slug), None)
    if selected is not None:
        for passage in reader.passages.values():
            passage.state = "cited" if selected.source.slug in passage.slugs else "dimmed"
    return ArticleBody(reader.word_count, uses, reader.passages, selected)


def credited_sources(figures):
    """Sources named in the figures' credits (source and distributor parts), by lower-cased name
    or other name: one query for all the figures of a page."""
    names = {
        name.strip() for figure in figures for name in (figure.credit_source, figure.credit_distributor) if name.strip()
    }
    if not names:
        return {}
    matches = Q()
    for name in names:
        matches |= Q(name__iexact=name) | Q(aliases__icontains=name)
    wanted = {name.casefold() for name in names}
    found = {}
    for source in Source.objects.filter(matches):
        for name in [source.name, *source.alias_list()]:
            if name.casefold() in wanted:
                found.setdefault(name.casefold(), source)
    return found


def figures_of(article):
    lead_figure = article.lead_figure_or_none
    figures = [lead_figure] if lead_figure is not None else []
    for section in article.sections.all():
        figures += [block.specific for block in section.blocks.all() if kind_of(block).photo]
    return figures


def related_articles(article, source_ids, topic_ids, limit=RELATED_ARTICLES):
    """Up to `limit` other published articles, as their public summaries (articles/public_summaries.py):
    those sharing the most topics with `article` (`topic_ids`) first, then those sharing the most
    sources (any source it cites: `source_ids`, most used first), then the newest; articles sharing
    neither are never related. Other articles' topics and sources are those they were made public with.

    They are ranked among the RELATED_CANDIDATES newest sharing a topic and the newest sharing
    one of its RELATED_SOURCES most used sources, "newest" meaning most recently added (the
    highest ids), the order the indexes keep: `PublicTopic` by (tag, article) and `ArticleSource`
    by (source, article). Each topic and source reads at most RELATED_CANDIDATES entries of its
    index, skipping only unpublished articles, so the cost is the same however large the archive:
    one query for the candidates of every topic and source, one for how many topics and sources
    each candidate shares, one for the articles chosen. See `candidates_sharing`."""
    tag_ids, source_ids = list(topic_ids), list(source_ids)
    if not tag_ids and not source_ids:
        return []
    # "Its id is a published article's", as a subquery run for each entry of the index read: the
    # database then stops reading at the RELATED_CANDIDATES-th, instead of reading every published
    # article first to join them (which it may do with EXISTS).
    published = Article.objects.published().exclude(pk=article.pk)
    by_topic = [
        PublicTopic.objects.filter(tag=tag_id, article__in=published.filter(pk=OuterRef("article")).values("pk"))
        .order_by("-article")
        .values_list("article", flat=True)
        for tag_id in tag_ids
    ]
    by_source = [
        ArticleSource.objects.filter(
            source=source_id, article__in=published.filter(pk=OuterRef("article")).values("pk")
        )
        .order_by("-article")
        .values_list("article", flat=True)
        for source_id in source_ids[:RELATED_SOURCES]
    ]
    found = candidates_sharing([by_topic, by_source])
    candidates = {pk for pks in found for pk in pks}
    if not candidates:
        return []
    shared_topics = PublicTopic.objects.filter(article=OuterRef("pk"), tag__in=tag_ids).values("article")
    shared_sources = ArticleSource.objects.filter(article=OuterRef("pk"), source__in=source_ids).values("article")
    rows = (
        Article.objects.filter(pk__in=candidates)
        .order_by()
        .values_list("pk", "published_at", counted(shared_topics), counted(shared_sources))
    )
    ranked = sorted(rows, key=lambda row: (-row[2], -row[3], -row[1].timestamp(), -row[0]))
    chosen = [row[0] for row in ranked[:limit]]
    found_articles = with_summaries(Article.objects.all()).in_bulk(chosen)
    return public_summaries([found_articles[pk] for pk in chosen])


def related_articles_of_version(article, source_ids, topic_ids, version):
    """`related_articles`, chosen once per content version (articles/content_version.py) and
    remembered in the cache: the choice depends only on published articles, which cannot change
    without moving the version, so a remembered one is never stale. Building its queries costs
    more than the rest of a stored article page; readers of a story in the news share one choice.
    `version` None (a signed-in editor's request) chooses afresh."""
    if version is None:
        return related_articles(article, source_ids, topic_ids)
    key = f"related:{version.number}:{article.pk}"
    related = cache.get(key)
    if related is None:
        related = related_articles(article, source_ids, topic_ids)
        cache.set(key, related, settings.PAGE_CACHE_SECONDS)
    return related


def counted(rows):
    """How many `rows` there are (`values()` of the column they share), as a subquery; 0 for none."""
    counts = rows.order_by().annotate(count=Count("*")).values("count")
    return Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))


def candidates_sharing(groups):
    """For each group of querysets of ids (each ordered newest first), the RELATED_CANDIDATES
    highest ids among them, in one query whatever the number of querysets.

    Each queryset is cut to RELATED_CANDIDATES rows on its own, so that each reads that many
    entries of its index: the highest ids among all of a group are then among those. Django
    cannot put a sliced queryset in a UNION on every database, so the statement is put together
    here: ``SELECT group, id FROM (…) UNION ALL SELECT group, id FROM (…)``."""
    parts, params = [], []
    for group, querysets in enumerate(groups):
        for queryset in querysets:
            sql, part_params = queryset[:RELATED_CANDIDATES].query.sql_with_params()
            parts.append(f"SELECT {group:d}, * FROM ({sql}) AS part{len(parts)}")
            params += part_params
    found = [set() for _group in groups]
    if parts:
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(parts), params)
            for group, pk in cursor.fetchall():
                found[group].add(pk)
    return [sorted(pks, reverse=True)[:RELATED_CANDIDATES] for pks in found]
