"""Each page costs a fixed number of queries, however long the article or the list."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import reading
from articles.counts import counted_once
from articles.models import Article, Source
from articles.public_changes import refresh_pending_public_data
from articles.sitemaps import SITEMAPS

from .factories import (
    ArticleFactory,
    FigureFactory,
    LeadFigureFactory,
    ParagraphFactory,
    PullQuoteFactory,
    QuoteFactory,
    SectionFactory,
    SourceFactory,
    build_long_article,
)

pytestmark = pytest.mark.django_db

ARTICLE_PAGE_QUERY_BUDGET = 12


@pytest.fixture(autouse=True)
def rendered_every_time(settings):
    """What a page costs to render (a page served from the cache costs one query)."""
    settings.PAGE_CACHE = False


LIST_PAGE_QUERY_BUDGET = 6


def build_small_article():
    """One of everything the article page loads, so that every prefetch runs."""
    article = ArticleFactory()
    article.tags.add("OTAN")
    agency = SourceFactory(name="Small Article Agency")
    speaker = SourceFactory(name="Small Article Speaker", kind=Source.Kind.PERSON)
    LeadFigureFactory(article=article).sources.add(agency)
    section = SectionFactory(article=article, position=1, heading="Only chapter")
    paragraph = ParagraphFactory(section=section, position=1, text="He said “we are ready”.")
    paragraph.sources.add(agency)
    QuoteFactory(paragraph=paragraph, position=1, text="we are ready", speaker=speaker, source=agency)
    FigureFactory(section=section, position=2).sources.add(agency)
    PullQuoteFactory(section=section, position=3, speaker=speaker, source=agency).sources.add(agency)
    return article


def queries_to_render(client, url, budget, assert_max_num_queries):
    # What a commit does before any reader asks (a test's transaction never commits).
    refresh_pending_public_data()
    with assert_max_num_queries(budget) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_article_page_costs_the_same_few_queries_for_a_small_and_a_long_article(client, django_assert_max_num_queries):
    small = build_small_article()
    long = build_long_article()

    small_count = queries_to_render(
        client, small.get_absolute_url(), ARTICLE_PAGE_QUERY_BUDGET, django_assert_max_num_queries
    )
    long_count = queries_to_render(
        client, long.get_absolute_url(), ARTICLE_PAGE_QUERY_BUDGET, django_assert_max_num_queries
    )

    assert small_count == long_count


def test_sources_panel_highlighting_credit_links_and_related_reading_add_no_query_per_item(
    client, django_assert_max_num_queries
):
    """Both articles share topics and sources, so each page shows the other as related reading,
    links its photo credits and highlights a source's passages."""
    small = build_small_article()
    long = build_long_article()
    for number in range(5):
        article = ArticleFactory(headline=f"Related story {number}")
        article.tags.add("OTAN")

    counts = [
        queries_to_render(
            client,
            f"{article.get_absolute_url()}?source={source}",
            ARTICLE_PAGE_QUERY_BUDGET,
            django_assert_max_num_queries,
        )
        for article, source in ((small, "small-article-agency"), (long, "long-article-agency"))
    ]
    response = client.get(f"{long.get_absolute_url()}?source=long-article-agency")

    assert counts[0] == counts[1]
    assert len(response.context["related"]) == 3
    assert response.context["body"].selected.passages == 40 * 13 + 1
    assert response.context["credit_sources"]


def test_related_reading_costs_the_same_queries_in_a_small_archive_and_a_large_one(
    client, monkeypatch, django_assert_max_num_queries
):
    """A large archive here has more articles sharing a topic and a source than related reading
    reads candidates of (RELATED_CANDIDATES, made small for the test)."""
    monkeypatch.setattr(reading, "RELATED_CANDIDATES", 3)
    article = build_small_article()
    agency = Source.objects.get(name="Small Article Agency")

    def add_articles_sharing_a_topic_and_a_source(count):
        for _number in range(count):
            other = ArticleFactory()
            other.tags.add("OTAN")
            ParagraphFactory(section__article=other).sources.add(agency)

    add_articles_sharing_a_topic_and_a_source(1)
    small_count = queries_to_render(
        client, article.get_absolute_url(), ARTICLE_PAGE_QUERY_BUDGET, django_assert_max_num_queries
    )
    add_articles_sharing_a_topic_and_a_source(12)
    large_count = queries_to_render(
        client, article.get_absolute_url(), ARTICLE_PAGE_QUERY_BUDGET, django_assert_max_num_queries
    )
    response = client.get(article.get_absolute_url())

    assert small_count == large_count
    assert len(response.context["related"]) == 3


