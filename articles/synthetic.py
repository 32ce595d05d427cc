"""Synthetic published articles for measuring the site at the size of a real archive.

Each article has the shape of a real one: 3–5 sections, 8–15 paragraphs, 2–5 quotes whose
words occur in their paragraph (speakers and outlets from a pool of 300 sources of every
kind), a lead figure and a section figure with credits, 3 topics, and a publication time in
the last ten years. The text is Spanish or English made from the word lists in
`synthetic_words`, drawn from one random generator seeded with `seed`: the same seed gives
the same articles (times counted back from the start of today, UTC).

They are marked as synthetic: slugs start with ``synthetic-`` (the pool's sources' too) and
the byline is "Synthetic article"; `delete_synthetic_articles` removes them. Rows are written
with `bulk_create` a chunk at a time, so ten thousand articles take a few minutes.
"""

import itertools
import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils.text import slugify
from taggit.models import Tag, TaggedItem

from . import synthetic_words as vocabulary
from .counts import refresh_counts
from .models import Article, ArticleSource, Block, Figure, LeadFigure, Paragraph, PullQuote, Quote, Section, Source
from .public_changes import unnoted
from .public_summaries import public_topics_of, refresh_public_topics
from .search.documents import update_search_documents
from .search.models import SearchDocument, SearchPart

PREFIX = "synthetic-"
BYLINE = "Synthetic article"
CHUNK = 200
YEARS = 10
SPANISH_SHARE = 0.6
KNOWN_WORDS = {
    word.lower()
    for lists in (vocabulary.SPANISH, vocabulary.ENGLISH)
    for text in lists.values()
    for word in text.split()
}
RARE_WORDS = tuple(
    word
    for word in ("".join(parts) for parts in itertools.product(vocabulary.words(vocabulary.SYLLABLES), repeat=3))
    if word not in KNOWN_WORDS
)
RARE_WORDS_PER_ARTICLE = 2


class Writer:
    """Sentences in one language: frequent words often, rare ones seldom (a Zipf-like draw)."""

    def __init__(self, rng, lists):
        self.rng = rng
        function, content = vocabulary.words(lists["function"]), vocabulary.words(lists["content"])
        self.words = function + content
        weights = [2.0 / (rank + 1) for rank in range(len(function))]
        weights += [1.0 / (rank + 1) ** 0.8 for rank in range(len(content))]
        self.cumulative = list(itertools.accumulate(weights))
        self.verbs = vocabulary.words(lists["verbs"])

    def phrase(self, low, high):
        return " ".join(self.rng.choices(self.words, cum_weights=self.cumulative, k=self.rng.randint(low, high)))

    def sentence(self, low=8, high=22, end="."):
        text = self.phrase(low, high)
        return text[0].upper() + text[1:] + end

    def sentences(self, low, high):
        return " ".join(self.sentence() for _ in range(self.rng.randint(low, high)))


@dataclass
class SourcePool:
    """The synthetic sources, by the part they play in an article."""

    speakers: list
    outlets: list
    agencies: list
    everyone: list = field(init=False)

    def __post_init__(self):
        self.everyone = self.speakers + self.outlets


def pool_names():
    """(name, kind, country) of the 300 sources of the pool: the same whatever the seed."""
    rng = random.Random("synthetic sources")
    first, last = vocabulary.words(vocabulary.FIRST_NAMES), vocabulary.words(vocabulary.LAST_NAMES)
    countries, cities = vocabulary.phrases(vocabulary.COUNTRIES), vocabulary.words(vocabulary.CITIES)
    institutions = vocabulary.phrases(vocabulary.INSTITUTIONS)
    kind = Source.Kind

    def pick(candidates, count, source_kind):
        chosen = rng.sample(sorted(set(candidates)), count)
        return [(name, source_kind, rng.choice(countries)) for name in chosen]

    return (
        pick([f"{a} {b}" for a, b in itertools.product(first, last)], 120, kind.PERSON)
        + pick([f"{a} de {b}" for a, b in itertools.product(institutions, countries)], 50, kind.GOVERNMENT)
        + pick(vocabulary.phrases(vocabulary.ORGANISATIONS), 20, kind.INTERNATIONAL_ORGANISATION)
        + pick([f"@{a.lower()}{b.lower()}" for a, b in itertools.product(first, last)], 15, kind.SOCIAL_MEDIA)
        + pick([f"Fundación {name}" for name in last], 10, kind.OTHER)
        + pick([f"Agencia {city}" for city in cities] + [f"{city} Press" for city in cities], 30, kind.NEWS_AGENCY)
        + pick([f"Televisión Estatal de {country}" for country in countries], 15, kind.STATE_MEDIA)
        + pick([f"{a} {city}" for a, city in itertools.product(["Diario de", "Radio"], cities)], 40, kind.MEDIA)
    )


