"""Rendering paragraph Markdown takes bounded time, whatever the text, and the text has a bounded length.

Python-Markdown took 11 s for `[` × 10,000 and 44 s for × 20,000, and recursed until Python gave
up on `- ` × 2,500. The time bounds are generous on purpose: the suite runs on small shared machines.
"""

import time

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.rendering import MAXIMUM_MARKDOWN_LENGTH, render_markdown
from articles.tests.admin_helpers import change_form_data
from articles.tests.factories import ParagraphFactory

PREVIEW = "admin:articles_markdown_preview"
SECONDS = 5

HOSTILE_TEXTS = {
    "opening brackets": "[" * 20_000,
    "image openings": "![" * 10_000,
    "asterisks": "*" * 20_000,
    "less-than signs": "<" * 20_000,
    "nested quotations": "> " * 10_000 + "a",
    "nested quotations without spaces": ">" * 20_000 + "a",
    "nested list items": "- " * 10_000 + "a",
    "nested numbered items": "1. " * 6_666 + "a",
    "unclosed code spans": "``a`" * 5_000,
    "unclosed tags": "<a " * 6_666,
    "unclosed autolinks": "<http://" * 2_500,
    "unclosed link targets": "[a](" * 5_000,
    "nested brackets": "[" * 10_000 + "]" * 10_000,
    "escaped backslashes before brackets": "\\\\[" * 6_666,
    "deeply indented lists": "".join(" " * (4 * depth) + "- a\n" for depth in range(150)),
}


def seconds_to_render(text):
    start = time.perf_counter()
    render_markdown(text)
    return time.perf_counter() - start


@pytest.mark.parametrize("kind", HOSTILE_TEXTS)
def test_hostile_markdown_renders_in_a_few_seconds(kind):
    assert seconds_to_render(HOSTILE_TEXTS[kind]) < SECONDS


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet="[]()<>*_`!\\-+#.:/&= \n\t1a\"'|~{}@", min_size=1, max_size=8))
def test_any_pattern_repeated_to_the_longest_paragraph_renders_in_a_few_seconds(pattern):
    text = (pattern * (MAXIMUM_MARKDOWN_LENGTH // len(pattern) + 1))[:MAXIMUM_MARKDOWN_LENGTH]
    assert seconds_to_render(text) < SECONDS


def test_text_too_hostile_for_markdown_is_shown_as_written_and_escaped():
    html = render_markdown("<script>alert(1)</script> " + "[" * 30 + " 1\\. *not emphasis*")

    assert html.startswith("<p>&lt;script&gt;alert(1)&lt;/script&gt; [[[")
    assert html.endswith(" 1. *not emphasis*</p>")


def test_ordinary_paragraphs_are_still_rendered_as_markdown():
    html = render_markdown("See [the report](https://example.org) and *this* — (a) `code` <b>bold</b>.")

    assert '<a href="https://example.org"' in html and "<em>this</em>" in html
    assert "<code>code</code>" in html and "<b>bold</b>" in html


@pytest.mark.django_db
def test_a_paragraph_longer_than_the_limit_is_refused_by_the_model():
    paragraph = ParagraphFactory.build(text="a" * (MAXIMUM_MARKDOWN_LENGTH + 1))

    with pytest.raises(ValidationError) as error:
        paragraph.clean_fields(exclude=["section", "position", "block_ptr"])
    assert "text" in error.value.message_dict


@pytest.mark.django_db
@pytest.mark.usefixtures("english_interface")
def test_the_paragraph_form_refuses_text_longer_than_the_limit_at_the_field(editor_client):
    paragraph = ParagraphFactory(text="Short.")
    url = reverse("admin:articles_paragraph_change", args=[paragraph.pk])
    data = change_form_data(editor_client.get(url), "paragraph_form")
    data["text"] = "[" * (MAXIMUM_MARKDOWN_LENGTH + 1)

    response = editor_client.post(url, data)

    assert response.status_code == 200
    assert "Ensure this value has at most 20000 characters" in response.content.decode()
    paragraph.refresh_from_db()
    assert paragraph.text == "Short."


@pytest.mark.django_db
@pytest.mark.usefixtures("english_interface")
def test_the_preview_of_twenty_thousand_brackets_answers_in_a_few_seconds(editor_client):
    start = time.perf_counter()
    response = editor_client.post(reverse(PREVIEW), {"text": "[" * 20_000, "fragment": "1"})

    assert response.status_code == 200
    assert time.perf_counter() - start < SECONDS


@pytest.mark.django_db
@pytest.mark.usefixtures("english_interface")
def test_the_preview_of_text_longer_than_a_paragraph_says_so(editor_client):
    response = editor_client.post(reverse(PREVIEW), {"text": "a" * (MAXIMUM_MARKDOWN_LENGTH + 1), "fragment": "1"})

    assert response.status_code == 200
    assert "The text has 20,001 characters; a paragraph has at most 20,000." in response.content.decode()
