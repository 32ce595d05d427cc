"""The reader's pages: the front page, an article, the sources, a source and a topic.

Every page starts from `Article.objects.published()`, so drafts and unknown slugs are
404 and never appear in a list. Lists show each article's public version, never the rows
editors are working on (articles/public_summaries.py, articles/public_citations.py). Related
rows are loaded here, in a fixed number of queries per page; templates only read what the
view has fetched.
"""

from django.core.paginator import InvalidPage, Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe
from taggit.models import Tag

from .addresses import ArticleSlugRedirect
from .counts import citation_totals
from .models import Article, Source
from .pagecache import cached_page
from .public_citations import source_citations
from .public_pages import stored_page
from .public_summaries import public_summaries, with_summaries
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

    **Context:** ``page_obj`` (a page of ``PublicSummary``: headline, lead picture, topics,
    ``word_count``… as made public). A page number that is not a page is 404.
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
        "related": related_articles_of_version(article, page.source_ids, page.topic_ids, version),
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
        "related": related_articles(article, body.source_ids, [tag.pk for tag in article.tags.all()]),
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
    articles, newest first; ``citations``, a list of ``(PublicSummary, [PublicCitation])`` pairs
    for the articles of the page, each article's citations (of its lead figure, a block or a
    quote) in reading order, as made public. A page number that is not a page is 404.
    """
    source = get_object_or_404(Source, slug=slug)
    totals = citation_totals(source, Article.objects.published())
    articles = with_summaries(Article.objects.published().citing(source), citations=True)
    page_obj = page_or_404(request, articles, SOURCE_ARTICLES_PER_PAGE, count=totals["articles"])
    context = {
        "source": source,
        "totals": totals,
        "page_obj": page_obj,
        "citations": source_citations(source, page_obj.object_list),
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

    **Context:** ``tag`` (a taggit ``Tag``), ``page_obj`` (a page of ``PublicSummary``), the
    articles made public with the topic.
    """
    tag = get_object_or_404(Tag, slug=slug)
    articles = Article.objects.published().filter(public_topics__tag=tag)
    return render(request, "articles/tag_detail.html", {"tag": tag, "page_obj": page_of_articles(request, articles)})


def page_of_articles(request, articles):
    """The page of `articles` asked for, as their public summaries."""
    page_obj = page_or_404(request, with_summaries(articles), ARTICLES_PER_PAGE)
    page_obj.object_list = public_summaries(page_obj.object_list)
    return page_obj


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