def source_pool():
    """The pool's sources, created on first use; a name an editor already uses is left out."""
    wanted = {PREFIX + slugify(name): (name, kind, country) for name, kind, country in pool_names()}
    existing = {source.slug: source for source in Source.objects.filter(slug__in=wanted)}
    taken = set(Source.objects.filter(name__in=[name for name, _, _ in wanted.values()]).values_list("name", flat=True))
    Source.objects.bulk_create(
        Source(name=name, slug=slug, kind=kind, country=country)
        for slug, (name, kind, country) in wanted.items()
        if slug not in existing and name not in taken
    )
    sources = list(Source.objects.filter(slug__in=wanted).order_by("slug"))
    reporting = Source.REPORTING_KINDS
    return SourcePool(
        speakers=[source for source in sources if source.kind not in reporting],
        outlets=[source for source in sources if source.kind in reporting],
        agencies=[source for source in sources if source.kind == Source.Kind.NEWS_AGENCY],
    )


def topic_pool():
    """Each language's topics as Tag rows, created on first use."""
    # The slug is made here: taggit's own keeps accents, which tag addresses do not accept.
    return {
        language: [
            Tag.objects.get_or_create(name=name, defaults={"slug": slugify(name)})[0]
            for name in vocabulary.phrases(names)
        ]
        for language, names in vocabulary.TOPICS.items()
    }


@dataclass
class PlannedBlock:
    block: Block
    sources: list
    quotes: list = field(default_factory=list)


@dataclass
class PlannedArticle:
    article: Article
    lead_figure: LeadFigure
    lead_sources: list
    topics: list
    sections: list  # (Section, [PlannedBlock])


