"""Every reader page but the article's own shows an article as it was made public, never the rows
editors are working on: a change kept from readers — saved as a draft of a published article
(`public_changes.drafting`, what the admin's Save draft does), or left to `manage.py
refresh_public_data` (`unnoted`) — shows nowhere until the article is made public."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.models import Article, Source
from articles.public_changes import drafting, refresh_pending_public_data, unnoted
from articles.publishing import make_public

from .factories import (
    ArticleFactory,
    LeadFigureFactory,
    ParagraphFactory,
    QuoteFactory,
    SectionFactory,
    SourceFactory,
)
from .image_helpers import image_bytes, upload

pytestmark = pytest.mark.django_db

PUBLIC = {
    "headline": "Harbour reopens after the storm",
    "standfirst": "Ferries sail again from the northern pier.",
    "paragraph": "The harbour master said “the pier is safe again” on Monday.",
    "quote": "the pier is safe again",
    "caption": "Ferries moored at the pier",
}
WORKING = {
    "headline": "Zeppelin lands on the roof",
    "standfirst": "Nobody expected the airship.",
    "paragraph": "Witnesses said “a zeppelin came down” near the roof garden.",
    "quote": "a zeppelin came down",
    "caption": "The zeppelin on the roof",
}
WORKING_SOURCE = "Airship Gazette"
WORKING_TOPIC = "Airships"


@pytest.fixture(autouse=True)
def rendered_every_time(settings):
    settings.PAGE_CACHE = False


# The two ways a change is kept from readers.
KEPT_FROM_READERS = {"drafting": drafting, "unnoted": unnoted}


@pytest.fixture(params=sorted(KEPT_FROM_READERS))
def kept(request):
    return KEPT_FROM_READERS[request.param]


@pytest.fixture
def story():
    return build_story()


def published_now(article):
    """What Publish does, and the commit after it."""
    make_public(article)
    refresh_pending_public_data()


def build_story():
    """A published article made public, and another on the same topic that shows it as related reading."""
    agency = SourceFactory(name="Harbour Wire")
    master = SourceFactory(name="Harbour Master", kind=Source.Kind.PERSON)
    article = ArticleFactory(
        headline=PUBLIC["headline"],
        slug="harbour-reopens",
        standfirst=PUBLIC["standfirst"],
        published_at=timezone.now() - timedelta(hours=2),
    )
    article.tags.add("Ports")
    LeadFigureFactory(article=article, caption=PUBLIC["caption"], image="").sources.add(agency)
    section = SectionFactory(article=article, position=1)
    paragraph = ParagraphFactory(section=section, position=1, text=PUBLIC["paragraph"])
    paragraph.sources.add(agency)
    QuoteFactory(paragraph=paragraph, position=1, text=PUBLIC["quote"], speaker=master, source=agency)
    neighbour = ArticleFactory(headline="Ferry timetable changes", slug="ferry-timetable")
    neighbour.tags.add("Ports")
    airships = ArticleFactory(headline="Airship museum opens", slug="airship-museum")
    airships.tags.add(WORKING_TOPIC)
    refresh_pending_public_data()
    return article


CHANGES = ("headline", "standfirst", "caption", "paragraph", "quote", "source", "topic")


def change_without_making_public(article, changes=CHANGES, kept=drafting):
    """What saving a draft of the published article does: new words, a new source, a new topic."""
    with kept():
        paragraph = article.sections.get().blocks.get().paragraph
        if {"headline", "standfirst"} & set(changes):
            for field in {"headline", "standfirst"} & set(changes):
                setattr(article, field, WORKING[field])
            article.save()
        if "caption" in changes:
            lead = article.lead_figure
            lead.caption = WORKING["caption"]
            lead.save()
        if "paragraph" in changes:
            paragraph.text = WORKING["paragraph"]
            paragraph.save()
        if "quote" in changes:
            quote = paragraph.quotes.get()
            quote.text = WORKING["quote"]
            quote.save()
        if "source" in changes:
            paragraph.sources.add(SourceFactory(name=WORKING_SOURCE))
        if "topic" in changes:
            article.tags.add(WORKING_TOPIC)


def reader_pages(article):
    """Every reader page that lists the article or its citations, by name: the HTML or XML it serves."""
    agency = Source.objects.get(name="Harbour Wire")
    working_source = Source.objects.filter(name=WORKING_SOURCE).first()
    addresses = {
        "front page": reverse("articles:article_list"),
        "topic": reverse("articles:tag_detail", kwargs={"slug": "ports"}),
        "source": agency.get_absolute_url(),
        "sources": reverse("articles:source_list"),
        "feed": reverse("articles:latest_feed_rss"),
        "atom feed": reverse("articles:latest_feed_atom"),
        "topic feed": reverse("articles:tag_feed_rss", kwargs={"slug": "ports"}),
        "source feed": reverse("articles:source_feed_atom", kwargs={"slug": agency.slug}),
        "article sitemap": reverse("articles:sitemap_section", kwargs={"section": "articles"}),
        "topic sitemap": reverse("articles:sitemap_section", kwargs={"section": "topics"}),
        "source sitemap": reverse("articles:sitemap_section", kwargs={"section": "sources"}),
        "news sitemap": reverse("articles:news_sitemap"),
        "related reading": Article.objects.get(slug="ferry-timetable").get_absolute_url(),
        "working topic": reverse("articles:tag_detail", kwargs={"slug": "airships"}),
        "working topic feed": reverse("articles:tag_feed_atom", kwargs={"slug": "airships"}),
        "related on the working topic": Article.objects.get(slug="airship-museum").get_absolute_url(),
    }
    if working_source is not None:
        addresses["working source"] = working_source.get_absolute_url()
        addresses["working source feed"] = reverse("articles:source_feed_rss", kwargs={"slug": working_source.slug})
    return addresses


def served(client, address):
    response = client.get(address, headers={"accept-language": "en"})
    assert response.status_code == 200, address
    return response.content.decode()


def search_page(client, words):
    return served(client, f"{reverse('articles:search')}?q={words}")


def test_no_list_feed_sitemap_or_related_reading_shows_a_change_kept_from_readers(client, story, kept):
    before = {name: served(client, address) for name, address in reader_pages(story).items()}

    change_without_making_public(story, kept=kept)

    for name, address in reader_pages(story).items():
        page = served(client, address)
        for text in WORKING.values():
            assert text not in page, (name, text)
        if name in before:
            assert page == before[name], name
    # Nothing cites the new source yet, and no article is on the new topic but the one already there.
    working_source = Source.objects.get(name=WORKING_SOURCE)
    assert WORKING_SOURCE not in served(client, reverse("articles:source_list"))
    assert "harbour-reopens" not in served(client, working_source.get_absolute_url())
    assert "harbour-reopens" not in served(client, reverse("articles:tag_detail", kwargs={"slug": "airships"}))


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(changes=st.sets(st.sampled_from(CHANGES), min_size=1), kept=st.sampled_from(sorted(KEPT_FROM_READERS)))
def test_any_change_kept_from_readers_leaves_every_list_as_it_was(client, changes, kept):
    """Each example runs in a savepoint rolled back at its end."""
    with transaction.atomic():
        # The content version goes back with the savepoint: related reading chosen under it is forgotten.
        cache.clear()
        story = build_story()
        before = {name: served(client, address) for name, address in reader_pages(story).items()}

        change_without_making_public(story, sorted(changes), KEPT_FROM_READERS[kept])

        after = {name: served(client, address) for name, address in reader_pages(story).items()}
        assert {name: page for name, page in after.items() if name in before} == before
        transaction.set_rollback(True)


def test_the_public_version_shows_where_it_did_before_the_change(client, story, kept):
    change_without_making_public(story, kept=kept)

    assert PUBLIC["headline"] in served(client, reverse("articles:article_list"))
    assert PUBLIC["standfirst"] in served(client, reverse("articles:tag_detail", kwargs={"slug": "ports"}))
    source_page = served(client, Source.objects.get(name="Harbour Wire").get_absolute_url())
    assert PUBLIC["quote"] in source_page and PUBLIC["caption"] in source_page
    assert PUBLIC["headline"] in served(client, Article.objects.get(slug="ferry-timetable").get_absolute_url())
    assert PUBLIC["headline"] in served(client, reverse("articles:latest_feed_rss"))
    assert PUBLIC["headline"] in served(client, reverse("articles:news_sitemap"))


def test_search_finds_and_shows_the_public_words_only(client, story, kept):
    change_without_making_public(story, kept=kept)

    assert "harbour-reopens" not in search_page(client, "zeppelin")
    results = search_page(client, "harbour")
    assert "harbour-reopens" in results
    assert "<mark>Harbour</mark> reopens" in results
    assert "The <mark>harbour</mark> master said" in results
    for text in ("Zeppelin", "zeppelin", WORKING["standfirst"]):
        assert text not in results


def test_publishing_the_change_shows_it_on_every_page(client, story, kept):
    change_without_making_public(story, kept=kept)
    served(client, reverse("articles:article_list"))

    published_now(story)

    working_source = Source.objects.get(name=WORKING_SOURCE)
    assert WORKING["headline"] in served(client, reverse("articles:article_list"))
    assert WORKING["standfirst"] in served(client, reverse("articles:tag_detail", kwargs={"slug": "ports"}))
    assert WORKING["headline"] in served(client, reverse("articles:tag_detail", kwargs={"slug": "airships"}))
    assert WORKING["headline"] in served(client, reverse("articles:tag_feed_atom", kwargs={"slug": "airships"}))
    source_page = served(client, Source.objects.get(name="Harbour Wire").get_absolute_url())
    assert WORKING["quote"] in source_page and WORKING["caption"] in source_page
    assert PUBLIC["quote"] not in source_page
    assert WORKING["paragraph"].split("“")[0].strip() in served(client, working_source.get_absolute_url())
    assert WORKING_SOURCE in served(client, reverse("articles:source_list"))
    assert WORKING["headline"] in served(client, Article.objects.get(slug="ferry-timetable").get_absolute_url())
    assert WORKING["headline"] in served(client, Article.objects.get(slug="airship-museum").get_absolute_url())
    assert WORKING["headline"] in served(client, reverse("articles:latest_feed_rss"))
    assert WORKING["headline"] in served(client, reverse("articles:news_sitemap"))
    assert "airships" in served(client, reverse("articles:sitemap_section", kwargs={"section": "topics"}))
    assert "harbour-reopens" in search_page(client, "zeppelin")
    results = search_page(client, "zeppelin")
    assert "<mark>Zeppelin</mark> lands" in results
    assert "<mark>zeppelin</mark> came down" in results
    assert "harbour-reopens" not in search_page(client, "harbour master")


def test_counts_stay_as_made_public_while_a_change_is_kept_from_readers(client, story, kept):
    agency = Source.objects.get(name="Harbour Wire")
    totals = served(client, agency.get_absolute_url())

    with kept():
        story.sections.get().blocks.get().paragraph.sources.remove(agency)

    assert served(client, agency.get_absolute_url()) == totals
    published_now(story)
    assert served(client, agency.get_absolute_url()) != totals


def test_a_card_shows_the_lead_picture_made_public_with_its_size(client, kept):
    article = ArticleFactory(headline="Pier at dawn")
    LeadFigureFactory(article=article, image=upload("pier.jpg", image_bytes(size=(40, 20))), alt_text="The pier")
    refresh_pending_public_data()
    with kept():
        article.lead_figure.image = upload("roof.jpg", image_bytes(size=(60, 30)))
        article.lead_figure.alt_text = "The roof"
        article.lead_figure.save()

    front_page = served(client, reverse("articles:article_list"))

    assert 'width="40" height="20" alt="The pier"' in front_page
    assert "roof" not in front_page
