"""Template helpers for the reader's pages; none of them queries the database."""

import functools
import html
import re
from dataclasses import dataclass, field
from urllib.parse import quote as url_quote

from django import template
from django.urls import get_script_prefix, get_urlconf
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext

from ..kinds import PARTS
from ..models import Source
from ..quotation import QUOTATION_MARKS
from ..reading import NO_PASSAGE, reading_minutes
from ..rendering import html_to_text, safe_url

register = template.Library()

# The marks a paragraph may put around quoted words (articles/quotation.py), and how each
# would look if the sanitiser ever escaped it ("&quot;" for a straight mark).
MARKS_IN_HTML = tuple(
    dict.fromkeys(
        [*QUOTATION_MARKS, *((html.escape(opening), html.escape(closing)) for opening, closing in QUOTATION_MARKS)]
    )
)
# Marks whose style a reader would notice if they changed: kept with a class for CSS `quotes`.
MARK_CLASSES = {"«": "quote-angled"}
# Marks the chosen source in the sources panel.
CURRENT = mark_safe(' aria-current="true"')
# The sanitiser writes every attribute value in double quotes, so this finds whole tags.
HTML_TAG = re.compile(r'(<(?:[^>"]|"[^"]*")*>)')


@dataclass
class MarkedParagraph:
    html: SafeString
    marked_anchors: set = field(default_factory=set)


@register.simple_tag
def mark_quotes(paragraph):
    """The paragraph's sanitised HTML with each of its Quote rows wrapped in `<q id="quote-…">`.

    Only the text between tags is searched, and only escaped quote text and fixed markup
    are inserted, so the result is as safe as `text_html`. Quotes whose words are not found
    between quotation marks leave the HTML as it was; `marked_anchors` tells the template
    which quotes got their `<q>` so it can put the anchor on the attribution instead.
    """
    marked_html = paragraph.text_html
    marked_anchors = set()
    for quote in paragraph.quotes.all():
        marked_html, found = wrap_quote(marked_html, quote)
        if found:
            marked_anchors.add(quote.anchor)
    # text_html is sanitised on save and wrap_quote adds only escaped text and fixed tags.
    return MarkedParagraph(html=mark_safe(marked_html), marked_anchors=marked_anchors)


def wrap_quote(sanitised_html, quote):
    words = html.escape(quote.text.strip(), quote=False)
    if not words:
        return sanitised_html, False
    pattern = re.compile(
        "|".join(f"({re.escape(opening)}){re.escape(words)}{re.escape(closing)}" for opening, closing in MARKS_IN_HTML)
    )
    pieces = HTML_TAG.split(sanitised_html)
    # Odd indexes are tags; text lies at the even ones.
    for index in range(0, len(pieces), 2):
        match = pattern.search(pieces[index])
        if match:
            opening = next(group for group in match.groups() if group)
            css_class = MARK_CLASSES.get(opening, "")
            class_attribute = f' class="{css_class}"' if css_class else ""
            replacement = f'<q id="{html.escape(quote.anchor)}"{class_attribute}>{words}</q>'
            pieces[index] = pieces[index][: match.start()] + replacement + pieces[index][match.end() :]
            return "".join(pieces), True
    return sanitised_html, False


@register.simple_tag
def sources_not_in(sources, named_sources):
    """`sources` without those already named (and linked) in an attribution line."""
    named = {source.pk for source in named_sources}
    return [source for source in sources if source.pk not in named]


@register.filter
def titled(sections):
    """The sections with a heading: the untitled opening section gets no navigation entry."""
    return [section for section in sections if section.heading]


plain_text = register.filter("plain_text", html_to_text)


@register.filter
def part_label(name):
    """What readers are told a part of an article is ("Photo" for a figure), by its name in articles/kinds.py."""
    part = PARTS.get(name)
    return part.label if part else ""


register.filter("safe_url", safe_url)


@register.filter
def source_page_url(source):
    """`source.get_absolute_url()`, worked out once per slug.

    A long article names the same few sources on every paragraph; reversing the URL each
    time took a third of the page's render time.
    """
    return source_page_url_for_slug(get_script_prefix(), get_urlconf(), source.slug)


@functools.lru_cache(maxsize=4096)
def source_page_url_for_slug(script_prefix, urlconf, slug):
    # The prefix and URLconf are part of the key because reverse() depends on them.
    return Source(slug=slug).get_absolute_url()


