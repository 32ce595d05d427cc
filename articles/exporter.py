"""An article as `article.v1` JSON: the same structure the reader's page is rendered from."""

import json

from .kinds import LEAD_FIGURE, block_sources
from .models import Article, Block

SCHEMA = "article.v1"


def name_or_none(source):
    return source.name if source is not None else None


def figure_data(figure, sources):
    return {
        "type": "figure",
        "caption": figure.caption,
        "credit": figure.credit,
        "credit_parts": figure.credit_parts,
        "alt": figure.alt_text,
        "image": figure.image.url if figure.image else None,
        "sources": [source.name for source in sources],
    }


def quote_data(quote):
    return {"text": quote.text, "speaker": name_or_none(quote.speaker), "source": name_or_none(quote.source)}


def paragraph_data(paragraph, sources):
    return {
        "type": "paragraph",
        "text": paragraph.text,
        "sources": [source.name for source in sources],
        "quotes": [quote_data(quote) for quote in paragraph.quotes.all()],
    }


def pull_quote_data(pull_quote, sources):
    # A pull quote's sources are usually its speaker and outlet, but editors may set others.
    return {"type": "quote", **quote_data(pull_quote), "sources": [source.name for source in sources]}


# How article.v1 writes each kind of block, given its row and the sources on its Block row.
BLOCK_DATA = {
    Block.Kind.PARAGRAPH: paragraph_data,
    Block.Kind.FIGURE: figure_data,
    Block.Kind.PULLQUOTE: pull_quote_data,
}


def block_data(block):
    # Sources were prefetched on the Block row, quotes on its concrete Paragraph.
    return BLOCK_DATA[block.kind](block.specific, block.sources.all())


def cited_sources(article):
    """Every source the article cites anywhere, each once."""
    lead_figure = article.lead_figure_or_none
    found = LEAD_FIGURE.sources_cited_by(lead_figure) if lead_figure else []
    for section in article.sections.all():
        for block in section.blocks.all():
            found += block_sources(block)
    return sorted(set(found), key=lambda source: source.name.casefold())


def export_article(article):
    """A dict following the article.v1 schema; `article` should come from `Article.objects.with_body()`."""
    lead_figure = article.lead_figure_or_none
    return {
        "schema": SCHEMA,
        "slug": article.slug,
        "headline": article.headline,
        "standfirst": article.standfirst,
        "byline": article.byline,
        "language": article.language,
        "status": article.status,
        "published_at": article.published_at.isoformat() if article.published_at else None,
        "correction_note": article.correction_note,
        "tags": sorted(tag.name for tag in article.tags.all()),
        "lead_figure": figure_data(lead_figure, lead_figure.sources.all()) if lead_figure else None,
        "sections": [
            {
                "heading": section.heading or None,
                "anchor": section.anchor,
                "blocks": [block_data(block) for block in section.blocks.all()],
            }
            for section in article.sections.all()
        ],
        "sources": [
            {"name": source.name, "slug": source.slug, "kind": source.kind} for source in cited_sources(article)
        ],
    }


def export_article_json(slug):
    article = Article.objects.with_body().get(slug=slug)
    return json.dumps(export_article(article), ensure_ascii=False, indent=2)
