"""Readers' pages served from a cache, never stale: rendered once per content version.

`cached_page` wraps a reader's view. Each request reads the content version (one query,
articles/content_version.py), and the page's key is made of that version, the code that renders
it, the scheme and host, the interface language and the full path with its query (``?source=``,
``?page=``: the page shows them). The version moves in the same transaction as any change, so a
page stored under the version read *before* rendering is never older than that version: a change
committed meanwhile moves the version, and later requests look under the new key.

The key also makes the ETag, and the version's time the Last-Modified date: a reader (or a CDN)
revalidating a page it holds gets `304 Not Modified` without rendering or a cache lookup.
Signed-in users (editors) always get a fresh page, neither read from the cache nor stored in it,
which no shared cache may keep. Draft previews are other views (articles/preview.py), never cached.

The cache is Django's default one: each process's memory, or Redis when REDIS_URL is set.
`DJANGO_PAGE_CACHE=off` renders every page (ETags and 304 answers work the same).
"""

import functools
import hashlib
import logging

import django
from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import get_language

from .content_version import current_version
from .public_changes import refresh_pending_public_data

logger = logging.getLogger(__name__)

# What the rendering depends on besides the content: templates, code, translations, static names.
CODE_FOLDERS = ("templates", "articles", "config", "locale")
CODE_SUFFIXES = {".py", ".html", ".xml", ".txt", ".mo"}
# The interface language follows the language cookie or Accept-Language.
VARY = ("Accept-Language", "Cookie")


def cached_page(view):
    """Serve `view`'s 200 answers from the page cache, with ETag, Last-Modified and Cache-Control."""

    @functools.wraps(view)
    def page(request, *args, **kwargs):
        if signed_in(request):
            refresh_pending_public_data()
            response = view(request, *args, **kwargs)
            patch_cache_control(response, private=True, no_cache=True)
            return response
        # Before the version is read: making them public moves it (articles/public_changes.py).
        refresh_pending_public_data()
        version = current_version()
        # What a page shows may be remembered under the version it was rendered from.
        request.content_version = version
        key = page_key(request, version)
        etag = f'W/"{key}"'
        # If-Modified-Since counts whole seconds: it only names this version when no other was
        # made within the same second.
        last_modified = version.last_modified if version.alone_in_its_second else None
        not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
        if not_modified is not None:
            return with_validators(not_modified, etag, version)
        response = read_cache(key)
        if response is None:
            response = view(request, *args, **kwargs)
            if cacheable(response):
                write_cache(key, response)
        if response.status_code == 200:
            with_validators(response, etag, version)
        return response

    return page


def signed_in(request):
    # Readers have no session cookie, so most requests are told apart without a query.
    return settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated


def page_key(request, version):
    """What the page shows depends on: a hash, for the cache key and the ETag."""
    parts = (
        code_fingerprint(),
        str(version.number),
        request.scheme,
        request.get_host(),
        get_language() or "",
        request.get_full_path(),
    )
    return hashlib.blake2b("\n".join(parts).encode(), digest_size=16).hexdigest()


@functools.cache
def code_fingerprint():
    """A hash of the templates, code, translations and static files' names: pages rendered by
    an earlier release of the code are never served, nor validated, by this one."""
    digest = hashlib.blake2b(django.get_version().encode(), digest_size=8)
    base = settings.BASE_DIR
    for folder in CODE_FOLDERS:
        for path in sorted((base / folder).rglob("*")):
            if path.suffix in CODE_SUFFIXES and path.is_file() and "tests" not in path.parts:
                digest.update(path.relative_to(base).as_posix().encode())
                digest.update(path.read_bytes())
    manifest = settings.STATIC_ROOT / "staticfiles.json"
    if settings.STATIC_MANIFEST and manifest.is_file():
        digest.update(manifest.read_bytes())
    return digest.hexdigest()


def cacheable(response):
    return (
        settings.PAGE_CACHE
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in response.get("Cache-Control", "")
    )


def read_cache(key):
    if not settings.PAGE_CACHE:
        return None
    try:
        stored = cache.get(f"page:{key}")
    except Exception:
        # A cache server that is down slows pages; it must not break them.
        logger.warning("The page cache could not be read.", exc_info=True)
        return None
    if stored is None:
        return None
    content, headers = stored
    return HttpResponse(content, headers=headers)


def write_cache(key, response):
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    try:
        cache.set(f"page:{key}", (response.content, dict(response.items())), settings.PAGE_CACHE_SECONDS)
    except Exception:
        logger.warning("The page cache could not be written.", exc_info=True)


def with_validators(response, etag, version):
    """The headers that let browsers and CDNs keep the page and revalidate it."""
    response["ETag"] = etag
    response["Last-Modified"] = http_date(version.last_modified)
    patch_cache_control(
        response,
        public=True,
        max_age=settings.PAGE_BROWSER_MAX_AGE,
        s_maxage=settings.PAGE_SHARED_MAX_AGE,
        stale_while_revalidate=settings.PAGE_STALE_WHILE_REVALIDATE,
    )
    patch_vary_headers(response, VARY)
    return response
