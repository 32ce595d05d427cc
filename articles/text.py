"""Characters that are not text: refused where editors and imports write, stripped where pages,
feeds and sitemaps read.

A "control character" here is any character XML 1.0 cannot carry or a reader cannot see: the
C0 controls but tab, line feed and carriage return; DEL and the C1 controls; lone surrogates;
and the noncharacters U+FFFE and U+FFFF. One of them pasted into a standfirst made every feed
answer 500 (Django's feed writer refuses them). Tab and line breaks are text in multi-line
fields and are refused only in one-line fields.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

CONTROL_CHARACTERS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff"
LINE_BREAKS_AND_TABS = "\t\n\r"
CONTROL_CHARACTER = re.compile(f"[{CONTROL_CHARACTERS}]")
NOT_ONE_LINE = re.compile(f"[{CONTROL_CHARACTERS}{LINE_BREAKS_AND_TABS}]")


def find_control_character(text, *, one_line=False):
    """The first control character in `text` (line breaks and tabs too when `one_line`), as a
    regular-expression match, or None."""
    return (NOT_ONE_LINE if one_line else CONTROL_CHARACTER).search(text)


def describe(match):
    """“U+0001 at position 12” for a match of `find_control_character`, counting from 1."""
    return f"U+{ord(match.group()):04X} at position {match.start() + 1}"


def strip_control_characters(text):
    """`text` without control characters; tab and line breaks stay."""
    return CONTROL_CHARACTER.sub("", text)


def strip_control_characters_in(data):
    """`data` — text, or lists, tuples and dicts of them, nested — with every text stripped."""
    if isinstance(data, str):
        return strip_control_characters(data)
    if isinstance(data, dict):
        return {strip_control_characters_in(key): strip_control_characters_in(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return type(data)(strip_control_characters_in(item) for item in data)
    return data


def first_control_character_in(data):
    """(JSON Pointer, match) of the first control character in `data` — text, or lists and dicts
    of them, nested, keys included, as `json.loads` returns — in reading order; or None."""
    pending = [("", data)]
    while pending:
        pointer, value = pending.pop()
        if isinstance(value, str) and (match := find_control_character(value)):
            return pointer, match
        children = []
        if isinstance(value, dict):
            for key, child in value.items():
                children += [(f"{pointer}/{key}", key), (f"{pointer}/{key}", child)]
        elif isinstance(value, list):
            children = [(f"{pointer}/{index}", child) for index, child in enumerate(value)]
        # A stack, not recursion, however deep the nesting; reversed to keep reading order.
        pending.extend(reversed(children))
    return None


def validate_one_line(value):
    """Model-field validator: no control character, no line break, no tab."""
    match = find_control_character(value, one_line=True)
    if match is None:
        return
    if match.group() in LINE_BREAKS_AND_TABS:
        raise ValidationError(
            _("This field holds one line: remove the line break or tab at position %(position)s."),
            code="line_break",
            params={"position": match.start() + 1},
        )
    raise_control_character(match)


def validate_multi_line(value):
    """Model-field validator: no control character; line breaks and tabs are welcome."""
    match = find_control_character(value)
    if match is not None:
        raise_control_character(match)


def raise_control_character(match):
    raise ValidationError(
        _(
            "Remove the invisible control character %(character)s at position %(position)s: "
            "it is not text, and feeds and search engines cannot read it."
        ),
        code="control_character",
        params={"character": f"U+{ord(match.group()):04X}", "position": match.start() + 1},
    )
