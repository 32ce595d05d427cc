"""The sitemaps: an index (/sitemap.xml) of sections (front page, articles, topics, sources) of at
most 500 addresses a page, and the Google News sitemap of the last two days.

Articles are listed as made public: their public address, last change, headline and language,
and the topics they were made public with (articles/public_summaries.py)."""

from datetime import datetime, timedelta

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap
from django.db.models import Max, OuterRef, Subquery
from django.template.response import SimpleTemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from taggit.models import Tag

from .models import Article, PublicTopic, PublicVersion, Source
from .public_summaries import with_public_fields

NEWS_WINDOW = timedelta(days=2)
# Addresses per sitemap page. Search engines accept 50,000 and read every page the index lists;
# Django's sitemap views take about 60 ms per thousand addresses, so a page stays well under 100 ms.
URLS_PER_SITEMAP = 500


class PagedSitemap(Sitemap):
    limit = URLS_PER_SITEMAP


class FrontPageSitemap(PagedSitemap):
    def items(self):
        return ["articles:article_list"]

    def location(self, name):
        return reverse(name)


class ArticleSitemap(PagedSitemap):
    # reverse() for each of a page's 500 addresses took two fifths of the page's time: the address
    # is reversed once per page around this marker, then each slug put in its place.
    SLUG_MARKER = "slug-marker"

    def get_urls(self, *args, **kwargs):
        address = reverse("articles:article_detail", kwargs={"slug": self.SLUG_MARKER})
        self.address_around_slug = address.split(self.SLUG_MARKER, 1)
        return super().get_urls(*args, **kwargs)

    def location(self, article):
        before, after = self.address_around_slug
        return f"{before}{article.public_slug}{after}"

    def items(self):
        # What an entry shows: its address (from the slug) and its last change; as named rows, since
        # making 500 model instances cost a third of the page.
        articles = with_public_fields(Article.objects.published().only("pk"))
        return articles.values_list("public_slug", "public_updated_at", named=True)

    def lastmod(self, article):
        return article.public_updated_at

    def get_latest_lastmod(self):
        # Django's default reads every item; the index only needs the newest time.
        return latest_article_change()


class TagSitemap(PagedSitemap):
    def items(self):
        # Found topic by topic (its first published article, through taggit's index on the tag):
        # counting the pages then reads no more than that; a topic's last change is read only
        # for the topics of the page.
        # Its newest article made public with it (the index on topic and time, read from the newest
        # until a published one) is its last change, and tells whether it has any.
        published = Article.objects.published().filter(pk=OuterRef("article")).values("pk")
        newest = (
            PublicTopic.objects.filter(tag=OuterRef("pk"), article__in=published)
            .order_by("-updated_at")
            .values("updated_at")
        )
        return (
            Tag.objects.annotate(last_article_update=Subquery(newest[:1]))
            .filter(last_article_update__isnull=False)
            .order_by("name")
        )

    def location(self, tag):
        return reverse("articles:tag_detail", kwargs={"slug": tag.slug})

    def lastmod(self, tag):
        return tag.last_article_update

    def get_latest_lastmod(self):
        # A topic's page changes when one of its articles does: the newest change of any is close enough.
        return latest_article_change()


class SourceSitemap(PagedSitemap):
    def items(self):
        return Source.objects.cited_by(Article.objects.published())


class NewsSitemap(ArticleSitemap):
    """Google News wants the articles of the last two days only, a thousand at most per page."""

    limit = 1000

    def items(self):
        # Each entry shows the headline, language and publication time.
        articles = Article.objects.published().filter(published_at__gte=timezone.now() - NEWS_WINDOW)
        return with_public_fields(articles.only("pk", "published_at"))


def latest_article_change():
    """The newest change made public of a published article (from the newest public version until
    a published one); the rows' while none has been made public."""
    published = Article.objects.published().filter(pk=OuterRef("article")).values("pk")
    newest = PublicVersion.objects.filter(article__in=published, updated_at__isnull=False).order_by("-updated_at")
    latest = newest.values_list("updated_at", flat=True).first()
    return latest or Article.objects.published().aggregate(latest=Max("updated_at"))["latest"]


SITEMAPS = {"home": FrontPageSitemap, "articles": ArticleSitemap, "topics": TagSitemap, "sources": SourceSitemap}
NEWS_SITEMAPS = {"news": NewsSitemap}


def section_sitemap(request, sitemaps, section=None):
    """Django's sitemap view, its page of addresses written out directly rather than through
    its template: at 500 addresses a page, the template's lookups and date filter cost twice
    what reading the page's rows did. What it writes is what the template writes for these
    sitemaps, which set no change frequency, priority or other languages."""
    response = sitemap(request, sitemaps, section)
    if isinstance(response, SimpleTemplateResponse) and not response.is_rendered:
        response.content = urlset_xml(response.context_data["urlset"])
    return response


def urlset_xml(urlset):
    entries = []
    for url in urlset:
        lastmod = url.get("lastmod")
        if isinstance(lastmod, datetime):
            lastmod = timezone.localtime(lastmod) if timezone.is_aware(lastmod) else lastmod
        day = f"<lastmod>{lastmod:%Y-%m-%d}</lastmod>" if lastmod else ""
        entries.append(f"<url><loc>{escape(url['location'])}</loc>{day}</url>\n")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + "".join(entries) + "</urlset>\n"
    )
