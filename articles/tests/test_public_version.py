"""The public version: what readers are served of an article, rendered when it is made public."""

from io import StringIO

import pytest
from django.core.management import call_command
from taggit.models import Tag

from articles.models import Article, PublicVersion
from articles.public_changes import refresh_pending_public_data
from articles.public_pages import ORIGIN, ORIGIN_HOST
from articles.publishing import refresh_public_data, unpublish

from .factories import (
    ArticleFactory,
    DraftArticleFactory,
    FigureFactory,
    ParagraphFactory,
    SectionFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    settings.PAGE_CACHE = False


def published_article(headline="Talks resume in Geneva"):
    article = ArticleFactory(headline=headline, slug="talks-resume")
    article.tags.add("Diplomacy")
    section = SectionFactory(article=article, position=1, heading="The talks")
    paragraph = ParagraphFactory(section=section, position=1, text="The delegations met on Monday.")
    paragraph.sources.add(SourceFactory(name="Geneva Wire"))
    return article


def made_public(article):
    refresh_pending_public_data()
    return PublicVersion.objects.get(article=article)


def test_a_change_to_a_published_article_is_made_public_when_its_transaction_commits(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        article = published_article()

    public = PublicVersion.objects.get(article=article)
    assert public.headline == "Talks resume in Geneva"
    assert set(public.pages) == {"es", "en"}
    assert "The delegations met on Monday." in public.pages["en"]["start"]


def test_the_reader_is_served_the_stored_page_not_a_render_of_the_rows(client):
    article = published_article()
    public = made_public(article)
    public.pages["es"]["start"] = public.pages["es"]["start"].replace("The delegations", "Stored delegations")
    public.save()

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    assert "Stored delegations met on Monday." in response.content.decode()


def test_the_stored_page_costs_fewer_queries_than_rendering_the_rows(client, django_assert_max_num_queries):
    article = published_article()
    made_public(article)

    # The content version, the article with its public version, and related reading.
    with django_assert_max_num_queries(6):
        response = client.get(article.get_absolute_url())

    assert "The delegations met on Monday." in response.content.decode()


def test_the_stored_page_has_the_labels_of_the_readers_interface_language(client):
    article = published_article()
    made_public(article)

    english = client.get(article.get_absolute_url(), headers={"accept-language": "en"}).content.decode()
    spanish = client.get(article.get_absolute_url(), headers={"accept-language": "es"}).content.decode()

    assert "Sources in this article" in english
    assert "Sources in this article" not in spanish


def test_absolute_addresses_in_the_stored_page_name_the_host_the_reader_asked(client, settings):
    settings.ALLOWED_HOSTS = ["news.example.org", "testserver"]
    article = published_article()
    made_public(article)

    page = client.get(article.get_absolute_url(), headers={"host": "news.example.org"}).content.decode()

    assert '<link rel="canonical" href="http://news.example.org/articles/talks-resume/">' in page
    assert ORIGIN_HOST not in page


def test_a_page_stored_by_other_code_is_not_served(client):
    article = published_article()
    public = made_public(article)
    public.pages["es"]["start"] = "Stale page"
    public.code = "an earlier release"
    public.save()

    page = client.get(article.get_absolute_url()).content.decode()

    assert "Stale page" not in page
    assert "The delegations met on Monday." in page


def test_highlighting_a_source_renders_the_rows(client):
    article = published_article()
    public = made_public(article)
    public.pages["es"]["start"] = "Stored page"
    public.save()

    page = client.get(article.get_absolute_url() + "?source=geneva-wire").content.decode()

    assert "Stored page" not in page
    assert "The delegations met on Monday." in page


def test_a_draft_has_no_public_version():
    article = DraftArticleFactory()

    refresh_public_data([article.pk])

    assert not PublicVersion.objects.filter(article=article).exists()


def test_unpublishing_drops_the_public_version():
    article = published_article()
    made_public(article)

    unpublish(Article.objects.get(pk=article.pk))
    refresh_pending_public_data()

    assert not PublicVersion.objects.filter(article=article).exists()


def test_renaming_a_source_makes_every_article_citing_it_public_again(client):
    article = published_article()
    made_public(article)
    source = article.sections.get().blocks.get().sources.get()

    source.name = "Lake Geneva Wire"
    source.save()

    page = made_public(article).pages["es"]
    assert "Lake Geneva Wire" in page["start"] + page["end"]


def test_renaming_a_source_makes_the_articles_crediting_it_in_a_photo_public_again():
    article = published_article()
    FigureFactory(section=article.sections.get(), position=2, credit_source="Old Agency Name")
    source = SourceFactory(name="Old Agency Name", slug="old-agency")
    made_public(article)
    PublicVersion.objects.filter(article=article).update(headline="stale")

    source.name = "New Agency Name"
    source.save()

    assert made_public(article).headline == "Talks resume in Geneva"


def test_renaming_a_topic_makes_its_articles_public_again():
    article = published_article()
    made_public(article)

    tag = Tag.objects.get(name="Diplomacy")
    tag.name = "Foreign affairs"
    tag.save()

    assert "Foreign affairs" in made_public(article).pages["es"]["start"]


def test_a_block_moved_in_bulk_makes_its_article_public_again():
    article = published_article()
    made_public(article)

    article.sections.update(heading="Renamed in bulk")

    assert "Renamed in bulk" in made_public(article).pages["en"]["start"]


def test_the_command_makes_every_article_public_again():
    article = published_article()
    made_public(article)
    PublicVersion.objects.all().delete()

    call_command("refresh_public_data", stdout=StringIO())

    assert PublicVersion.objects.get(article=article).headline == "Talks resume in Geneva"


def test_the_stored_page_never_holds_the_placeholder_origin_once_served(client):
    article = published_article()
    made_public(article)

    page = client.get(article.get_absolute_url()).content.decode()

    assert ORIGIN not in page
    assert "http://testserver/articles/talks-resume/" in page


def test_related_reading_is_chosen_once_per_content_version(client, django_assert_num_queries):
    article = published_article()
    other = ArticleFactory(headline="Geneva talks, day two", slug="day-two")
    other.tags.add("Diplomacy")
    made_public(article)
    first = client.get(article.get_absolute_url())

    # The content version and the article with its stored page; no query chooses related reading.
    with django_assert_num_queries(2):
        again = client.get(article.get_absolute_url())

    assert first.context["related"] == again.context["related"]
    assert [related.pk for related in again.context["related"]] == [other.pk]


def test_an_article_published_since_is_related_reading_on_the_next_request(client):
    article = published_article()
    made_public(article)
    assert client.get(article.get_absolute_url()).context["related"] == []

    newcomer = ArticleFactory(headline="Geneva talks, day two", slug="day-two")
    newcomer.tags.add("Diplomacy")
    refresh_pending_public_data()

    assert [related.pk for related in client.get(article.get_absolute_url()).context["related"]] == [newcomer.pk]