class Generator:
    """Plans articles from one seeded random generator; `save` writes a chunk of them in bulk."""

    def __init__(self, seed, sources, topics, until):
        self.rng = random.Random(seed)
        self.seed = seed
        self.writers = {"es": Writer(self.rng, vocabulary.SPANISH), "en": Writer(self.rng, vocabulary.ENGLISH)}
        self.sources = sources
        self.topics = topics
        self.until = until

    def plan(self, number):
        rng = self.rng
        language = "es" if rng.random() < SPANISH_SHARE else "en"
        writer = self.writers[language]
        headline = writer.sentence(6, 12, end="")
        article = Article(
            headline=headline,
            slug=f"{PREFIX}{self.seed}-{number}-{slugify(headline)[:60].strip('-')}",
            standfirst=writer.sentences(1, 2),
            language=language,
            byline=BYLINE,
            status=Article.Status.PUBLISHED,
            published_at=self.until - timedelta(seconds=rng.randrange(YEARS * 365 * 24 * 3600)),
        )
        lead_figure = LeadFigure(caption=writer.sentence(6, 14), credit=self.credit())
        lead_figure.fill_credit_parts()
        return PlannedArticle(
            article=article,
            lead_figure=lead_figure,
            lead_sources=[rng.choice(self.sources.agencies)],
            topics=rng.sample(self.topics[language], 3),
            sections=self.plan_sections(writer),
        )

    def plan_sections(self, writer):
        rng = self.rng
        section_count, paragraph_count = rng.randint(3, 5), rng.randint(8, 15)
        # At least one paragraph a section; the rest fall anywhere.
        per_section = [1] * section_count
        for _ in range(paragraph_count - section_count):
            per_section[rng.randrange(section_count)] += 1
        paragraphs = [self.plan_paragraph(writer) for _ in range(paragraph_count)]
        for rare_word in rng.sample(RARE_WORDS, RARE_WORDS_PER_ARTICLE):
            paragraph = rng.choice(paragraphs).block
            paragraph.text = f"{paragraph.text} {rare_word.capitalize()} {writer.phrase(3, 8)}."
        for planned in rng.sample(paragraphs, rng.randint(2, 5)):
            self.add_quote(writer, planned)
        figure = Figure(caption=writer.sentence(6, 14), credit=self.credit())
        figure.fill_credit_parts()
        figure_at = rng.randrange(paragraph_count + 1)
        blocks = paragraphs[:figure_at] + [PlannedBlock(figure, [rng.choice(self.sources.agencies)])]
        blocks += paragraphs[figure_at:]
        # The figure joins the section of the paragraph it comes before (the last one at the end).
        ends = list(itertools.accumulate(per_section))
        per_section[next((index for index, end in enumerate(ends) if figure_at < end), section_count - 1)] += 1
        sections, anchors, start = [], set(), 0
        for position, count in enumerate(per_section, start=1):
            heading = "" if position == 1 and rng.random() < 0.3 else writer.sentence(2, 5, end="")
            anchor = Section.anchor_for(heading, position, anchors)
            anchors.add(anchor)
            section_blocks = blocks[start : start + count]
            for block_position, planned in enumerate(section_blocks, start=1):
                planned.block.position = block_position
            sections.append((Section(position=position, heading=heading, anchor=anchor), section_blocks))
            start += count
        return sections

    def plan_paragraph(self, writer):
        text = writer.sentences(2, 5)
        if self.rng.random() < 0.1:
            word = self.rng.choice(text.split()[1:-1] or ["*"])
            text = text.replace(f" {word} ", f" *{word}* ", 1)
        sources = self.rng.sample(self.sources.everyone, self.rng.randint(0, 2))
        return PlannedBlock(Paragraph(text=text), sources)

    def add_quote(self, writer, planned):
        rng = self.rng
        words, speaker = writer.phrase(4, 9), rng.choice(self.sources.speakers)
        outlet = rng.choice(self.sources.outlets) if rng.random() < 0.8 else None
        planned.block.text += f" “{words}”, {rng.choice(writer.verbs)} {speaker.name}."
        planned.quotes.append(Quote(text=words, speaker=speaker, source=outlet, position=len(planned.quotes) + 1))

    def credit(self):
        agency = self.rng.choice(self.sources.agencies).name.upper()
        photographer = " ".join(self.rng.sample(vocabulary.words(vocabulary.LAST_NAMES), 2)).upper()
        return f"{agency}/{photographer}" + (" via REUTERS" if self.rng.random() < 0.2 else "")


def save(planned_articles):
    """Write planned articles, a handful of bulk inserts whatever their number."""
    articles = Article.objects.bulk_create([planned.article for planned in planned_articles])
    sections = []
    for planned in planned_articles:
        planned.lead_figure.article = planned.article
        for section, _ in planned.sections:
            section.article = planned.article
            sections.append(section)
    Section.objects.bulk_create(sections)
    planned_blocks = [block for planned in planned_articles for section, blocks in planned.sections for block in blocks]
    for planned in planned_articles:
        for section, blocks in planned.sections:
            for planned_block in blocks:
                planned_block.block.section = section
    parents = Block.objects.bulk_create(
        [
            Block(section=item.block.section, position=item.block.position, kind=item.block.KIND)
            for item in planned_blocks
        ]
    )
    for item, parent in zip(planned_blocks, parents, strict=True):
        item.block.pk = item.block.id = parent.pk
    paragraphs = [item.block for item in planned_blocks if isinstance(item.block, Paragraph)]
    for paragraph in paragraphs:
        paragraph.derive_from_text()
    insert_child_rows(Paragraph, paragraphs)
    insert_child_rows(Figure, [item.block for item in planned_blocks if isinstance(item.block, Figure)])
    quotes = []
    for item in planned_blocks:
        for quote in item.quotes:
            quote.paragraph = item.block
            quotes.append(quote)
    Quote.objects.bulk_create(quotes)
    lead_figures = LeadFigure.objects.bulk_create([planned.lead_figure for planned in planned_articles])
    Block.sources.through.objects.bulk_create(
        Block.sources.through(block_id=item.block.pk, source_id=source.pk)
        for item in planned_blocks
        for source in item.sources
    )
    LeadFigure.sources.through.objects.bulk_create(
        LeadFigure.sources.through(leadfigure_id=lead.pk, source_id=source.pk)
        for lead, planned in zip(lead_figures, planned_articles, strict=True)
        for source in planned.lead_sources
    )
    content_type = ContentType.objects.get_for_model(Article)
    TaggedItem.objects.bulk_create(
        TaggedItem(content_type=content_type, object_id=planned.article.pk, tag=tag)
        for planned in planned_articles
        for tag in planned.topics
    )
    return articles


