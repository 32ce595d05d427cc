"""The article page readers are served, rendered once when the article is made public.

`render_public_version(article)` renders the page of a published article through the same
templates as the full render (``articles/_metadata.html`` and ``articles/_article.html``),
once per interface language, and stores it as the article's `PublicVersion`, with what lists
and sources' pages show of it (articles/public_summaries.py, articles/public_citations.py): the reader's
page then costs one query for the article and its stored page, plus related reading, which
changes with other articles and is rendered per request (`stored_page`). Previews and a page
with ``?source=`` (passages highlighted) are still rendered in full from the article's rows.

Absolute addresses are rendered with the placeholder origin `ORIGIN` and given the request's
scheme and host when served, so one stored page serves every host the site answers to.
"""

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import translation

from .models import Article, PublicVersion
from .pagecache import code_fingerprint
from .public_citations import article_citations
from .public_summaries import public_topic_ids, summary_data
from .reading import credited_sources, figures_of, read_body

ORIGIN_HOST = "public-version.invalid"
ORIGIN = f"http://{ORIGIN_HOST}"
# Where related reading goes: the last occurrence in the body (only closing tags follow it).
RELATED_MARKER = "@@related-reading@@"


class PublicRequest(HttpRequest):
    """A GET of the article's address at the placeholder origin, to render the stored page with."""

    def __init__(self, path):
        super().__init__()
        self.method = "GET"
        self.path = self.path_info = path

    def get_host(self):
        return ORIGIN_HOST

    @property
    def scheme(self):
        # Whatever the proxy settings say: ORIGIN is replaced, scheme and all, when served.
        return "http"


def render_public_version(article):
    """Render and store the public page of `article`, loaded `with_body()`; returns its `PublicVersion`."""
    body = read_body(article)
    context = {
        "article": article,
        "body": body,
        "credit_sources": credited_sources(figures_of(article)),
        "related_marker": RELATED_MARKER,
    }
    request = PublicRequest(article.get_absolute_url())
    pages = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            head = render_to_string("articles/_metadata.html", context, request)
            start, _marker, end = render_to_string("articles/_article.html", context, request).rpartition(
                RELATED_MARKER
            )
        pages[language] = {"head": head, "start": start, "end": end}
    public, _created = PublicVersion.objects.update_or_create(
        article=article,
        defaults={
            "headline": article.headline,
            "language": article.language,
            "slug": article.slug,
            "updated_at": article.updated_at,
            "source_ids": body.source_ids,
            "pages": pages,
            "summary": summary_data(article, body.word_count),
            "citations": article_citations(article),
            "code": code_fingerprint(),
        },
    )
    return public


def render_public_versions(article_ids):
    """Render the public pages of the published articles among `article_ids` (scheduled ones too,
    served once their time comes); drop the others'."""
    article_ids = set(article_ids)
    published = Article.objects.filter(pk__in=article_ids, status=Article.Status.PUBLISHED)
    PublicVersion.objects.filter(article__in=article_ids).exclude(article__in=published).delete()
    for article in published.with_body():
        render_public_version(article)


@dataclass(frozen=True)
class StoredPage:
    """The stored parts of an article's page in the current interface language, for the request."""

    head: str
    start: str
    end: str
    source_ids: list
    topic_ids: list


def stored_page(article, request):
    """The stored page of `article` (loaded with its `public_version`) for `request`, or None when
    there is none to serve: never rendered, or rendered by other code. An article with unpublished
    changes is served the page it has, whatever code rendered it: rendering its rows would make
    its working version public (articles/publishing.py)."""
    try:
        public = article.public_version
    except PublicVersion.DoesNotExist:
        return None
    code = None if article.has_unpublished_changes else code_fingerprint()
    page = public.page(translation.get_language(), code)
    if page is None:
        return None
    origin = f"{request.scheme}://{request.get_host()}"
    head, start, end = (page[part].replace(ORIGIN, origin) for part in ("head", "start", "end"))
    return StoredPage(head, start, end, public.source_ids, public_topic_ids(article))