def test_long_article_page_renders_every_paragraph_quote_and_figure(client):
    article = build_long_article(sections=3, paragraphs_per_section=4)
    html = client.get(article.get_absolute_url()).content.decode()
    assert html.count('class="block block--paragraph"') == 12
    assert html.count("<q id=") == 12
    assert html.count('<figure class="figure figure--no-image"') == 3


def test_source_page_costs_the_same_queries_for_one_citation_and_hundreds(client, django_assert_max_num_queries):
    build_small_article()
    build_long_article()
    few = Source.objects.get(name="Small Article Agency")
    many = Source.objects.get(name="Long Article Agency")

    few_count = queries_to_render(
        client, few.get_absolute_url(), ARTICLE_PAGE_QUERY_BUDGET, django_assert_max_num_queries
    )
    many_count = queries_to_render(
        client, many.get_absolute_url(), ARTICLE_PAGE_QUERY_BUDGET, django_assert_max_num_queries
    )

    assert few_count == many_count


def test_front_page_and_tag_page_cost_the_same_queries_for_one_article_and_a_full_page(
    client, django_assert_max_num_queries
):
    build_small_article()
    front_page = reverse("articles:article_list")
    tag_page = reverse("articles:tag_detail", kwargs={"slug": "otan"})
    one_article_counts = [
        queries_to_render(client, url, LIST_PAGE_QUERY_BUDGET, django_assert_max_num_queries)
        for url in (front_page, tag_page)
    ]

    for _ in range(25):
        article = ArticleFactory()
        article.tags.add("OTAN")
        LeadFigureFactory(article=article)
    full_page_counts = [
        queries_to_render(client, url, LIST_PAGE_QUERY_BUDGET, django_assert_max_num_queries)
        for url in (front_page, tag_page)
    ]

    assert one_article_counts == full_page_counts


def add_to_archive(count, start=0):
    """`count` published articles of the last day, each on one topic, citing one agency and one
    speaker in a lead photo, a paragraph with a quote, a figure and a pull quote."""
    agency = SourceFactory(name="Archive Agency")
    speaker = SourceFactory(name="Archive Speaker", kind=Source.Kind.PERSON)
    with counted_once():
        for number in range(start, start + count):
            article = ArticleFactory(
                headline=f"Harbour story {number}", published_at=timezone.now() - timedelta(minutes=number + 1)
            )
            article.tags.add("Harbours")
            LeadFigureFactory(article=article).sources.add(agency)
            section = SectionFactory(article=article, position=1)
            paragraph = ParagraphFactory(section=section, position=1, text="The harbour “stays open”, they said.")
            paragraph.sources.add(agency)
            QuoteFactory(paragraph=paragraph, position=1, text="stays open", speaker=speaker, source=agency)
            FigureFactory(section=section, position=2).sources.add(agency)
            PullQuoteFactory(section=section, position=3, speaker=speaker, source=agency)


def reader_pages():
    """Every reader page, the first and the last page of each list."""
    agency = Source.objects.get(name="Archive Agency")
    front, topic = reverse("articles:article_list"), reverse("articles:tag_detail", kwargs={"slug": "harbours"})
    source = agency.get_absolute_url()
    last_page = (Article.objects.published().count() + 19) // 20
    pages = {
        "article": Article.objects.published().last().get_absolute_url(),
        "article, a source chosen": f"{Article.objects.published().last().get_absolute_url()}?source={agency.slug}",
        "front page": front,
        "front page, last": f"{front}?page={last_page}",
        "topic": topic,
        "topic, last": f"{topic}?page={last_page}",
        "source": source,
        "source, last": f"{source}?page={last_page}",
        "source list": reverse("articles:source_list"),
        "search": reverse("articles:search") + "?q=harbour",
        "sitemap index": reverse("articles:sitemap"),
        "news sitemap": reverse("articles:news_sitemap"),
        "robots.txt": reverse("articles:robots_txt"),
    }
    for section in SITEMAPS:
        pages[f"sitemap of {section}"] = reverse("articles:sitemap_section", kwargs={"section": section})
    for name, slug in (("latest", None), ("tag", "harbours"), ("source", agency.slug)):
        for form in ("rss", "atom"):
            kwargs = {"slug": slug} if slug else {}
            pages[f"feed {name} {form}"] = reverse(f"articles:{name}_feed_{form}", kwargs=kwargs)
    return pages


def queries_of_each_page(client):
    """Each page's queries once the site is at rest: work left over from the writes before (search
    documents still to build, caches to fill) is done by a first request, not counted."""
    counted = {}
    for name, url in reader_pages().items():
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200, (name, url, response.status_code)
        counted[name] = len(captured)
    return counted


def test_every_reader_page_costs_the_same_queries_with_3_and_with_30_articles(client):
    add_to_archive(3)
    small = queries_of_each_page(client)

    add_to_archive(27, start=3)
    large = queries_of_each_page(client)

    assert large == small
    assert Article.objects.published().count() == 30
