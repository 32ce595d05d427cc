"""RSS and Atom feeds: valid XML, published articles only, per topic and per source, autodiscovery links."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.feeds import ITEMS_PER_FEED
from articles.models import Source

from .factories import (
    ArticleFactory,
    DraftArticleFactory,
    LeadFigureFactory,
    ParagraphFactory,
    PullQuoteFactory,
    QuoteFactory,
    SectionFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def rss_items(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    return channel, channel.findall("item")


def atom_entries(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    return feed, feed.findall(f"{ATOM}entry")


def rss_titles(client, url):
    return [item.findtext("title") for item in rss_items(client, url)[1]]


def atom_titles(client, url):
    return [entry.findtext(f"{ATOM}title") for entry in atom_entries(client, url)[1]]


@pytest.fixture
def published_draft_and_future():
    now = timezone.now()
    published = ArticleFactory(headline="Published story")
    draft = DraftArticleFactory(headline="Draft story")
    future = ArticleFactory(headline="Scheduled story", published_at=now + timedelta(hours=3))
    for article in (published, draft, future):
        article.tags.add("OTAN")
    return published, draft, future


def test_latest_rss_item_carries_headline_standfirst_link_dates_author_and_topics(client):
    article = ArticleFactory(headline="Talks resume", standfirst="Both sides meet again.", byline="Ana Pérez")
    article.tags.add("OTAN", "Rusia")

    channel, [item] = rss_items(client, reverse("articles:latest_feed_rss"))

    assert channel.findtext("link") == "http://testserver/"
    assert item.findtext("title") == "Talks resume"
    assert item.findtext("description") == "Both sides meet again."
    assert item.findtext("link") == f"http://testserver{article.get_absolute_url()}"
    assert item.findtext("pubDate")
    assert item.findtext("{http://purl.org/dc/elements/1.1/}creator") == "Ana Pérez"
    assert sorted(category.text for category in item.findall("category")) == ["OTAN", "Rusia"]


def test_latest_atom_entry_has_published_and_updated_times_and_author(client):
    article = ArticleFactory(headline="Talks resume", byline="Ana Pérez")

    feed, [entry] = atom_entries(client, reverse("articles:latest_feed_atom"))

    assert feed.find(f"{ATOM}author/{ATOM}name").text == "Lector de noticias"
    assert entry.findtext(f"{ATOM}title") == "Talks resume"
    assert entry.find(f"{ATOM}link").get("href") == f"http://testserver{article.get_absolute_url()}"
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == "Ana Pérez"
    assert entry.findtext(f"{ATOM}published").startswith(str(article.published_at.year))
    assert entry.findtext(f"{ATOM}updated")


def test_feeds_leave_out_drafts_and_articles_scheduled_for_later(client, published_draft_and_future):
    for url in (reverse("articles:latest_feed_rss"), reverse("articles:tag_feed_rss", kwargs={"slug": "otan"})):
        assert rss_titles(client, url) == ["Published story"]
    for url in (reverse("articles:latest_feed_atom"), reverse("articles:tag_feed_atom", kwargs={"slug": "otan"})):
        assert atom_titles(client, url) == ["Published story"]


def test_latest_feed_holds_the_twenty_newest_articles_newest_first(client):
    now = timezone.now()
    for hours in range(ITEMS_PER_FEED + 3):
        ArticleFactory(headline=f"Story {hours} hours old", published_at=now - timedelta(hours=hours))

    titles = rss_titles(client, reverse("articles:latest_feed_rss"))

    assert titles == [f"Story {hours} hours old" for hours in range(ITEMS_PER_FEED)]


def test_topic_feed_holds_only_articles_on_that_topic(client):
    on_topic = ArticleFactory(headline="About NATO")
    on_topic.tags.add("OTAN")
    ArticleFactory(headline="About something else").tags.add("Ucrania")

    url = reverse("articles:tag_feed_rss", kwargs={"slug": "otan"})
    channel, items = rss_items(client, url)

    assert [item.findtext("title") for item in items] == ["About NATO"]
    assert channel.findtext("link") == f"http://testserver{reverse('articles:tag_detail', kwargs={'slug': 'otan'})}"
    assert "OTAN" in channel.findtext("title")


def test_source_feed_holds_articles_citing_the_source_in_any_way_each_once(client):
    source = SourceFactory(name="TASS")
    speaker = SourceFactory(name="Sergei Shoigu", kind=Source.Kind.PERSON)
    by_lead_figure = ArticleFactory(headline="Cites it under the photo")
    LeadFigureFactory(article=by_lead_figure).sources.add(source)
    by_paragraph_and_quote = ArticleFactory(headline="Cites it twice in a paragraph")
    paragraph = ParagraphFactory(section=SectionFactory(article=by_paragraph_and_quote))
    paragraph.sources.add(source)
    QuoteFactory(paragraph=paragraph, speaker=speaker, source=source)
    by_pull_quote = ArticleFactory(headline="Cites it in a pull quote")
    PullQuoteFactory(section=SectionFactory(article=by_pull_quote), source=source)
    ArticleFactory(headline="Does not cite it")
    draft = DraftArticleFactory(headline="Draft citing it")
    ParagraphFactory(section=SectionFactory(article=draft)).sources.add(source)

    titles = atom_titles(client, reverse("articles:source_feed_atom", kwargs={"slug": "tass"}))
    speaker_titles = rss_titles(client, reverse("articles:source_feed_rss", kwargs={"slug": "sergei-shoigu"}))

    assert sorted(titles) == ["Cites it in a pull quote", "Cites it twice in a paragraph", "Cites it under the photo"]
    assert speaker_titles == ["Cites it twice in a paragraph"]


@pytest.mark.parametrize("name", ["tag_feed_rss", "tag_feed_atom", "source_feed_rss", "source_feed_atom"])
def test_feed_of_an_unknown_topic_or_source_is_not_found(client, name):
    assert client.get(reverse(f"articles:{name}", kwargs={"slug": "no-such-thing"})).status_code == 404


def test_every_page_links_the_latest_feeds_and_topic_and_source_pages_their_own(client):
    article = ArticleFactory()
    article.tags.add("OTAN")
    source = SourceFactory(name="TASS")
    latest_rss = reverse("articles:latest_feed_rss")

    front_page = client.get(reverse("articles:article_list")).content.decode()
    article_page = client.get(article.get_absolute_url()).content.decode()
    tag_page = client.get(reverse("articles:tag_detail", kwargs={"slug": "otan"})).content.decode()
    source_page = client.get(source.get_absolute_url()).content.decode()

    latest_atom = reverse("articles:latest_feed_atom")
    tag_rss = reverse("articles:tag_feed_rss", kwargs={"slug": "otan"})
    tag_atom = reverse("articles:tag_feed_atom", kwargs={"slug": "otan"})
    source_rss = reverse("articles:source_feed_rss", kwargs={"slug": "tass"})

    for html in (front_page, article_page, tag_page, source_page):
        assert (
            f'<link rel="alternate" type="application/rss+xml" title="Lector de noticias (RSS)" href="{latest_rss}">'
            in html
        )
        assert (
            f'<link rel="alternate" type="application/atom+xml" title="Lector de noticias (Atom)" href="{latest_atom}">'
            in html
        )
    assert f'type="application/rss+xml" title="Lector de noticias · Tema: OTAN (RSS)" href="{tag_rss}"' in tag_page
    assert f'type="application/atom+xml" title="Lector de noticias · Tema: OTAN (Atom)" href="{tag_atom}"' in tag_page
    assert (
        f'type="application/rss+xml" title="Lector de noticias · Fuente: TASS (RSS)" href="{source_rss}"' in source_page
    )
    assert tag_rss not in front_page


def test_feed_of_a_source_cited_only_in_drafts_is_empty_but_valid(client):
    source = SourceFactory(name="TASS")
    ParagraphFactory(section=SectionFactory(article=DraftArticleFactory())).sources.add(source)

    channel, items = rss_items(client, reverse("articles:source_feed_rss", kwargs={"slug": "tass"}))

    assert items == []
    assert channel.findtext("description") == "Los últimos artículos que citan a TASS."


def test_markup_in_a_standfirst_is_escaped_text_in_rss_and_atom_not_html_for_the_reader(client):
    standfirst = 'Tensión <svg onload="alert(1)"> & “más”'
    ArticleFactory(headline="<b>Titular</b>", standfirst=standfirst)
    escaped = "Tensión &lt;svg onload=&quot;alert(1)&quot;&gt; &amp; “más”"

    _, [item] = rss_items(client, reverse("articles:latest_feed_rss"))
    _, [entry] = atom_entries(client, reverse("articles:latest_feed_atom"))

    # What a feed reader gets after reading the XML, and renders as HTML: the standfirst as text.
    assert item.findtext("description") == escaped
    summary = entry.find(f"{ATOM}summary")
    assert summary.get("type") == "html"
    assert summary.text == escaped
    # Titles are plain text in RSS and in Atom (no type="html"): the XML escaping is enough.
    assert item.findtext("title") == "<b>Titular</b>"
    assert entry.find(f"{ATOM}title").get("type") in (None, "text")
