"""Markdown to HTML, sanitised: the only HTML a template may mark safe comes from here."""

import html

import markdown
import nh3
from django.utils.html import strip_tags

ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "br",
    "cite",
    "code",
    "em",
    "i",
    "li",
    "ol",
    "p",
    "q",
    "s",
    "small",
    "strong",
    "sub",
    "sup",
    "ul",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "q": {"cite"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


def sanitize_html(html):
    """Keep text, emphasis and ordinary links; drop scripts, handlers and javascript: URLs."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )


def render_markdown(source):
    # Headings, images and tables belong to sections and figures, not to paragraph text,
    # so the sanitiser drops them rather than letting a paragraph restructure the page.
    return sanitize_html(markdown.markdown(source, output_format="html"))


def html_to_text(sanitised_html):
    """The text a reader reads in sanitised HTML, entities decoded (so autoescaping does not double them)."""
    return html.unescape(strip_tags(sanitised_html or ""))


def count_words(sanitised_html):
    """The words a reader reads in sanitised HTML: its text, split on white space."""
    return len(html_to_text(sanitised_html).split())
