"""Marked text to HTML: the matched words in `<mark>`, everything else escaped.

Both databases mark matched words with two private-use characters, never with HTML: a snippet
is cut from plain text, escaped, and only then are the marks turned into `<mark>`.
"""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

SNIPPET_LENGTH = 220
SNIPPET_LEAD = 70

MARK_START, MARK_STOP = "\ue000", "\ue001"
MARKED_WORD = re.compile(f"{MARK_START}([^{MARK_START}{MARK_STOP}]*){MARK_STOP}")


def split_marked(marked):
    """Text marked with MARK_START/MARK_STOP as (plain text, [(start, end) of each marked word])."""
    marked = marked or ""
    pieces, spans, length, position = [], [], 0, 0
    for match in MARKED_WORD.finditer(marked):
        before = marked[position : match.start()].replace(MARK_START, "").replace(MARK_STOP, "")
        length += len(before)
        spans.append((length, length + len(match.group(1))))
        length += len(match.group(1))
        pieces += [before, match.group(1)]
        position = match.end()
    pieces.append(marked[position:].replace(MARK_START, "").replace(MARK_STOP, ""))
    return "".join(pieces), spans


def to_html(text, spans, start=0, end=None):
    """text[start:end], escaped, with the spans inside it in <mark>."""
    end = len(text) if end is None else end
    pieces, position = [], start
    for span_start, span_end in spans:
        span_start, span_end = max(span_start, start), min(span_end, end)
        if span_start >= span_end:
            continue
        pieces += [escape(text[position:span_start]), "<mark>", escape(text[span_start:span_end]), "</mark>"]
        position = span_end
    pieces.append(escape(text[position:end]))
    # Every piece of text is escaped; the only markup is <mark>.
    return mark_safe("".join(pieces))


def highlight(marked):
    """The whole marked text as HTML."""
    return to_html(*split_marked(marked))


def snippet(marked):
    """About SNIPPET_LENGTH characters around the first marked word, as HTML; "" without one."""
    text, spans = split_marked(marked)
    if not spans:
        return ""
    first_start, first_end = spans[0]
    start = max(0, first_start - SNIPPET_LEAD)
    end = min(len(text), max(start + SNIPPET_LENGTH, first_end))
    # Cut at spaces, not inside words.
    if start > 0:
        space = text.find(" ", start, first_start)
        start = space + 1 if space != -1 else start
    if end < len(text):
        space = text.rfind(" ", first_end, end)
        end = space if space != -1 else end
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + to_html(text, spans, start, end) + suffix)
