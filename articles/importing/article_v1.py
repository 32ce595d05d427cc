"""`article.v1`, the JSON form of an article that the exporter writes and the importer reads.

Writing (`export_article`) follows the structure the reader's page is rendered from. Reading
(`parse_json`) checks every field's type before anything is built from it: a list where a name
is expected, a number where text is, or a string where a list is ("sources": "ABC" would
otherwise be read as the sources "A", "B" and "C") is refused with where it is. Fields this
version does not know are ignored, so that a newer export still imports.
"""

import json
import re

from django.utils.dateparse import parse_datetime

from ..attribution import FoundQuote
from ..attribution_words import GIVEN_IN_THE_FILE
from ..credits import CreditParts
from ..kinds import LEAD_FIGURE, block_sources
from ..models import Article, Block, Source
from ..source_index import SourceRef
from ..text import describe, find_control_character, first_control_character_in, strip_control_characters
from .parsed import (
    MAXIMUM_INTEGER_DIGITS,
    MAXIMUM_JSON_DEPTH,
    MAXIMUM_TAGS,
    ArticleImportError,
    BodyCounter,
    ParsedArticle,
    ParsedFigure,
    ParsedParagraph,
    ParsedPullQuote,
    ParsedSection,
    check_parsed_article,
    over_limit,
)

SCHEMA = "article.v1"


# --- Writing --------------------------------------------------------------------------------------


def name_or_none(source):
    return source.name if source is not None else None


def figure_data(figure, sources):
    return {
        "type": "figure",
        "caption": figure.caption,
        "credit": figure.credit,
        "credit_parts": figure.credit_parts,
        "alt": figure.alt_text,
        "image": figure.image.url if figure.image else None,
        "sources": [source.name for source in sources],
    }


def quote_data(quote):
    return {"text": quote.text, "speaker": name_or_none(quote.speaker), "source": name_or_none(quote.source)}


def paragraph_data(paragraph, sources):
    return {
        "type": "paragraph",
        "text": paragraph.text,
        "sources": [source.name for source in sources],
        "quotes": [quote_data(quote) for quote in paragraph.quotes.all()],
    }


def pull_quote_data(pull_quote, sources):
    # A pull quote's sources are usually its speaker and outlet, but editors may set others.
    return {"type": "quote", **quote_data(pull_quote), "sources": [source.name for source in sources]}


# How article.v1 writes each kind of block, given its row and the sources on its Block row.
BLOCK_DATA = {
    Block.Kind.PARAGRAPH: paragraph_data,
    Block.Kind.FIGURE: figure_data,
    Block.Kind.PULLQUOTE: pull_quote_data,
}


def block_data(block):
    # Sources were prefetched on the Block row, quotes on its concrete Paragraph.
    return BLOCK_DATA[block.kind](block.specific, block.sources.all())


def cited_sources(article):
    """Every source the article cites anywhere, each once."""
    lead_figure = article.lead_figure_or_none
    found = LEAD_FIGURE.sources_cited_by(lead_figure) if lead_figure else []
    for section in article.sections.all():
        for block in section.blocks.all():
            found += block_sources(block)
    return sorted(set(found), key=lambda source: source.name.casefold())


def export_article(article):
    """A dict following the article.v1 schema; `article` should come from `Article.objects.with_body()`."""
    lead_figure = article.lead_figure_or_none
    return {
        "schema": SCHEMA,
        "slug": article.slug,
        "headline": article.headline,
        "standfirst": article.standfirst,
        "byline": article.byline,
        "language": article.language,
        "status": article.status,
        "published_at": article.published_at.isoformat() if article.published_at else None,
        "correction_note": article.correction_note,
        "tags": sorted(tag.name for tag in article.tags.all()),
        "lead_figure": figure_data(lead_figure, lead_figure.sources.all()) if lead_figure else None,
        "sections": [
            {
                "heading": section.heading or None,
                "anchor": section.anchor,
                "blocks": [block_data(block) for block in section.blocks.all()],
            }
            for section in article.sections.all()
        ],
        "sources": [
            {"name": source.name, "slug": source.slug, "kind": source.kind} for source in cited_sources(article)
        ],
    }


