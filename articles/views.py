"""The reader's pages: the front page, an article, a source and a topic.

Every page starts from `Article.objects.published()`, so drafts and unknown slugs are
404 and never appear in a list. Related rows are loaded here, in a fixed number of
queries per page; templates only read what the view has fetched.
"""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, render
from taggit.models import Tag

from .models import Article, Block, LeadFigure, PullQuote, Quote, Source

ARTICLES_PER_PAGE = 20


def article_list(request):
    """The published articles, newest first, a page at a time.

    **Template:** ``articles/article_list.html``

    **Context:** ``page_obj`` (a page of ``Article`` with its lead figure and topics).
    """
    return render(request, "articles/article_list.html", {"page_obj": page_of_articles(request, Article.objects.published())})


def article_detail(request, slug):
    """One published article with its sections, blocks, quotes, figures and sources.

    **Template:** ``articles/article_detail.html``

    **Context:** ``article``, with ``article.sections.all`` and each section's
    ``blocks.all`` already loaded (see ``ArticleQuerySet.with_body``).
    """
    article = get_object_or_404(Article.objects.published().with_body(), slug=slug)
    return render(request, "articles/article_detail.html", {"article": article})


def source_detail(request, slug):
    """A source and everything in published articles that cites it, grouped by article.

    **Template:** ``articles/source_detail.html``

    **Context:** ``source``; ``citations``, a list of ``(article, [Citation])`` pairs, newest
    article first, each article's citations (of a ``LeadFigure``, ``Block`` or ``Quote``)
    in reading order.
    """
    source = get_object_or_404(Source, slug=slug)
    return render(request, "articles/source_detail.html", {"source": source, "citations": citations_of(source)})


def tag_detail(request, slug):
    """The published articles on one topic, newest first.

    **Template:** ``articles/tag_detail.html``

    **Context:** ``tag`` (a taggit ``Tag``), ``page_obj`` (a page of ``Article``).
    """
    tag = get_object_or_404(Tag, slug=slug)
    articles = Article.objects.published().filter(tags=tag)
    return render(request, "articles/tag_detail.html", {"tag": tag, "page_obj": page_of_articles(request, articles)})


def page_of_articles(request, articles):
    articles = articles.select_related("lead_figure").prefetch_related("tags")
    return Paginator(articles, ARTICLES_PER_PAGE).get_page(request.GET.get("page"))


def citations_of(source):
    """Everything in published articles that cites `source`, grouped by article.

    One query per kind of citing object, however many articles cite the source.
    """
    published = Article.objects.published()
    lead_figures = LeadFigure.objects.filter(sources=source, article__in=published).select_related("article")
    blocks = Block.objects.filter(sources=source, section__article__in=published).select_related(
        "paragraph", "figure", "pullquote", "section__article"
    )
    pull_quotes = PullQuote.objects.filter(
        Q(speaker=source) | Q(source=source), section__article__in=published
    ).select_related("section__article")
    quotes = Quote.objects.filter(
        Q(speaker=source) | Q(source=source), paragraph__section__article__in=published
    ).select_related("paragraph__section__article")

    citations = [Citation(lead_figure.article, (-1, 0, 0, 0), "lead_figure", lead_figure) for lead_figure in lead_figures]
    # A pull quote may both list the source and be spoken or reported by it: cite it once.
    blocks_by_pk = {block.pk: block for block in blocks}
    blocks_by_pk.update({pull_quote.pk: pull_quote for pull_quote in pull_quotes if pull_quote.pk not in blocks_by_pk})
    for block in blocks_by_pk.values():
        reading_order = (block.section.position, block.position, 0, 0)
        citations.append(Citation(block.section.article, reading_order, block.kind, block))
    for quote in quotes:
        paragraph = quote.paragraph
        reading_order = (paragraph.section.position, paragraph.position, 1, quote.position)
        citations.append(Citation(paragraph.section.article, reading_order, "quote", quote))
    return group_by_article(citations)


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


def group_by_article(citations):
    """(article, citations) pairs, newest article first, citations in reading order."""
    by_article = {}
    for citation in sorted(citations, key=lambda citation: citation.reading_order):
        by_article.setdefault(citation.article, []).append(citation)
    newest_first = sorted(by_article, key=lambda article: article.published_at, reverse=True)
    return [(article, by_article[article]) for article in newest_first]
