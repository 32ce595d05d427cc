"""What the article page works out from an article's loaded body, without queries of its own:
the reading time, the sources cited and how often, and which passages cite each source.

Plus the two lookups the page makes once whatever the article's length: the sources named
in photo credits, and the related articles.
"""

import math
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from taggit.models import TaggedItem

from .kinds import LEAD_FIGURE, kind_of
from .models import Article, Block, Source

WORDS_PER_MINUTE = 200
RELATED_ARTICLES = 3
# How many of the newest articles sharing a topic, and sharing a source, related reading is chosen from.
RELATED_CANDIDATES = 50


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


def related_articles(article, source_ids, limit=RELATED_ARTICLES):
    """Other published articles sharing the most topics, then sources, with `article`.

    They are ranked among the newest RELATED_CANDIDATES sharing a topic and the newest sharing a
    source, so that the cost stays the same however large the archive: one query for each kind of
    candidate (which stops at its limit) and one for the articles chosen."""
    tag_ids = [tag.pk for tag in article.tags.all()]
    topics = TaggedItem.objects.filter(content_type=ContentType.objects.get_for_model(Article), tag__in=tag_ids)
    sources = Block.sources.through.objects.filter(source__in=source_ids)
    shared_topics = topics.filter(object_id=OuterRef("pk")).order_by().values("object_id")
    shared_sources = sources.filter(block__section__article=OuterRef("pk")).order_by().values("block__section__article")
    others = (
        Article.objects.published()
        .exclude(pk=article.pk)
        .annotate(
            shared_topics=Coalesce(
                Subquery(shared_topics.annotate(count=Count("pk")).values("count"), output_field=IntegerField()),
                Value(0),
            ),
            shared_sources=Coalesce(
                Subquery(
                    shared_sources.annotate(count=Count("source", distinct=True)).values("count"),
                    output_field=IntegerField(),
                ),
                Value(0),
            ),
        )
        .order_by("-published_at", "-pk")
    )
    candidates = {}
    for shares, wanted in ((Exists(shared_topics), tag_ids), (Exists(shared_sources), source_ids)):
        if wanted:
            rows = others.filter(shares).values_list("pk", "shared_topics", "shared_sources", "published_at")
            candidates.update((pk, row) for pk, *row in rows[:RELATED_CANDIDATES])
    chosen = sorted(
        candidates,
        key=lambda pk: (-candidates[pk][0], -candidates[pk][1], -candidates[pk][2].timestamp(), -pk),
    )[:limit]
    if not chosen:
        return []
    found = Article.objects.in_bulk(chosen)
    return [found[pk] for pk in chosen]