def export_article_json(slug):
    article = Article.objects.with_body().get(slug=slug)
    return json.dumps(export_article(article), ensure_ascii=False, indent=2)


# --- Reading --------------------------------------------------------------------------------------


# What tells how deep a JSON document nests: brackets, and the quotation marks and escapes
# that say whether a bracket is inside a string.
JSON_STRUCTURE = re.compile(r'\\.|["\[\]{}]', re.DOTALL)


def check_nesting(text):
    """Refuse JSON nested deeper than any article, before the parser recurses into it."""
    depth, in_string = 0, False
    for token in JSON_STRUCTURE.finditer(text):
        character = token.group()
        if character == '"':
            in_string = not in_string
        elif in_string or len(character) > 1:
            continue
        elif character in "[{":
            depth += 1
            if depth > MAXIMUM_JSON_DEPTH:
                raise ArticleImportError(
                    f"the JSON is nested more than {MAXIMUM_JSON_DEPTH} levels deep (an article needs 7)"
                )
        else:
            depth -= 1


def integer(digits):
    """Python refuses to convert integers of more than 4,300 digits; an article has none at all."""
    if len(digits.lstrip("-")) > MAXIMUM_INTEGER_DIGITS:
        raise ArticleImportError(f"the JSON has a number {len(digits):,} digits long; an article has no numbers")
    return int(digits)


def load(text):
    check_nesting(text)
    try:
        return json.loads(text, parse_int=integer)
    except json.JSONDecodeError as error:
        raise ArticleImportError(f"invalid JSON at line {error.lineno}, column {error.colno}: {error.msg}") from None


# --- Fields, each checked for its type ------------------------------------------------------------


def text_of(mapping, key, where, *, required=False):
    """Text, or "" for a missing or null optional field."""
    value = mapping.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise ArticleImportError(f"{where}: “{key}” must be text" + ("" if required else " or null"))
    return value


def list_of(mapping, key, where, *, required=False):
    """A list, or [] for a missing or null optional field."""
    value = mapping.get(key)
    if value is None and not required:
        return []
    if not isinstance(value, list):
        raise ArticleImportError(f"{where}: “{key}” must be a list" + ("" if required else " or null"))
    return value


def objects_of(mapping, key, where, *, required=False):
    found = list_of(mapping, key, where, required=required)
    if not all(isinstance(item, dict) for item in found):
        raise ArticleImportError(f"{where}: “{key}” must be a list of objects")
    return found


def names_of(mapping, key, where):
    found = list_of(mapping, key, where)
    if not all(isinstance(name, str) and name.strip() for name in found):
        raise ArticleImportError(f"{where}: “{key}” must be a list of names")
    return [name.strip() for name in found]


