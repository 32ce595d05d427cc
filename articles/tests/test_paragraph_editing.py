"""Editing a paragraph: Markdown help and a preview sanitised like the public page; quotes that
must occur in their paragraph's text."""

import re
from html import unescape

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from pytest_django.asserts import assertInHTML

from articles.admin.editing import MARKDOWN_HELP, quote_occurs_in
from articles.models import Quote
from articles.tests.admin_helpers import change_form_data
from articles.tests.factories import ParagraphFactory, QuoteFactory, SourceFactory
from articles.tests.history_helpers import make_member

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_interface")]

PREVIEW = "admin:articles_markdown_preview"


def test_preview_returns_the_html_the_public_page_would_show(editor_client):
    response = editor_client.post(
        reverse(PREVIEW),
        {"text": "The vote was **postponed** <script>alert(1)</script> [see](javascript:alert(2))", "fragment": "1"},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assertInHTML("<strong>postponed</strong>", html)
    assert "<script" not in html and "javascript:" not in html


def framed_page(html):
    """The page an admin page shows in its preview frame (its `srcdoc`)."""
    return unescape(re.search(r'srcdoc="([^"]*)"', html).group(1))


def test_preview_without_javascript_is_an_admin_page_with_a_form(editor_client):
    response = editor_client.post(reverse(PREVIEW), {"text": "*Breaking*"})

    html = response.content.decode()
    assert '<textarea id="id_text" name="text"' in html
    assertInHTML("<em>Breaking</em>", framed_page(html))


def test_the_preview_is_styled_by_the_readers_style_sheet_as_a_paragraph_of_the_article(editor_client):
    response = editor_client.post(
        reverse(PREVIEW), {"text": "The vote was **postponed** <script>x()</script>", "frame": "1"}
    )

    page = response.content.decode()
    assert page.startswith("<!DOCTYPE html>")
    assert "css/reader.css" in page
    assertInHTML('<div class="block block--paragraph"><p>The vote was <strong>postponed</strong> </p></div>', page)
    assert "<script" not in page


def test_preview_is_for_staff_only(client):
    response = client.post(reverse(PREVIEW), {"text": "hello", "fragment": "1"})

    assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.parametrize("permissions", [[], ["view_paragraph", "view_article", "change_article"]])
def test_preview_is_refused_to_staff_who_may_not_change_paragraphs(client, django_user_model, permissions):
    user = django_user_model.objects.create_user(username="staff", password="x-long-password-1", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=permissions))
    client.force_login(user)

    fragment = client.post(reverse(PREVIEW), {"text": "*Breaking*", "fragment": "1"})
    page = client.get(reverse(PREVIEW), {"text": "*Breaking*"})

    assert (fragment.status_code, page.status_code) == (403, 403)
    assert "<em>Breaking</em>" not in fragment.content.decode() + page.content.decode()


def test_preview_is_open_to_contributors_who_change_paragraphs(client, django_user_model):
    client.force_login(make_member(django_user_model, "Contributors", "carla"))

    response = client.post(reverse(PREVIEW), {"text": "*Breaking*", "fragment": "1"})

    assert response.status_code == 200 and "<em>Breaking</em>" in response.content.decode()


def test_paragraph_form_shows_the_allowed_syntax_and_a_preview_button(editor_client):
    paragraph = ParagraphFactory()

    html = editor_client.get(reverse("admin:articles_paragraph_change", args=[paragraph.pk])).content.decode()

    assert "Headings, pictures, tables and HTML tags are removed" in html
    assert 'class="button markdown-preview__button"' in html
    assert f'data-preview-url="{reverse(PREVIEW)}"' in html
    assert str(MARKDOWN_HELP)[:20] in html


@pytest.mark.parametrize(
    "quote, paragraph",
    [
        ("we are ready", "He said “we are ready” on Monday."),
        ("we are  ready", "He said «we are\nready» on Monday."),
        ("it’s over", 'She said "it\'s over".'),
        ("“talks will resume”", "Officials said *talks will resume* soon."),
    ],
)
def test_quotes_match_their_paragraph_whatever_the_marks_spaces_and_emphasis(quote, paragraph):
    assert quote_occurs_in(quote, paragraph)


def test_a_quote_with_other_words_does_not_match():
    assert not quote_occurs_in("we are not ready", "He said “we are ready” on Monday.")


def post_paragraph(client, paragraph, changes):
    url = reverse("admin:articles_paragraph_change", args=[paragraph.pk])
    data = change_form_data(client.get(url), "paragraph_form")
    data.update(changes)
    return client.post(url, data)


def test_saving_a_quote_that_is_not_in_the_paragraph_is_refused_with_a_clear_message(editor_client):
    paragraph = ParagraphFactory(text="The minister said “we will not sign” after the meeting.")

    response = post_paragraph(editor_client, paragraph, {"quotes-0-text": "we will sign", "quotes-0-position": "1"})

    assert response.status_code == 200
    assert "does not occur in the paragraph" in response.content.decode()
    assert not Quote.objects.exists()


def test_editing_the_paragraph_so_an_existing_quote_disappears_is_refused(editor_client):
    paragraph = ParagraphFactory(text="The minister said “we will not sign” after the meeting.")
    QuoteFactory(paragraph=paragraph, position=1, text="we will not sign")

    response = post_paragraph(editor_client, paragraph, {"text": "The minister left without a word."})

    assert response.status_code == 200
    paragraph.refresh_from_db()
    assert "we will not sign" in paragraph.text


def test_a_quote_found_in_the_paragraph_is_saved_with_its_speaker(editor_client):
    paragraph = ParagraphFactory(text="The minister said “we will not sign” after the meeting.")
    minister = SourceFactory(name="Minister of Trade")

    response = post_paragraph(
        editor_client,
        paragraph,
        {"quotes-0-text": "we will not sign", "quotes-0-position": "1", "quotes-0-speaker": minister.pk},
    )

    assert response.status_code == 302
    assert Quote.objects.get().speaker == minister


def test_quote_speaker_and_source_are_autocompletes_with_an_add_button(editor_client):
    paragraph = ParagraphFactory()

    html = editor_client.get(reverse("admin:articles_paragraph_change", args=[paragraph.pk])).content.decode()

    assert 'data-field-name="speaker"' in html and 'data-field-name="source"' in html and "admin-autocomplete" in html
    assert 'id="add_id_quotes-0-speaker"' in html