@register.simple_tag
def source_chips(sources):
    """The chips linking to the pages of the sources a passage cites.

    Written here rather than in a template included for every paragraph, quote and figure:
    a long article shows hundreds of them."""
    if not sources:
        return ""
    chips = format_html_join(
        "",
        '<li><a class="chip chip--{}" href="{}"><span class="visually-hidden">{} </span>{}</a></li>',
        ((source.kind, source_page_url(source), gettext("Source:"), source.name) for source in sources),
    )
    return format_html('<ul class="chips" aria-label="{}">{}</ul>', gettext("Sources"), chips)


@register.simple_tag
def attribution(quote):
    """“— Speaker, via Outlet”, each linked to its source's page (a quote or a pull quote)."""
    speaker, outlet = quote.speaker, quote.source
    said_by = reported_by = via = ""
    if speaker:
        said_by = format_html(
            '<a class="attribution__speaker source-link" href="{}">{}</a>', source_page_url(speaker), speaker.name
        )
    if outlet:
        reported_by = format_html(
            '<cite><a class="source-link" href="{}">{}</a></cite>', source_page_url(outlet), outlet.name
        )
    if speaker and outlet:
        via = format_html(", {} ", gettext("via"))
    return format_html('<span class="attribution__line">— {}{}{}</span>', said_by, via, reported_by)


@register.simple_tag
def source_use(use, chosen_slug, page_path):
    """One source of the article's sources panel (a `SourceUse`): a chip that highlights its
    passages (or, once chosen, shows them all again), its kind and country, how often the article
    relies on it, and a link to its page. Written here, as the chips are, for its cost per item."""
    source = use.source
    chosen = source.slug == chosen_slug
    choose = f"{page_path}#source-filter" if chosen else f"?source={url_quote(source.slug, safe='/')}#source-filter"
    facts = capfirst(str(source.kind_label)) + (f" · {source.country}" if source.country else "")
    return format_html(
        '<li class="source-use">\n'
        '<a class="chip chip--{} source-use__choose" href="{}" data-source="{}" data-passages="{}"{}>{}</a>\n'
        '<span class="source-use__facts">{}</span>\n'
        '<span class="source-use__counts">{}</span>\n'
        '<a class="source-use__page" href="{}">{}<span class="visually-hidden"> — {}</span></a>\n'
        "</li>",
        source.kind,
        choose,
        source.slug,
        use.passages,
        CURRENT if chosen else "",
        source.name,
        facts,
        source_use_counts(use),
        source_page_url(source),
        gettext("All citations"),
        source.name,
    )


def source_use_counts(use):
    """“3 statements · 1 photo”: how often an article relies on a source."""
    counts = []
    if use.statements:
        counts.append(
            ngettext("%(counter)s statement", "%(counter)s statements", use.statements) % {"counter": use.statements}
        )
    if use.photos:
        counts.append(ngettext("%(counter)s photo", "%(counter)s photos", use.photos) % {"counter": use.photos})
    return " · ".join(counts)


@register.filter
def reading_time(word_count):
    """“4 min read” for `word_count` words."""
    minutes = reading_minutes(word_count or 0)
    return ngettext("%(minutes)s min read", "%(minutes)s min read", minutes) % {"minutes": minutes}


@register.filter
def with_next(items):
    """Each item paired with the one after it (None after the last)."""
    items = list(items)
    return list(zip(items, items[1:] + [None], strict=False))  # the padded list is longer when items is empty


@register.simple_tag(takes_context=True)
def passage(context, anchor):
    """The `Passage` at `anchor` in the page's `body`: the slugs it cites and, while a source is
    chosen, whether it is "cited" or "dimmed"."""
    body = context.get("body")
    return body.passage(anchor) if body else NO_PASSAGE


@register.filter
def passage_flag(passage):
    """Words for screen readers at the start of a passage citing the chosen source."""
    if passage.state != "cited":
        return ""
    return format_html('<span class="visually-hidden passage-flag">{}</span>', gettext("Cites the chosen source."))


@register.simple_tag(takes_context=True)
def credit_part(context, name):
    """A name from a photo credit, linked to its source's page when the page's `credit_sources`
    knows it."""
    source = context.get("credit_sources", {}).get(name.strip().casefold())
    if source is None:
        return name
    return format_html('<a class="source-link" href="{}">{}</a>', source_page_url(source), name)
