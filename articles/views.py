"""The reader's pages: the front page, an article, the sources, a source and a topic.

Every page starts from `Article.objects.published()`, so drafts and unknown slugs are
404 and never appear in a list. Related rows are loaded here, in a fixed number of
queries per page; templates only read what the view has fetched.
"""

from dataclasses import dataclass

from django.core.paginator import InvalidPage, Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe
from taggit.models import Tag

from . import kinds
from .addresses import ArticleSlugRedirect
from .counts import citation_totals
from .models import Article, Block, Source
from .pagecache import cached_page
from .public_pages import stored_page
from .reading import credited_sources, figures_of, read_body, related_articles, related_articles_of_version
from .search import clean_query, ranked_article_ids, search_results

ARTICLES_PER_PAGE = 20
# A source's page lists the citations of this many articles at a time.
SOURCE_ARTICLES_PER_PAGE = 20


def reader_page(view):
    """A page readers only read: GET and HEAD; any other method is 405 Method Not Allowed.

    Exempt from the CSRF check, which would otherwise answer a POST without a token with 403
    before the view could say the method is wrong; a reader page changes nothing to protect.
    """
    return csrf_exempt(require_safe(view))


def cached_reader_page(view):
    """A reader's page served from the page cache, rendered once per change of the content
    (articles/pagecache.py)."""
    return reader_page(cached_page(view))


@cached_reader_page
def article_list(request):
    """The published articles, newest first, a page at a time.

    **Template:** ``articles/article_list.html``

    **Context:** ``page_obj`` (a page of ``Article`` with its lead figure, topics and
    ``word_count``). A page number that is not a page is 404.
    """
    return render(
        request, "articles/article_list.html", {"page_obj": page_of_articles(request, Article.objects.published())}
    )


@cached_reader_page
def article_detail(request, slug):
    """One published article with its sections, blocks, quotes, figures and sources. An earlier
    slug of a published article answers with a permanent redirect to its present address.

    Served from the article's public version (`stored_article_page`) when it has one rendered by
    this code; rendered from its rows otherwise, and when ``?source=`` highlights a source, except
    for an article with unpublished changes: its rows are not public (articles/publishing.py), so
    its stored page is served, without highlighting.

    **Template:** ``articles/article_detail.html``

    **Context:** ``article``, with ``article.sections.all`` and each section's
    ``blocks.all`` already loaded (see ``ArticleQuerySet.with_body``); ``body``, the
    ``ArticleBody`` read from it (reading time, sources and their counts, the passages citing
    the source chosen with ``?source=<slug>``); ``credit_sources``, the sources named in photo
    credits by lower-cased name; ``related``, a few other articles sharing topics and sources.
    """
    articles = Article.objects.published()
    if not request.GET.get("source"):
        article = articles.select_related("public_version").filter(slug=slug).first()
        page = article and stored_page(article, request)
        if page:
            return stored_article_page(request, article, page)
    try:
        article = get_object_or_404(articles.with_body(), slug=slug)
    except Http404:
        return redirect_from_old_address(request, slug)
    if article.has_unpublished_changes and request.GET.get("source"):
        # Its rows are the working version: the stored page, without highlighting, if it has one.
        page = stored_page(articles.select_related("public_version").get(pk=article.pk), request)
        if page:
            return stored_article_page(request, article, page)
    return article_page(request, article)


def stored_article_page(request, article, page):
    """The article's page from its public version (articles/public_pages.py): the stored head and
    body, with related reading chosen now.

    **Template:** ``articles/article_public.html``

    **Context:** ``article`` (the row alone), ``page`` (a ``StoredPage``), ``related``.
    """
    version = getattr(request, "content_version", None)
    context = {
        "article": article,
        "page": page,
        "related": related_articles_of_version(article, page.source_ids, version),
    }
    return render(request, "articles/article_public.html", context)


def redirect_from_old_address(request, slug):
    """A published article's earlier address (see articles/addresses.py) leads to its present
    one for good, with the same query; any other unknown slug is 404."""
    moved = ArticleSlugRedirect.objects.filter(old_slug=slug, article__in=Article.objects.published())
    old = moved.select_related("article").first()
    if old is None:
        raise Http404(_("No article at this address."))
    query = request.META.get("QUERY_STRING", "")
    return HttpResponsePermanentRedirect(old.article.get_absolute_url() + (f"?{query}" if query else ""))


def article_page(request, article, extra_context=None):
    """The article's page from an article loaded `with_body()`: the reader's view and the
    editors' previews (articles/preview.py, which add ``preview``) render it the same way."""
    body = read_body(article, selected_slug=request.GET.get("source", ""))
    context = {
        "article": article,
        "body": body,
        "credit_sources": credited_sources(figures_of(article)),
        "related": related_articles(article, body.source_ids),
        **(extra_context or {}),
    }
    return render(request, "articles/article_detail.html", context)


