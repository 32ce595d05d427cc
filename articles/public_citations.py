"""What a source's page lists of an article, as it was made public: each passage citing the source.

When an article is made public, `article_citations` walks its body once and its `PublicVersion`
stores every lead figure, block and quote inside a block that cites a source, in reading order,
with the sources it cites and its excerpt (`citation_entry`). A source's page then reads the
stored entries of the articles it shows (`source_citations`), never the rows editors are working
on. An article not made public since its rows were written has none stored: its citations are
found in its rows (`citations_of`), in a fixed number of queries for the whole page.
"""

from dataclasses import dataclass

from django.utils.text import Truncator

from . import kinds
from .models import Article, Block
from .public_summaries import SUMMARY_FORMAT, public_summaries

# What a source's page shows of a passage that is not a quotation, in words.
EXCERPT_WORDS = 45


def citation_entry(part, row, source_ids):
    """What a source's page shows of `row`, a `part` of an article citing `source_ids`, as JSON."""
    excerpt = row.excerpt or ""
    if not part.quotation:
        excerpt = Truncator(excerpt).words(EXCERPT_WORDS, truncate=" …")
    return {
        "kind": part.name,
        "anchor": row.anchor,
        "excerpt": excerpt,
        "sources": list(dict.fromkeys(source_ids)),
        "speaker": getattr(row, "speaker_id", None),
        "outlet": getattr(row, "source_id", None) if part.quotation else None,
    }


def article_citations(article):
    """The entries of every part of `article` (loaded `with_body()`) that cites a source, in reading order."""
    entries = []

    def add(part, row, sources):
        if sources:
            entries.append(citation_entry(part, row, [source.pk for source in sources]))

    lead = article.lead_figure_or_none
    if lead is not None:
        add(kinds.LEAD_FIGURE, lead, kinds.LEAD_FIGURE.sources_cited_by(lead))
    for section in article.sections.all():
        for block in section.blocks.all():
            kind, item = kinds.kind_of(block), block.specific
            add(kind, item, kind.sources_cited_by(item, block))
            for part, row in kind.contained(item):
                add(part, row, part.sources_cited_by(row))
    return entries


@dataclass(frozen=True)
class PublicCitation:
    """A passage citing a source, as its page lists it: `url` leads to it in the article."""

    kind: str
    url: str
    excerpt: str
    speaker_id: int | None
    outlet_id: int | None

    @property
    def part(self):
        return kinds.PARTS[self.kind]


def shown(summary, entry):
    return PublicCitation(
        entry["kind"],
        f"{summary.get_absolute_url()}#{entry['anchor']}",
        entry["excerpt"],
        entry["speaker"],
        entry["outlet"],
    )


def source_citations(source, articles):
    """(`PublicSummary`, [`PublicCitation`]) for each of `articles` (loaded `with_summaries(…,
    citations=True)`) that cites `source`, in their order, its citations in reading order."""
    summaries = {summary.pk: summary for summary in public_summaries(articles)}
    found, missing = {}, []
    for article in articles:
        public = getattr(article, "public_version", None)
        if public is None or public.summary.get("format") != SUMMARY_FORMAT:
            missing.append(article)
            continue
        found[article.pk] = [entry for entry in public.citations if source.pk in entry["sources"]]
    for article, citations in citations_of(source, missing):
        found[article.pk] = [citation_entry(kinds.PARTS[c.kind], c.content, [source.pk]) for c in citations]
    return [
        (summaries[article.pk], [shown(summaries[article.pk], entry) for entry in found[article.pk]])
        for article in articles
        if found.get(article.pk) and article.pk in summaries
    ]


# An article's citations of one source, found in its rows


def citations_of(source, articles=None):
    """Everything in `articles` (by default every published article) that cites `source`, grouped
    by article, in the order of `articles`.

    One query for lead figures, one for blocks of every kind and one for each kind of row
    inside a block (a paragraph's quotes), however many articles there are.
    """
    articles = list(Article.objects.published().citing(source) if articles is None else articles)
    if not articles:
        return []
    by_pk = {article.pk: article for article in articles}
    lead = kinds.LEAD_FIGURE
    lead_figures = lead.model.objects.filter(lead.citing(source), article__in=by_pk)
    blocks = (
        Block.objects.with_specific()
        .filter(kinds.blocks_citing(source), section__article__in=by_pk)
        .select_related("section")
    )

    citations = []
    # Each row gets the article already loaded, for its address, rather than loading it again.
    for lead_figure in lead_figures:
        lead_figure.article = by_pk[lead_figure.article_id]
        citations.append(Citation(lead_figure.article, (-1, 0, 0, 0), lead.name, lead_figure))
    # A block may cite the source in two ways (a pull quote listing the source it quotes): cite it once.
    for block in {block.pk: block for block in blocks}.values():
        block.section.article = by_pk[block.section.article_id]
        reading_order = (block.section.position, block.position, 0, 0)
        citations.append(Citation(block.section.article, reading_order, block.kind, block))
    for _kind, _related, part, link in kinds.contained_parts():
        rows = part.model.objects.filter(
            part.citing(source), **{f"{link}__section__article__in": by_pk}
        ).select_related(f"{link}__section")
        for row in rows:
            block = getattr(row, link)
            block.section.article = by_pk[block.section.article_id]
            reading_order = (block.section.position, block.position, 1, row.position)
            citations.append(Citation(block.section.article, reading_order, part.name, row))
    return group_by_article(citations, articles)


@dataclass(frozen=True)
class Citation:
    """One place in an article that cites a source; `cited` is what the reader is sent to."""

    article: Article
    reading_order: tuple
    kind: str
    cited: object

    @property
    def url(self):
        return self.cited.get_absolute_url()

    @property
    def content(self):
        return self.cited.specific if isinstance(self.cited, Block) else self.cited

    @property
    def part(self):
        return kinds.PARTS[self.kind]


def group_by_article(citations, articles):
    """(article, citations) pairs in the order of `articles`, citations in reading order."""
    by_article = {}
    for citation in sorted(citations, key=lambda citation: citation.reading_order):
        by_article.setdefault(citation.article, []).append(citation)
    return [(article, by_article[article]) for article in articles if article in by_article]
