"""sitemap.xml (an index of paged sections), the Google News sitemap and robots.txt: published
articles only, absolute URLs, time zones."""

import re
import xml.etree.ElementTree as ET
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Source
from articles.sitemaps import SITEMAPS, URLS_PER_SITEMAP, ArticleSitemap

from .factories import ArticleFactory, DraftArticleFactory, ParagraphFactory, SectionFactory, SourceFactory

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
W3C_DATETIME_WITH_ZONE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$")


def sitemap_urls(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{SITEMAP}urlset"
    return root.findall(f"{SITEMAP}url")


def sitemap_index(client):
    """{address of a sitemap page: its lastmod or None} listed by /sitemap.xml."""
    response = client.get(reverse("articles:sitemap"))
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    assert root.tag == f"{SITEMAP}sitemapindex"
    return {entry.findtext(f"{SITEMAP}loc"): entry.findtext(f"{SITEMAP}lastmod") for entry in root}


def every_sitemap_url(client):
    """The <url> entries of every page the sitemap index lists."""
    urls = []
    for location in sitemap_index(client):
        address = urlsplit(location)
        assert (address.scheme, address.netloc) == ("http", "testserver")
        urls += sitemap_urls(client, f"{address.path}?{address.query}" if address.query else address.path)
    return urls


def locations(urls):
    return {url.findtext(f"{SITEMAP}loc") for url in urls}


def absolute(path):
    return f"http://testserver{path}"


@pytest.fixture
def published_draft_and_future():
    now = timezone.now()
    agency = SourceFactory(name="TASS")
    articles = (
        ArticleFactory(headline="Published story"),
        DraftArticleFactory(headline="Draft story"),
        ArticleFactory(headline="Scheduled story", published_at=now + timedelta(hours=3)),
    )
    for article, topic in zip(articles, ("OTAN", "Borrador", "Futuro"), strict=True):
        article.tags.add(topic)
        ParagraphFactory(section=SectionFactory(article=article)).sources.add(agency)
    SourceFactory(name="Only in a draft").blocks.add(*articles[1].sections.get().blocks.all())
    return articles


def test_sitemap_lists_front_page_published_articles_their_topics_and_cited_sources(client, published_draft_and_future):
    published, draft, future = published_draft_and_future

    urls = every_sitemap_url(client)

    assert locations(urls) == {
        absolute(reverse("articles:article_list")),
        absolute(published.get_absolute_url()),
        absolute(reverse("articles:tag_detail", kwargs={"slug": "otan"})),
        absolute(Source.objects.get(name="TASS").get_absolute_url()),
    }


def test_sitemap_gives_articles_and_topics_their_last_update(client):
    older = ArticleFactory(published_at=timezone.now() - timedelta(days=3))
    newer = ArticleFactory()
    for article in (older, newer):
        article.tags.add("OTAN")

    lastmods = {url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod") for url in every_sitemap_url(client)}

    assert lastmods[absolute(older.get_absolute_url())] == timezone.localtime(older.updated_at).date().isoformat()
    assert (
        lastmods[absolute(reverse("articles:tag_detail", kwargs={"slug": "otan"}))]
        == timezone.localtime(newer.updated_at).date().isoformat()
    )


def test_sitemap_index_lists_a_page_per_section_with_the_newest_article_update(client):
    older = ArticleFactory(published_at=timezone.now() - timedelta(days=3))
    newer = ArticleFactory(published_at=timezone.now() - timedelta(days=1))
    newer.tags.add("OTAN")
    older.save()  # the older article is now the last one changed

    index = sitemap_index(client)

    assert set(index) == {
        absolute(reverse("articles:sitemap_section", kwargs={"section": section})) for section in SITEMAPS
    }
    articles_page = absolute(reverse("articles:sitemap_section", kwargs={"section": "articles"}))
    older.refresh_from_db()
    assert index[articles_page] == timezone.localtime(older.updated_at).isoformat()


def test_sitemap_sections_hold_at_most_500_addresses_a_page(client, monkeypatch):
    assert all(sitemap.limit == URLS_PER_SITEMAP == 500 for sitemap in SITEMAPS.values())
    monkeypatch.setattr(ArticleSitemap, "limit", 2)
    articles = [ArticleFactory() for _ in range(5)]

    pages = [location for location in sitemap_index(client) if "/sitemap-articles.xml" in location]
    page_sizes = [len(sitemap_urls(client, urlsplit(page).path + "?" + urlsplit(page).query)) for page in pages[1:]]
    page_sizes.insert(0, len(sitemap_urls(client, urlsplit(pages[0]).path)))

    assert page_sizes == [2, 2, 1]
    assert locations(every_sitemap_url(client)) >= {absolute(article.get_absolute_url()) for article in articles}


def test_a_sitemap_page_that_does_not_exist_is_not_found(client):
    ArticleFactory()

    assert client.get(reverse("articles:sitemap_section", kwargs={"section": "nothing"})).status_code == 404
    assert client.get(reverse("articles:sitemap_section", kwargs={"section": "articles"}) + "?p=9").status_code == 404


def test_news_sitemap_lists_only_articles_published_in_the_last_two_days(client, published_draft_and_future):
    published = published_draft_and_future[0]
    ArticleFactory(headline="Last week's story", published_at=timezone.now() - timedelta(days=7))
    ArticleFactory(headline="Three days old", published_at=timezone.now() - timedelta(days=2, hours=1))

    urls = sitemap_urls(client, reverse("articles:news_sitemap"))

    assert locations(urls) == {absolute(published.get_absolute_url())}


def test_news_sitemap_entry_names_publication_language_time_with_zone_and_title(client):
    article = ArticleFactory(headline="Rusia & Corea <del Norte>", language="pt-BR")

    [url] = sitemap_urls(client, reverse("articles:news_sitemap"))

    news = url.find(f"{NEWS}news")
    assert news.findtext(f"{NEWS}publication/{NEWS}name") == "Lector de noticias"
    assert news.findtext(f"{NEWS}publication/{NEWS}language") == "pt"
    assert news.findtext(f"{NEWS}title") == "Rusia & Corea <del Norte>"
    published = news.findtext(f"{NEWS}publication_date")
    assert W3C_DATETIME_WITH_ZONE.match(published)
    assert published.startswith(timezone.localtime(article.published_at).strftime("%Y-%m-%dT%H:%M:%S"))


def test_news_sitemap_declares_the_sitemap_and_news_namespaces(client):
    ArticleFactory()

    xml = client.get(reverse("articles:news_sitemap")).content.decode()

    assert xml.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    assert 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"' in xml
    assert 'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"' in xml


def test_robots_txt_keeps_crawlers_out_of_the_admin_and_names_both_sitemaps(client):
    response = client.get(reverse("articles:robots_txt"))

    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[:2] == ["User-agent: *", f"Disallow: {reverse('admin:index')}"]
    assert f"Sitemap: {absolute(reverse('articles:sitemap'))}" in lines
    assert f"Sitemap: {absolute(reverse('articles:news_sitemap'))}" in lines
    assert reverse("articles:robots_txt") == "/robots.txt"


@pytest.mark.parametrize("section", ["home", "articles", "topics", "sources"])
def test_a_sitemap_page_says_what_djangos_own_template_says(client, rf, section):
    from django.contrib.sitemaps.views import sitemap

    for number in range(3):
        article = ArticleFactory(headline=f"Talks & truce {number}")
        article.tags.add("Japón", "Paz & guerra")
        paragraph = ParagraphFactory(section=SectionFactory(article=article), text="Said «yes».")
        paragraph.sources.add(SourceFactory(name=f"Agencia & Co {number}"))
    url = reverse("articles:sitemap_section", kwargs={"section": section})
    # First through the site, which makes public what the test wrote (a test never commits).
    ours = client.get(url)
    djangos = sitemap(rf.get(url), SITEMAPS, section)
    djangos.render()

    def entries(content):
        root = ET.fromstring(content)
        return [(url.findtext(f"{SITEMAP}loc"), url.findtext(f"{SITEMAP}lastmod")) for url in root]

    assert ours.status_code == 200 and ours["Content-Type"] == djangos["Content-Type"]
    assert entries(ours.content) == entries(djangos.content) and entries(ours.content)