@cached_reader_page
def source_detail(request, slug):
    """A source, how often published articles cite it, and what they cite it for, grouped by
    article, a page of articles at a time.

    **Template:** ``articles/source_detail.html``

    **Context:** ``source``; ``totals``, the published articles citing it and their statements
    and photos that do (``articles``, ``statements``, ``photos``); ``page_obj``, a page of those
    articles, newest first; ``citations``, a list of ``(article, [Citation])`` pairs for the
    articles of the page, each article's citations (of a ``LeadFigure``, ``Block`` or ``Quote``)
    in reading order. A page number that is not a page is 404.
    """
    source = get_object_or_404(Source, slug=slug)
    totals = citation_totals(source, Article.objects.published())
    page_obj = page_or_404(
        request, Article.objects.published().citing(source), SOURCE_ARTICLES_PER_PAGE, count=totals["articles"]
    )
    context = {
        "source": source,
        "totals": totals,
        "page_obj": page_obj,
        "citations": citations_of(source, page_obj.object_list),
    }
    return render(request, "articles/source_detail.html", context)


@cached_reader_page
def source_list(request):
    """The sources cited in published articles, grouped by kind; a source nobody cites yet
    is left out (its own page still exists).

    **Template:** ``articles/source_list.html``

    **Context:** ``groups``, a list of ``(kind label, [Source])`` pairs in the order of
    ``Source.Kind``, each list by name.
    """
    cited = Source.objects.cited_by(Article.objects.published())
    by_kind = {}
    for source in cited:
        by_kind.setdefault(source.kind, []).append(source)
    groups = [(label, by_kind[kind]) for kind, label in Source.Kind.choices if kind in by_kind]
    return render(request, "articles/source_list.html", {"groups": groups})


@cached_reader_page
def tag_detail(request, slug):
    """The published articles on one topic, newest first.

    **Template:** ``articles/tag_detail.html``

    **Context:** ``tag`` (a taggit ``Tag``), ``page_obj`` (a page of ``Article``).
    """
    tag = get_object_or_404(Tag, slug=slug)
    articles = Article.objects.published().filter(tags=tag)
    return render(request, "articles/tag_detail.html", {"tag": tag, "page_obj": page_of_articles(request, articles)})


def page_of_articles(request, articles):
    return page_or_404(request, articles.select_related("lead_figure").prefetch_related("tags"), ARTICLES_PER_PAGE)


def page_or_404(request, items, per_page, count=None):
    """The page of `items` that ``?page=`` asks for; a number that is not a page is 404, never 500.

    `count`, when the caller knows how many `items` there are, saves counting them again."""
    paginator = KeyedPaginator(items, per_page)
    if count is not None:
        paginator.count = count
    try:
        return paginator.page(request.GET.get("page") or 1)
    except InvalidPage as error:
        raise Http404(_("There is no such page.")) from error


class KeyedPaginator(Paginator):
    """Pages of a queryset whose keys are found first, then the rows of those keys only.

    A deep page skips thousands of rows: with the keys alone the database skips entries of
    the index its ordering follows, not rows and the joins that `select_related` adds to them.
    Lists that are not querysets are paged as by Django's Paginator."""

    def page(self, number):
        if not isinstance(self.object_list, QuerySet):
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.count)
        if top + self.orphans >= self.count:
            top = self.count
        rows = self.object_list.filter(pk__in=self.object_list.values("pk")[bottom:top]) if top > bottom else []
        return self._get_page(list(rows), number, self)


def citations_of(source, articles=None):
    """Everything in `articles` (by default every published article) that cites `source`, grouped
    by article, in the order of `articles`.

    One query for lead figures, one for blocks of every kind and one for each kind of row
    inside a block (a paragraph's quotes), however many articles there are.
    """
    articles = list(Article.objects.published().citing(source) if articles is None else articles)
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


SEARCH_RESULTS_PER_PAGE = 10


@reader_page
def search(request):
    """Published articles matching the reader's words, best first, with the passages that match.

    **Template:** ``articles/search.html``

    **Context:** ``query`` (``q`` cleaned of control characters and cut to 200 characters;
    "" shows the form alone); ``page_obj`` (a page of article keys, for the count and the
    page links, or ``None``); ``results``, a ``SearchResult`` per article of the page:
    headline and standfirst with the matched words in ``<mark>``, and snippets linking to
    their paragraph, quote or figure (see ``articles/search/``). A page number that is
    not a page is 404.
    """
    query = clean_query(request.GET.get("q", ""))
    page_obj, results = None, []
    if query:
        page_obj = page_or_404(request, ranked_article_ids(query), SEARCH_RESULTS_PER_PAGE)
        results = search_results(query, page_obj.object_list)
    return render(request, "articles/search.html", {"query": query, "page_obj": page_obj, "results": results})
