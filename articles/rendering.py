"""Markdown to HTML, sanitised: the only HTML a template may mark safe comes from here."""

import html
import re

import markdown
import nh3
from django.utils.html import strip_tags

# Paragraph text longer than this is refused by the models, the forms and the preview, and shown
# as plain text if it is stored anyway.
MAXIMUM_MARKDOWN_LENGTH = 20_000
# Python-Markdown reads the rest of the text again from every bracket, backtick or tag it cannot
# close, and recurses once per nested list or quotation. Prose has a handful of each; text with more
# is shown as plain text, so that rendering any paragraph takes a fraction of a second.
MAXIMUM_OPENINGS = {"[": 20, "`": 40, "<": 20}
MAXIMUM_NESTING = 4
# A bracket, backtick or tag start, or a backslash escape (an escaped one counts for nothing).
OPENING = re.compile(r"\\.|[\[`]|<[A-Za-z/!?]", re.DOTALL)
NESTING_MARKERS = re.compile(r"^[ \t]*(?:(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)|>[ \t]*)+", re.MULTILINE)
NESTING_MARKER = re.compile(r"[-*+>]|\d+[.)]")
INDENTATION = re.compile(r"^[ \t]+", re.MULTILINE)
BLANK_LINES = re.compile(r"\n[ \t]*\n")
MARKDOWN_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>])")

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
URL_ATTRIBUTES = {"href", "cite"}
WEB_SCHEMES = {"http", "https"}
URL_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
# What a browser ignores in a URL before reading its scheme (WHATWG URL standard).
URL_SURROUNDINGS = "".join(chr(code) for code in range(0x21))
URL_INSIDE_IGNORED = re.compile("[\t\n\r]")


def safe_url(url):
    """`url` when it is an http(s) address or a relative one, else "".

    The one check for every URL attribute that carries editor or import input: links and
    ``<q cite>`` in paragraphs, a source's web address. ``javascript:``, ``data:`` and every
    other scheme are dropped, however the scheme is spelt or spaced."""
    match = URL_SCHEME.match(URL_INSIDE_IGNORED.sub("", url or "").strip(URL_SURROUNDINGS))
    return "" if match and match.group(1).lower() not in WEB_SCHEMES else url or ""


def safe_url_attributes(element, attribute, value):
    """nh3's attribute filter: URL attributes keep only what `safe_url` lets through."""
    if attribute in URL_ATTRIBUTES:
        return safe_url(value) or None
    return value


def sanitize_html(html):
    """Keep text, emphasis and ordinary links; drop scripts, handlers and URLs that are not http(s)."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=safe_url_attributes,
        url_schemes=WEB_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )


def render_markdown(source):
    if len(source) > MAXIMUM_MARKDOWN_LENGTH or is_pathological(source):
        return render_plain_text(source)
    # Headings, images and tables belong to sections and figures, not to paragraph text,
    # so the sanitiser drops them rather than letting a paragraph restructure the page.
    return sanitize_html(markdown.markdown(source, output_format="html"))


def is_pathological(source):
    """Whether Python-Markdown would take more than linear time, or recurse deeply, on `source`."""
    openings = dict.fromkeys(MAXIMUM_OPENINGS, 0)
    for token in OPENING.finditer(source):
        character = token.group()[0]
        if character in openings:
            openings[character] += 1
            if openings[character] > MAXIMUM_OPENINGS[character]:
                return True
    if any(
        len(NESTING_MARKER.findall(markers.group())) > MAXIMUM_NESTING for markers in NESTING_MARKERS.finditer(source)
    ):
        return True
    return any(len(indent.group().expandtabs(4)) > 4 * MAXIMUM_NESTING for indent in INDENTATION.finditer(source))


def render_plain_text(source):
    """`source` as written, its Markdown escapes undone, one <p> per block of lines."""
    blocks = (MARKDOWN_ESCAPE.sub(r"\1", block).strip() for block in BLANK_LINES.split(source))
    return "".join(f"<p>{html.escape(block, quote=False)}</p>" for block in blocks if block)


def html_to_text(sanitised_html):
    """The text a reader reads in sanitised HTML, entities decoded (so autoescaping does not double them)."""
    return html.unescape(strip_tags(sanitised_html or ""))


def count_words(sanitised_html):
    """The words a reader reads in sanitised HTML: its text, split on white space."""
    return len(html_to_text(sanitised_html).split())