def insert_child_rows(model, objects):
    """The child rows of multi-table `model` whose parent rows are saved (bulk_create refuses them)."""
    if not objects:
        return
    fields = model._meta.local_concrete_fields
    quote_name = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote_name(model._meta.db_table),
        ", ".join(quote_name(field.column) for field in fields),
        ", ".join(["%s"] * len(fields)),
    )
    rows = [[field.get_db_prep_save(field.pre_save(row, True), connection) for field in fields] for row in objects]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


class SyntheticArticlesExist(Exception):
    pass


def generate_articles(count, seed, progress=None):
    """Write `count` synthetic published articles drawn with `seed`; returns their slugs.

    `progress(done)` is called after each chunk."""
    until = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    prefix = f"{PREFIX}{seed}-"
    if Article.objects.filter(slug__startswith=prefix).exists():
        raise SyntheticArticlesExist(f"synthetic articles with seed {seed} exist already: delete them first")
    generator = Generator(seed, source_pool(), topic_pool(), until)
    slugs = []
    for start in range(0, count, CHUNK):
        # Rendering each article's public page would take longer than writing it: they are
        # rendered from their rows until `manage.py refresh_public_data`.
        with transaction.atomic(), unnoted():
            articles = save([generator.plan(number) for number in range(start, min(start + CHUNK, count))])
            # bulk_create sends no signals: the chunk's search documents are built here, in bulk.
            update_search_documents([article.pk for article in articles])
            # Nor do the counts stored with each article, nor the topics topic pages list it under.
            refresh_counts([article.pk for article in articles])
            refresh_public_topics([article.pk for article in articles])
        slugs += [article.slug for article in articles]
        if progress:
            progress(len(slugs))
    return slugs


def synthetic_articles():
    return Article.objects.filter(slug__startswith=PREFIX, byline=BYLINE)


@transaction.atomic
def delete_synthetic_articles():
    """Delete every synthetic article, then the pool's sources and the topics nothing uses any more.

    Deleting through the ORM would load every row of every article; the rows go a table at a
    time instead, children first (the subqueries that find them go through their parents)."""
    articles = synthetic_articles()
    count = articles.count()
    blocks = Block.objects.filter(section__article__in=articles)
    lead_figures = LeadFigure.objects.filter(article__in=articles)
    for queryset in (
        Quote.objects.filter(paragraph__section__article__in=articles),
        Block.sources.through.objects.filter(block__in=blocks),
        LeadFigure.sources.through.objects.filter(leadfigure__in=lead_figures),
        Paragraph.objects.filter(section__article__in=articles),
        Figure.objects.filter(section__article__in=articles),
        PullQuote.objects.filter(section__article__in=articles),
        blocks,
        Section.objects.filter(article__in=articles),
        lead_figures,
        TaggedItem.objects.filter(content_type=ContentType.objects.get_for_model(Article), object_id__in=articles),
        SearchDocument.objects.filter(article__in=articles),
        SearchPart.objects.filter(article__in=articles),
        ArticleSource.objects.filter(article__in=articles),
        public_topics_of(articles),
        articles,
    ):
        delete_rows(queryset)
    Source.objects.filter(slug__startswith=PREFIX).exclude(
        pk__in=Source.objects.cited_by(Article.objects.all())
    ).delete()
    topics = [name for names in vocabulary.TOPICS.values() for name in vocabulary.phrases(names)]
    Tag.objects.filter(name__in=topics, taggit_taggeditem_items__isnull=True).delete()
    return count


def delete_rows(queryset):
    """DELETE the rows of `queryset` in one statement, without loading them or sending signals."""
    subquery, params = queryset.order_by().values("pk").query.sql_with_params()
    quote_name, meta = connection.ops.quote_name, queryset.model._meta
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {quote_name(meta.db_table)} WHERE {quote_name(meta.pk.column)} IN ({subquery})", params
        )
