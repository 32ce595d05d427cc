"""The importer's refusals (articles/importing/) in the editor's language.

The importer words its errors in English, one line, for the command line; the admin shows them
through this table of their forms. A refusal not in the table is shown as the importer wrote it.
"""

import re

from django.utils.translation import gettext_lazy as _

FORMS = [
    (r"the file is empty", _("the file is empty")),
    (r"the file is binary, not text", _("the file is binary, not text")),
    (
        r"the file is not UTF-8 text \(bad byte at position (?P<position>\d+)\)",
        _("the file is not UTF-8 text (bad byte at position %(position)s)"),
    ),
    (r"the file has no text", _("the file has no text")),
    (r"the first line must be the headline", _("the first line must be the headline")),
    (r"the article has a headline but no body text", _("the article has a headline but no body text")),
    (r"the article has a headline but no paragraphs", _("the article has a headline but no paragraphs")),
    (r"the article has no headline", _("the article has no headline")),
    (r"the article has no body", _("the article has no body")),
    (
        r"invalid JSON at line (?P<line>\d+), column (?P<column>\d+): (?P<reason>.*)",
        _("invalid JSON at line %(line)s, column %(column)s: %(reason)s"),
    ),
    (
        r"the JSON is not an article: “schema” must be “(?P<schema>[^”]*)”",
        _("the JSON is not an article: “schema” must be “%(schema)s”"),
    ),
    (
        r"line (?P<line>\d+) contains an invisible control character \((?P<character>U\+[0-9A-F]+)\): remove it",
        _("line %(line)s contains an invisible control character (%(character)s): remove it"),
    ),
    (r"(?P<where>[^:]+): “(?P<key>[^”]+)” must be text", _("%(where)s: “%(key)s” must be text")),
    (
        r"(?P<where>[^:]+): “(?P<key>[^”]+)” must be text or null",
        _("%(where)s: “%(key)s” must be text or null"),
    ),
]
COMPILED = [(re.compile(pattern), message) for pattern, message in FORMS]


def translated(error):
    """The importer's message of `error` in the current language, when it is one of the known forms."""
    text = str(error)
    for pattern, message in COMPILED:
        if match := pattern.fullmatch(text):
            return message % match.groupdict() if match.groupdict() else str(message)
    return text
