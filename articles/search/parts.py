"""The parts of an article that search reads besides its headline and standfirst: those whose
kind in articles/kinds.py names a `searched` field (paragraphs, inline quotes, pull quotes, figure
captions and the lead figure's caption)."""

import functools
from dataclasses import dataclass

from django.db.models import F, Func, TextField

from .. import kinds
from ..models import LeadFigure
from ..rendering import html_to_text


class PlainText(Func):
    """Sanitised HTML (`Paragraph.text_html`) as text: tags dropped, entities decoded.

    On SQLite `articles_html_text` is `html_to_text`, registered on each connection."""

    function = "articles_html_text"
    output_field = TextField()
    # The sanitiser writes only these entities in text; &amp; is decoded last.
    postgresql_template = (
        "replace(replace(replace(replace(regexp_replace(%(expressions)s, '<[^>]*>', '', 'g'), "
        "'&nbsp;', ' '), '&lt;', '<'), '&gt;', '>'), '&amp;', '&')"
    )

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template=self.postgresql_template, **extra_context)


@dataclass(frozen=True)
class Part:
    """A kind of row whose text is searched, the path from it to its article, and its text field."""

    kind: str
    model: type
    article: str
    field: str
    is_html: bool = False

    @property
    def text(self):
        """The searched text as an SQL expression."""
        return PlainText(self.field) if self.is_html else F(self.field)

    def plain(self, value):
        """The searched text of a value of `field`, in Python."""
        return html_to_text(value) if self.is_html else value or ""

    def anchor(self, pk):
        return "lead-figure" if self.model is LeadFigure else f"{self.kind}-{pk}"


@functools.cache
def searched_parts():
    """Every part of an article whose kind (articles/kinds.py) names a `searched` field. Read once
    the models are loaded: the path from a quote to its article follows a reverse relation."""
    return tuple(
        Part(str(name), kind.model, kinds.article_lookup(kind.model), kind.searched, is_html=kind.searched_html)
        for name, kind in kinds.PARTS.items()
        if kind.searched
    )


@functools.cache
def searched_parts_by_kind():
    return {part.kind: part for part in searched_parts()}


def searched_part(kind):
    """The searched part named `kind`."""
    return searched_parts_by_kind()[kind]


def union_all(querysets):
    """The rows of all the querysets (`values()` of the same columns), in one query."""
    first, *others = list(querysets) or [None]
    return list(first.union(*others, all=True)) if first is not None else []
