"""Paragraph text on the page: Markdown rendered and sanitised, inline quotes marked up safely."""

from importlib import import_module

import pytest
from django.apps import apps
from pytest_django.asserts import assertHTMLEqual, assertInHTML

from articles.admin.editing import quote_occurs_in
from articles.models import Paragraph
from articles.quotation import QUOTATION_MARKS, quoted_words_pattern
from articles.rendering import render_markdown, safe_url
from articles.templatetags.articles_tags import mark_quotes, plain_text

from .factories import ParagraphFactory, QuoteFactory


def article_page_showing(client, text):
    paragraph = ParagraphFactory(text=text)
    response = client.get(paragraph.section.article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("text", "forbidden"),
    [
        pytest.param(
            'Before <script>alert("owned")</script> after', ["<script>", 'alert("owned")'], id="script element"
        ),
        pytest.param(
            '<img src="x" onerror="alert(1)"> <a href="https://example.org" onclick="alert(2)">link</a>',
            ["onerror", "onclick"],
            id="event handler attributes",
        ),
        pytest.param(
            '[click me](javascript:alert(1)) and <a href="JavaScript:alert(2)">me too</a>',
            ["javascript:", "JavaScript:"],
            id="javascript links",
        ),
    ],
)
def test_dangerous_markup_in_a_paragraph_never_reaches_the_article_page(client, text, forbidden):
    html = article_page_showing(client, text)
    for fragment in forbidden:
        assert fragment not in html


@pytest.mark.django_db
def test_ordinary_links_and_emphasis_survive(client):
    html = article_page_showing(client, "Read *the report* on [the NATO site](https://www.nato.int/) **today**.")
    assertInHTML("<em>the report</em>", html)
    assertInHTML("<strong>today</strong>", html)
    assertInHTML('<a href="https://www.nato.int/" rel="noopener noreferrer nofollow">the NATO site</a>', html)


@pytest.mark.django_db
def test_quote_text_with_markup_is_inserted_escaped():
    paragraph = ParagraphFactory(text="He wrote “a &lt;b&gt; & c” in the note.")
    QuoteFactory(paragraph=paragraph, text="a <b> & c")

    marked = mark_quotes(paragraph)

    assert "a &lt;b&gt; &amp; c</q>" in marked.html
    assert "<b>" not in marked.html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He said “we are ready” today.", '<q id="quote-{pk}">we are ready</q> today.'),
        ("Dijo «estamos listos» hoy.", '<q id="quote-{pk}" class="quote-angled">estamos listos</q> hoy.'),
        ('He said "we are ready" today.', '<q id="quote-{pk}">we are ready</q> today.'),
        ("Er sagte „wir sind bereit“ heute.", '<q id="quote-{pk}">wir sind bereit</q> heute.'),
        ("Powiedział „jesteśmy gotowi” dziś.", '<q id="quote-{pk}">jesteśmy gotowi</q> dziś.'),
    ],
)
def test_quoted_words_lose_their_marks_and_gain_a_q_element(text, expected):
    words = expected.split(">")[1].split("<")[0]
    paragraph = ParagraphFactory(text=text)
    quote = QuoteFactory(paragraph=paragraph, text=words)

    marked = mark_quotes(paragraph)

    assert expected.format(pk=quote.pk) in marked.html
    assert marked.marked_anchors == {quote.anchor}


@pytest.mark.django_db
@pytest.mark.parametrize(("opening", "closing"), QUOTATION_MARKS)
def test_marks_the_admin_accepts_around_a_quote_are_those_the_importer_finds_and_the_page_marks(opening, closing):
    words = "we are ready to talk"
    text = f"He said {opening}{words}{closing} on Monday."
    paragraph = ParagraphFactory(text=text)
    quote = QuoteFactory(paragraph=paragraph, text=words)

    assert quote_occurs_in(words, text)
    assert [next(group for group in match.groups() if group) for match in quoted_words_pattern().finditer(text)] == [
        words
    ]
    assert mark_quotes(paragraph).marked_anchors == {quote.anchor}


@pytest.mark.django_db
def test_words_without_quotation_marks_are_left_alone():
    paragraph = ParagraphFactory(text="He said we are ready today.")
    QuoteFactory(paragraph=paragraph, text="we are ready")

    marked = mark_quotes(paragraph)

    assert marked.html == paragraph.text_html
    assert marked.marked_anchors == set()


@pytest.mark.django_db
def test_quoted_words_inside_a_tag_attribute_are_not_marked():
    paragraph = ParagraphFactory(text='See [the site](https://example.org "we are ready").')
    QuoteFactory(paragraph=paragraph, text="we are ready")

    marked = mark_quotes(paragraph)

    assert marked.html == paragraph.text_html


@pytest.mark.django_db
def test_the_same_words_quoted_twice_mark_two_places():
    paragraph = ParagraphFactory(text="First “yes”, then again “yes”.")
    first = QuoteFactory(paragraph=paragraph, position=1, text="yes")
    second = QuoteFactory(paragraph=paragraph, position=2, text="yes")

    marked = mark_quotes(paragraph)

    assert f'First <q id="quote-{first.pk}">yes</q>, then again <q id="quote-{second.pk}">yes</q>.' in marked.html


def test_plain_text_excerpt_decodes_entities_once():
    assert plain_text("<p>Tom &amp; <em>Jerry</em></p>") == "Tom & Jerry"


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "  javascript:alert(1)",
        "java&#x09;script:alert(1)",
        "java\nscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "mailto:someone@example.org",
    ],
)
def test_a_url_that_is_not_http_is_dropped_from_links_and_quote_cites(url):
    html = render_markdown(f'<q cite="{url}">dicho</q> y <a href="{url}">enlace</a>')

    assertHTMLEqual(html, '<p><q>dicho</q> y <a rel="noopener noreferrer nofollow">enlace</a></p>')


@pytest.mark.parametrize(
    "url",
    ["https://example.org/a?b=c#d", "http://example.org", "/articles/otro/", "#quote-3", "otro/", "//cdn.example"],
)
def test_http_and_relative_urls_stay_in_links_and_quote_cites(url):
    html = render_markdown(f'<q cite="{url}">dicho</q> y <a href="{url}">enlace</a>')

    assertInHTML(f'<q cite="{url}">dicho</q>', html)
    assertInHTML(f'<a href="{url}" rel="noopener noreferrer nofollow">enlace</a>', html)


@pytest.mark.django_db
def test_a_quote_cite_with_javascript_never_reaches_the_article_page(client):
    html = article_page_showing(client, 'Dijo <q cite="javascript:alert(1)">basta</q>.')

    assert "javascript:" not in html
    assertInHTML("<q>basta</q>", html)


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://example.org", True),
        ("HTTP://EXAMPLE.ORG", True),
        ("/relative", True),
        ("", False),
        ("javascript:alert(1)", False),
        ("\x01javascript:alert(1)", False),
        ("java\tscript:alert(1)", False),
        ("ftp://example.org", False),
    ],
)
def test_safe_url_is_the_one_scheme_check(url, kept):
    assert safe_url(url) == (url if kept else "")


@pytest.mark.django_db
def test_the_word_count_migration_counts_the_words_of_paragraphs_saved_before_it():
    paragraph = ParagraphFactory(text="A [link to a page](https://example.org/a/long/path) and *emphasis* &amp; more.")
    Paragraph.objects.filter(pk=paragraph.pk).update(word_count=0)
    migration = import_module("articles.migrations.0007_paragraph_word_count")

    migration.count_existing_words(apps, None)

    assert Paragraph.objects.get(pk=paragraph.pk).word_count == 9