class JsonReader:
    def __init__(self, data, require_body=True):
        self.data = data
        self.require_body = require_body
        self.counter = BodyCounter()
        # The kind of each source the export lists, for the sources the import creates.
        self.kinds = {}
        for source in objects_of(data, "sources", "article"):
            name = text_of(source, "name", "article: a source", required=True).strip()
            kind = text_of(source, "kind", f"article: source “{name}”")
            self.kinds[name] = kind if kind in Source.Kind.values else Source.Kind.OTHER

    def source(self, mapping, key, where):
        """The source a field names, or None."""
        value = mapping.get(key)
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            raise ArticleImportError(f"{where}: “{key}” must be a source's name or null")
        return SourceRef(value.strip(), self.kinds.get(value.strip(), Source.Kind.OTHER))

    def sources(self, mapping, where):
        return [
            SourceRef(name, self.kinds.get(name, Source.Kind.OTHER)) for name in names_of(mapping, "sources", where)
        ]

    def article(self):
        data = self.data
        headline = text_of(data, "headline", "article", required=True).strip()
        if not headline:
            raise ArticleImportError("the article has no headline")
        tags = list_of(data, "tags", "article")
        if len(tags) > MAXIMUM_TAGS:
            raise over_limit("topics", len(tags), MAXIMUM_TAGS)
        article = ParsedArticle(
            headline=headline,
            standfirst=text_of(data, "standfirst", "article"),
            language=text_of(data, "language", "article") or "es",
            slug=text_of(data, "slug", "article"),
            byline=text_of(data, "byline", "article"),
            status=text_of(data, "status", "article") or Article.Status.DRAFT,
            published_at=self.published_at(),
            correction_note=text_of(data, "correction_note", "article"),
            tags=names_of(data, "tags", "article"),
        )
        lead_figure = data.get("lead_figure")
        if lead_figure is not None:
            if not isinstance(lead_figure, dict):
                raise ArticleImportError("article: “lead_figure” must be an object or null")
            article.lead_figure = self.figure(lead_figure, "lead figure")
        for section_number, section in enumerate(objects_of(data, "sections", "article", required=True), start=1):
            self.counter.add("sections")
            article.sections.append(self.section(section, f"section {section_number}"))
        if self.require_body and not any(section.blocks for section in article.sections):
            raise ArticleImportError("the article has no body")
        for where, what, value in article.one_line_texts():
            if match := find_control_character(value, one_line=True):
                raise ArticleImportError(
                    f"{where}: “{what}” is one line: remove the line break or tab ({describe(match)})"
                )
        return article

    def published_at(self):
        value = text_of(self.data, "published_at", "article")
        try:
            valid = not value or parse_datetime(value) is not None
        except ValueError:
            valid = False
        if not valid:
            raise ArticleImportError(
                "article: “published_at” must be a date and time such as 2024-05-01T10:00:00+02:00, or null"
            )
        return value or None

    def section(self, data, where):
        section = ParsedSection(heading=text_of(data, "heading", where), anchor=text_of(data, "anchor", where))
        for block_number, block in enumerate(list_of(data, "blocks", where, required=True), start=1):
            self.counter.add("blocks")
            section.blocks.append(self.block(block, f"{where}, block {block_number}"))
        return section

    def block(self, data, where):
        block_type = data.get("type") if isinstance(data, dict) else None
        if block_type == "paragraph":
            quotes = objects_of(data, "quotes", where)
            self.counter.add("quotes", len(quotes))
            return ParsedParagraph(
                text=text_of(data, "text", where, required=True),
                sources=self.sources(data, where),
                quotes=[
                    FoundQuote(
                        text=text_of(quote, "text", f"{where}, quote {number}", required=True),
                        speaker=self.source(quote, "speaker", f"{where}, quote {number}"),
                        source=self.source(quote, "source", f"{where}, quote {number}"),
                        cue=GIVEN_IN_THE_FILE,
                    )
                    for number, quote in enumerate(quotes, start=1)
                ],
            )
        if block_type == "figure":
            return self.figure(data, where)
        if block_type == "quote":
            self.counter.add("quotes")
            return ParsedPullQuote(
                text=text_of(data, "text", where, required=True),
                speaker=self.source(data, "speaker", where),
                source=self.source(data, "source", where),
                # Missing or null: the speaker and the outlet, as older exports have it.
                sources=None if data.get("sources") is None else self.sources(data, where),
            )
        raise ArticleImportError(f"{where}: “type” must be paragraph, figure or quote")

    def figure(self, data, where):
        parts = data.get("credit_parts")
        parts = {} if parts is None else parts
        if not isinstance(parts, dict):
            raise ArticleImportError(f"{where}: “credit_parts” must be an object or null")
        return ParsedFigure(
            caption=text_of(data, "caption", where),
            credit=text_of(data, "credit", where),
            credit_parts=CreditParts(
                **{key: text_of(parts, key, where) for key in ("source", "photographer", "distributor")}
            ),
            alt_text=text_of(data, "alt", where),
            image=text_of(data, "image", where) or None,
            sources=self.sources(data, where),
        )


def parse_json(text, require_body=True):
    """The article in `text`, checked like every import (see parsed.check_parsed_article).

    import_site reads articles without a body too (`require_body=False`)."""
    data = load(text)
    if found := first_control_character_in(data):
        pointer, match = found
        raise ArticleImportError(
            f"the text at “{strip_control_characters(pointer) or '/'}” contains an invisible control "
            f"character ({describe(match)}): remove it"
        )
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise ArticleImportError(f"the JSON is not an article: “schema” must be “{SCHEMA}”")
    article = JsonReader(data, require_body).article()
    check_parsed_article(article)
    return article
