"""Property: no text breaks a public page.

Arbitrary Unicode — control characters, accents, right-to-left scripts, emoji, ``<``, ``&``,
quotes, strings as long as the field takes — in headlines, standfirsts, section headings,
captions, credits, source names and topic names. Written as an editor writes it (the importer,
which validates), it is either refused with one clear line and nothing saved, or every public
page, feed and sitemap answers 200 and the XML ones are well-formed. Written straight into the
database (as data saved before the validators existed), every page answers 200 all the same.
"""

import json
import xml.etree.ElementTree as ET
from urllib.parse import urlencode

import pytest
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from articles.importing import ArticleImportError, parse_article_bytes, save_article
from articles.models import Article, Source
from articles.sitemaps import SITEMAPS
from articles.text import find_control_character

from .factories import (
    ArticleFactory,
    FigureFactory,
    LeadFigureFactory,
    ParagraphFactory,
    PullQuoteFactory,
    QuoteFactory,
    SectionFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db

# Any character a UTF-8 database stores but NUL, which PostgreSQL refuses: it cannot already be there.
STORABLE = st.characters(codec="utf-8", exclude_characters="\x00")
# What editors paste every day and what once broke pages: markup, quotes, accents, right-to-left
# text and its controls, emoji.
EVERYDAY = st.sampled_from(list("<>&\"'“”«»ñéÑÉ😀שلج\u202e\u200f\u200b"))
STORABLE_CONTROL = list("\x01\x08\x0b\x0c\x1b\x1f\x7f\x85\x9f\ufffe\uffff")
CONTROL = st.sampled_from(["\x00", *STORABLE_CONTROL])
# Text an editor may write: anything but control characters (tab and line breaks only where a
# field holds several lines).
ONE_LINE = st.one_of(st.characters(exclude_categories=("Cc", "Cs"), exclude_characters="\ufffe\uffff"), EVERYDAY)
MULTI_LINE = ONE_LINE | st.sampled_from("\t\n\r")
# Anything at all, as the database may hold it.
ANYTHING = st.one_of(STORABLE, EVERYDAY, st.sampled_from(STORABLE_CONTROL))

# Each field with its longest text (the field's max_length; long enough for text fields).
FIELDS = {
    "headline": (300, False),
    "standfirst": (2000, True),
    "heading": (300, False),
    "caption": (1000, True),
    "credit": (300, False),
    "source": (200, False),
    "topic": (100, False),
}


def texts(characters=None):
    """One text per kind of field, each within its field's max_length."""
    return st.fixed_dictionaries(
        {
            name: st.text(
                (MULTI_LINE if multi_line else ONE_LINE) if characters is None else characters,
                min_size=0 if multi_line else 1,
                max_size=max_size,
            )
            for name, (max_size, multi_line) in FIELDS.items()
        }
    )


@st.composite
def texts_maybe_with_a_control_character(draw):
    """Text an editor may write, and half the time one control character pasted into one field."""
    values = draw(texts())
    if draw(st.booleans()):
        name = draw(st.sampled_from(sorted(FIELDS)))
        value = values[name][: FIELDS[name][0] - 1]
        cut = draw(st.integers(0, len(value)))
        values[name] = value[:cut] + draw(CONTROL) + value[cut:]
    return values


PROPERTY_SETTINGS = settings(
    max_examples=30,
    deadline=None,
    # Each example runs in a savepoint rolled back at its end; the client holds no state.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

TRICKY = {
    "headline": "Japón\x01 <svg onload=alert(1)> & “España”",
    "standfirst": "Política exterior\x02\n<b>&amp;</b>\ufffe",
    "heading": "\u202eNorte\u202c 😀",
    "caption": "Pie\x0b de foto",
    "credit": "EFE/ANA\x1f PÉREZ",
    "source": "Agencia\x7f ñ",
    "topic": "Japón\x85",
}


def assert_every_public_page_answers(client, article):
    """Front page, article, topic, source, sources, search, every feed and both sitemaps: 200, XML well-formed."""
    pages = [reverse("articles:article_list"), article.get_absolute_url(), reverse("articles:source_list")]
    feeds = [reverse("articles:latest_feed_rss"), reverse("articles:latest_feed_atom")]
    for tag in article.tags.all():
        pages.append(reverse("articles:tag_detail", kwargs={"slug": tag.slug}))
        feeds += [reverse(f"articles:tag_feed_{kind}", kwargs={"slug": tag.slug}) for kind in ("rss", "atom")]
    sources = Source.objects.cited_by(Article.objects.filter(pk=article.pk))
    assert sources.exists()
    for source in sources:
        pages.append(source.get_absolute_url())
        feeds += [reverse(f"articles:source_feed_{kind}", kwargs={"slug": source.slug}) for kind in ("rss", "atom")]
    word = (article.headline.split() or ["x"])[0]
    pages.append(reverse("articles:search") + "?" + urlencode({"q": word}))
    for url in pages:
        assert client.get(url).status_code == 200, url
    sitemaps = [reverse("articles:sitemap_section", kwargs={"section": section}) for section in SITEMAPS]
    for url in [*feeds, reverse("articles:sitemap"), *sitemaps, reverse("articles:news_sitemap")]:
        response = client.get(url)
        assert response.status_code == 200, url
        ET.fromstring(response.content)


def article_v1(values):
    return {
        "schema": "article.v1",
        "headline": values["headline"],
        "standfirst": values["standfirst"],
        "status": "published",
        "tags": [values["topic"]],
        "lead_figure": {"caption": values["caption"], "credit": values["credit"], "sources": [values["source"]]},
        "sections": [
            {
                "heading": values["heading"],
                "blocks": [
                    {"type": "paragraph", "text": "Un párrafo.", "sources": [values["source"]], "quotes": []},
                    {
                        "type": "figure",
                        "caption": values["caption"],
                        "credit": values["credit"],
                        "credit_parts": {"source": values["credit"]},
                        "sources": [values["source"]],
                    },
                    {"type": "quote", "text": "Basta", "speaker": values["source"]},
                ],
            }
        ],
    }


@PROPERTY_SETTINGS
@given(values=texts_maybe_with_a_control_character())
@example(values=TRICKY)
def test_text_an_editor_imports_is_refused_clearly_or_breaks_no_page(client, values):
    with transaction.atomic():
        articles_before = Article.objects.count()
        try:
            article = save_article(parse_article_bytes(json.dumps(article_v1(values)).encode()), slug="under-test")
        except ArticleImportError as error:
            event("refused")
            assert "\n" not in str(error)
            assert Article.objects.count() == articles_before
        else:
            event("imported")
            assert not any(find_control_character(value) for value in values.values())
            assert_every_public_page_answers(client, article)
        transaction.set_rollback(True)


@PROPERTY_SETTINGS
@given(values=texts(ANYTHING))
@example(values=TRICKY)
def test_text_already_in_the_database_breaks_no_page(client, values):
    with transaction.atomic():
        source = SourceFactory(name=values["source"], slug="source-under-test")
        article = ArticleFactory(headline=values["headline"], standfirst=values["standfirst"], slug="under-test")
        article.tags.add(values["topic"])
        credit = {"caption": values["caption"], "credit": values["credit"], "credit_source": values["source"]}
        LeadFigureFactory(article=article, **credit).sources.add(source)
        section = SectionFactory(article=article, heading=values["heading"], position=1)
        paragraph = ParagraphFactory(section=section, position=1, text="Un párrafo.")
        paragraph.sources.add(source)
        QuoteFactory(paragraph=paragraph, position=1, text="párrafo", speaker=source)
        FigureFactory(section=section, position=2, **credit).sources.add(source)
        PullQuoteFactory(section=section, position=3, text=values["caption"][:50], speaker=source)

        assert_every_public_page_answers(client, article)
        transaction.set_rollback(True)
