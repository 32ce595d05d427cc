"""Lists at any depth: a source's page shows its totals and pages the articles citing it; the
front page and topic pages page through keys in the order of their index; reading times come
from the word count stored with each article."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.views import ARTICLES_PER_PAGE, SOURCE_ARTICLES_PER_PAGE

from .factories import (
    ArticleFactory,
    DraftArticleFactory,
    LeadFigureFactory,
    ParagraphFactory,
    QuoteFactory,
    SectionFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db


def pks(items):
    """The articles' keys: lists show an article's public summary, which stands for it."""
    return [item.pk for item in items]


def cite(source, count, now=None, **article_fields):
    """`count` published articles a day apart, newest first, each citing `source` in a paragraph."""
    now = now or timezone.now()
    articles = []
    for number in range(count):
        article = ArticleFactory(published_at=now - timedelta(days=number), **article_fields)
        ParagraphFactory(section=SectionFactory(article=article)).sources.add(source)
        articles.append(article)
    return articles


def test_source_page_shows_how_many_published_articles_statements_and_photos_cite_it(client):
    agency = SourceFactory(name="Counted Agency")
    first, second = cite(agency, 2)
    QuoteFactory(paragraph=first.sections.get().blocks.get().paragraph, speaker=agency, source=agency)
    LeadFigureFactory(article=second).sources.add(agency)
    ParagraphFactory(section=SectionFactory(article=DraftArticleFactory())).sources.add(agency)
    ParagraphFactory(
        section=SectionFactory(article=ArticleFactory(published_at=timezone.now() + timedelta(days=1)))
    ).sources.add(agency)

    response = client.get(agency.get_absolute_url(), headers={"accept-language": "en"})

    assert response.context["totals"] == {"articles": 2, "statements": 4, "photos": 1}
    assert "Cited in 2 published articles · 4 statements · 1 photo" in response.content.decode()


def test_source_page_lists_the_citing_articles_a_page_at_a_time_newest_first(client):
    agency = SourceFactory(name="Paged Agency")
    articles = cite(agency, SOURCE_ARTICLES_PER_PAGE + 3)

    first = client.get(agency.get_absolute_url())
    last = client.get(agency.get_absolute_url(), {"page": 2})

    assert [article.pk for article, _ in first.context["citations"]] == pks(articles[:SOURCE_ARTICLES_PER_PAGE])
    assert [article.pk for article, _ in last.context["citations"]] == pks(articles[SOURCE_ARTICLES_PER_PAGE:])
    assert all(len(citations) == 1 for _, citations in last.context["citations"])
    assert last.context["totals"]["articles"] == SOURCE_ARTICLES_PER_PAGE + 3
    assert 'rel="next" href="?page=2"' in first.content.decode()
    assert client.get(agency.get_absolute_url(), {"page": 3}).status_code == 404


def test_front_and_topic_pages_end_with_the_oldest_articles_on_their_last_page(client):
    now = timezone.now()
    articles = [ArticleFactory(published_at=now - timedelta(hours=number)) for number in range(ARTICLES_PER_PAGE + 2)]
    for article in articles:
        article.tags.add("Harbours")
    # Published at the same moment: the one written later comes first, as the index orders them.
    twin = ArticleFactory(published_at=articles[-1].published_at)
    twin.tags.add("Harbours")
    expected = [*articles[ARTICLES_PER_PAGE:-1], twin, articles[-1]]

    for url in (reverse("articles:article_list"), reverse("articles:tag_detail", kwargs={"slug": "harbours"})):
        page = client.get(url, {"page": 2}).context["page_obj"]
        assert pks(page) == pks(expected)
        assert (page.number, page.paginator.num_pages, page.paginator.count) == (2, 2, ARTICLES_PER_PAGE + 3)


def test_cards_show_the_reading_time_from_the_stored_word_count(client):
    article = ArticleFactory()
    ParagraphFactory(section=SectionFactory(article=article), text=" ".join(["word"] * 450))

    response = client.get(reverse("articles:article_list"), headers={"accept-language": "en"})

    assert list(response.context["page_obj"])[0].word_count == 450
    assert "3 min read" in response.content.decode()
