"""Reading an article from plain text (the seed's format) or from `article.v1` JSON.

Plain text, one block per line:
- the first line is the headline;
- a line "CAPTION - CREDIT" (the credit in capitals, possibly with "/" and "via") is a
  photo; the first one, right after the headline, is the lead figure;
- the first plain line after the headline and lead figure is the standfirst;
- indented numbered lines ("  1. Colaboración armamentística") are a printed table of
  contents: navigation, not body text;
- a short line without sentence-ending punctuation, followed by paragraphs, is a
  section heading; every other line is a paragraph.

Parsing builds a `ParsedArticle` without touching the database; `save_article` writes
it in one transaction, so bad input never leaves half an article behind.
"""

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.dateparse import parse_datetime
from django.utils.text import slugify

from .attribution import FoundQuote, attribute_paragraph
from .credits import CreditParts, split_credit
from .exporter import SCHEMA
from .models import Article, LeadFigure, Paragraph, PullQuote, Quote, Section, Source
from .models import Figure as FigureBlock
from .source_index import SourceIndex, SourceRef
from .text import describe, find_control_character, first_control_character_in, strip_control_characters
from .topics import shown_name, validate_topic_name

MAXIMUM_HEADING_LENGTH = 120
MAXIMUM_HEADING_WORDS = 16
MAXIMUM_SLUG_LENGTH = 100
SENTENCE_ENDINGS = tuple(".!?…:;,")
TABLE_OF_CONTENTS_ENTRY = re.compile(r"^\s+\d{1,2}[.)]\s+(\S.*)$")
# "caption - CREDIT": the credit after the last " - " has no lowercase letter except in "via".
CAPTION_WITH_CREDIT = re.compile(r"^(?P<caption>.*\S)\s+[-–—]\s+(?P<credit>[^\s-].*)$")
CREDIT_WORD = re.compile(r"^(?:via|vía|[^a-zà-ÿ]+)$")

# Characters text copied from the web carries that a reader never meant.
SPACE_LIKE = {"\u00a0": " ", "\u202f": " ", "\u2007": " ", "\u2009": " ", "\u200a": " ", "\u3000": " ", "\t": " "}
INVISIBLE = {"\ufeff", "\u200b", "\u200c", "\u200d", "\u2060", "\u00ad"}


class ArticleImportError(ValueError):
    """Input that cannot become an article; the message is one line for the person importing."""


@dataclass
class ParsedFigure:
    caption: str = ""
    credit: str = ""
    credit_parts: CreditParts = field(default_factory=CreditParts)
    alt_text: str = ""
    image: str | None = None
    sources: list[SourceRef] = field(default_factory=list)


@dataclass
class ParsedParagraph:
    text: str
    sources: list[SourceRef] = field(default_factory=list)
    quotes: list[FoundQuote] = field(default_factory=list)


@dataclass
class ParsedPullQuote:
    text: str
    speaker: SourceRef | None = None
    source: SourceRef | None = None
    # None: the speaker and the outlet, as the plain-text importer and older exports have it.
    sources: list[SourceRef] | None = None


@dataclass
class ParsedSection:
    heading: str = ""
    anchor: str = ""
    blocks: list = field(default_factory=list)


@dataclass
class ParsedArticle:
    headline: str
    standfirst: str = ""
    language: str = "es"
    slug: str = ""
    byline: str = ""
    status: str = Article.Status.DRAFT
    published_at: str | None = None
    correction_note: str = ""
    tags: list[str] = field(default_factory=list)
    lead_figure: ParsedFigure | None = None
    sections: list[ParsedSection] = field(default_factory=list)

    def quotes(self):
        for section in self.sections:
            for block in section.blocks:
                if isinstance(block, ParsedParagraph):
                    yield from block.quotes
                elif isinstance(block, ParsedPullQuote):
                    yield block

    def one_line_texts(self):
        """(where, what, text) for every text that must be one line: headline, byline, headings,
        credits, alt texts and the names of sources (topics are checked as topics)."""
        yield "article", "headline", self.headline
        yield "article", "byline", self.byline
        figures = [("lead figure", self.lead_figure)] if self.lead_figure else []
        refs = []
        for number, section in enumerate(self.sections, start=1):
            yield f"section {number}", "heading", section.heading
            for block_number, block in enumerate(section.blocks, start=1):
                where = f"section {number}, block {block_number}"
                if isinstance(block, ParsedFigure):
                    figures.append((where, block))
                elif isinstance(block, ParsedParagraph):
                    refs += [(where, ref) for ref in block.sources]
                    refs += [(where, ref) for quote in block.quotes for ref in (quote.speaker, quote.source)]
                else:
                    refs += [(where, block.speaker), (where, block.source)]
        for where, figure in figures:
            yield where, "credit", figure.credit
            yield where, "alt", figure.alt_text
            for part, text in figure.credit_parts.as_dict().items():
                yield where, f"credit_parts.{part}", text
            refs += [(where, ref) for ref in figure.sources]
        for where, ref in refs:
            if ref is not None:
                yield where, "source", ref.name


# --- Reading bytes --------------------------------------------------------------------------------


def decode_text(data):
    """Bytes to clean text: UTF-8 (with or without BOM), Unix line ends, ordinary spaces."""
    if not data.strip():
        raise ArticleImportError("the file is empty")
    if b"\x00" in data:
        raise ArticleImportError("the file is binary, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ArticleImportError(f"the file is not UTF-8 text (bad byte at position {error.start})") from None
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = "".join(SPACE_LIKE.get(character, character) for character in text if character not in INVISIBLE)
    if match := find_control_character(text):
        line = text.count("\n", 0, match.start()) + 1
        raise ArticleImportError(
            f"line {line} contains an invisible control character (U+{ord(match.group()):04X}): remove it"
        )
    return text


def tidy_line(line):
    return " ".join(line.split())


# --- Plain text -----------------------------------------------------------------------------------


def split_caption_and_credit(line):
    """("caption", "CREDIT") for a photo line, or None for any other line."""
    match = CAPTION_WITH_CREDIT.match(line)
    if not match:
        return None
    credit = tidy_line(match.group("credit"))
    credit_words = credit.replace("/", " / ").split()
    letters = [character for character in credit if character.isalpha()]
    if len(letters) < 2 or not all(CREDIT_WORD.match(word) for word in credit_words):
        return None
    return tidy_line(match.group("caption")), credit


def looks_like_heading(line, next_line):
    if next_line is None or split_caption_and_credit(line):
        return False
    if len(line) > MAXIMUM_HEADING_LENGTH or len(line.split()) > MAXIMUM_HEADING_WORDS:
        return False
    if line.endswith(SENTENCE_ENDINGS) or line.rstrip("”»\"'").endswith(SENTENCE_ENDINGS):
        return False
    if not (line[0].isupper() or line[0].isdigit() or line[0] in '¿¡«“"'):
        return False
    # A heading introduces paragraphs: the next line must be body text, not another short line or a photo.
    return not split_caption_and_credit(next_line) and (
        next_line.endswith(SENTENCE_ENDINGS) or len(next_line) > MAXIMUM_HEADING_LENGTH
    )


def plain_text_to_markdown(line):
    """Plain prose stored as Markdown: characters Markdown would interpret are escaped."""
    escaped = re.sub(r"([\\`*_\[\]<>])", r"\\\1", line)
    return re.sub(
        r"^(\d+)([.)]\s)|^([#+\-]\s)",
        lambda match: (match.group(1) or "") + "\\" + (match.group(2) or match.group(3)),
        escaped,
    )


def guess_language(text):
    spanish = len(re.findall(r"\b(?:el|la|los|las|de|del|que|y|en|por|para|con|una|según)\b", text, re.IGNORECASE))
    english = len(re.findall(r"\b(?:the|of|and|to|in|that|with|for|said|was|is|by|according)\b", text, re.IGNORECASE))
    return "en" if english > spanish else "es"


def figure_from_line(caption, credit, index):
    parts = split_credit(credit, is_known_source=lambda name: index.lookup(name) is not None)
    sources = []
    for name in (parts.source, parts.distributor):
        if name:
            sources.append(index.lookup(name) or SourceRef(name, Source.Kind.OTHER))
    return ParsedFigure(caption=caption, credit=credit, credit_parts=parts, sources=list(dict.fromkeys(sources)))


def parse_plain_text(text, index=None):
    index = index or SourceIndex.from_database()
    raw_lines = text.split("\n")
    lines = []  # (tidied line, is a table-of-contents entry)
    for raw_line in raw_lines:
        tidied = tidy_line(raw_line)
        if tidied:
            lines.append((tidied, bool(TABLE_OF_CONTENTS_ENTRY.match(raw_line))))
    if not lines:
        raise ArticleImportError("the file has no text")
    headline, headline_is_toc = lines[0]
    if headline_is_toc or split_caption_and_credit(headline):
        raise ArticleImportError("the first line must be the headline")
    article = ParsedArticle(headline=headline)
    rest = lines[1:]
    if rest and not rest[0][1] and (caption := split_caption_and_credit(rest[0][0])):
        article.lead_figure = figure_from_line(*caption, index)
        rest = rest[1:]
    body = [line for line, is_toc in rest if not is_toc]
    if body and not split_caption_and_credit(body[0]):
        article.standfirst = body.pop(0)
    if not body:
        raise ArticleImportError("the article has a headline but no body text")
    article.language = guess_language(" ".join([headline, article.standfirst, *body]))

    section = ParsedSection()
    article.sections.append(section)
    for position, line in enumerate(body):
        next_line = body[position + 1] if position + 1 < len(body) else None
        if caption := split_caption_and_credit(line):
            section.blocks.append(figure_from_line(*caption, index))
        elif looks_like_heading(line, next_line):
            section = ParsedSection(heading=line)
            article.sections.append(section)
        else:
            found = attribute_paragraph(line, index)
            section.blocks.append(ParsedParagraph(plain_text_to_markdown(line), found.sources, found.quotes))
    if not article.sections[0].blocks:
        article.sections.pop(0)
    if not any(isinstance(block, ParsedParagraph) for section in article.sections for block in section.blocks):
        raise ArticleImportError("the article has a headline but no paragraphs")
    return article


# --- article.v1 JSON ------------------------------------------------------------------------------


def require(mapping, key, kind, where):
    value = mapping.get(key)
    if not isinstance(value, kind):
        expected = {str: "text", list: "a list", dict: "an object"}.get(kind, kind.__name__)
        raise ArticleImportError(f"{where}: “{key}” must be {expected}")
    return value


def optional_text(mapping, key, where):
    value = mapping.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ArticleImportError(f"{where}: “{key}” must be text or null")
    return value


def parse_json(text, require_body=True):
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ArticleImportError(f"invalid JSON at line {error.lineno}, column {error.colno}: {error.msg}") from None
    if found := first_control_character_in(data):
        pointer, match = found
        raise ArticleImportError(
            f"the text at “{strip_control_characters(pointer) or '/'}” contains an invisible control "
            f"character ({describe(match)}): remove it"
        )
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise ArticleImportError(f"the JSON is not an article: “schema” must be “{SCHEMA}”")
    kinds = {}
    for source in data.get("sources") or []:
        if isinstance(source, dict) and isinstance(source.get("name"), str):
            kinds[source["name"]] = (
                source.get("kind") if source.get("kind") in Source.Kind.values else Source.Kind.OTHER
            )

    def source_ref(name, where):
        if name is None:
            return None
        if not isinstance(name, str) or not name.strip():
            raise ArticleImportError(f"{where}: a source must be a name or null")
        return SourceRef(name.strip(), kinds.get(name, Source.Kind.OTHER))

    def figure(value, where):
        parts = value.get("credit_parts") or {}
        if not isinstance(parts, dict):
            raise ArticleImportError(f"{where}: “credit_parts” must be an object")
        return ParsedFigure(
            caption=optional_text(value, "caption", where),
            credit=optional_text(value, "credit", where),
            credit_parts=CreditParts(
                **{key: optional_text(parts, key, where) for key in ("source", "photographer", "distributor")}
            ),
            alt_text=optional_text(value, "alt", where),
            image=value.get("image") if isinstance(value.get("image"), str) else None,
            sources=[source_ref(name, where) for name in value.get("sources") or []],
        )

    headline = require(data, "headline", str, "article").strip()
    if not headline:
        raise ArticleImportError("the article has no headline")
    tags = data.get("tags") or []
    if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
        raise ArticleImportError("article: “tags” must be a list of names")
    article = ParsedArticle(
        headline=headline,
        standfirst=optional_text(data, "standfirst", "article"),
        language=optional_text(data, "language", "article") or "es",
        slug=optional_text(data, "slug", "article"),
        byline=optional_text(data, "byline", "article"),
        status=data.get("status") if data.get("status") in Article.Status.values else Article.Status.DRAFT,
        published_at=data.get("published_at") if isinstance(data.get("published_at"), str) else None,
        correction_note=optional_text(data, "correction_note", "article"),
        tags=tags,
    )
    if isinstance(data.get("lead_figure"), dict):
        article.lead_figure = figure(data["lead_figure"], "lead figure")
    for section_number, section_data in enumerate(require(data, "sections", list, "article"), start=1):
        where = f"section {section_number}"
        if not isinstance(section_data, dict):
            raise ArticleImportError(f"{where} must be an object")
        section = ParsedSection(
            heading=optional_text(section_data, "heading", where), anchor=optional_text(section_data, "anchor", where)
        )
        for block_number, block in enumerate(require(section_data, "blocks", list, where), start=1):
            block_where = f"{where}, block {block_number}"
            block_type = block.get("type") if isinstance(block, dict) else None
            if block_type == "paragraph":
                quotes = [
                    FoundQuote(
                        text=require(quote, "text", str, block_where),
                        speaker=source_ref(quote.get("speaker"), block_where),
                        source=source_ref(quote.get("source"), block_where),
                    )
                    for quote in block.get("quotes") or []
                ]
                section.blocks.append(
                    ParsedParagraph(
                        text=require(block, "text", str, block_where),
                        sources=[source_ref(name, block_where) for name in block.get("sources") or []],
                        quotes=quotes,
                    )
                )
            elif block_type == "figure":
                section.blocks.append(figure(block, block_where))
            elif block_type == "quote":
                section.blocks.append(
                    ParsedPullQuote(
                        text=require(block, "text", str, block_where),
                        speaker=source_ref(block.get("speaker"), block_where),
                        source=source_ref(block.get("source"), block_where),
                        sources=(
                            [source_ref(name, block_where) for name in require(block, "sources", list, block_where)]
                            if "sources" in block
                            else None
                        ),
                    )
                )
            else:
                raise ArticleImportError(f"{block_where}: “type” must be paragraph, figure or quote")
        article.sections.append(section)
    if require_body and not any(section.blocks for section in article.sections):
        raise ArticleImportError("the article has no body")
    for where, what, text in article.one_line_texts():
        if match := find_control_character(text, one_line=True):
            raise ArticleImportError(f"{where}: “{what}” is one line: remove the line break or tab ({describe(match)})")
    check_topic_names(article.tags)
    return article


def check_topic_names(names):
    for name in names:
        try:
            validate_topic_name(name)
        except ValidationError as error:
            raise ArticleImportError(f"the topic “{shown_name(name)}”: {' '.join(error.messages)}") from None


# --- Saving ---------------------------------------------------------------------------------------


def parse_article_bytes(data, index=None):
    text = decode_text(data)
    if text.lstrip().startswith("{"):
        return parse_json(text)
    return parse_plain_text(text, index)


def read_article_file(path, index=None):
    path = Path(path)
    if not path.exists():
        raise ArticleImportError(f"no such file: {path}")
    if not path.is_file():
        raise ArticleImportError(f"not a file: {path}")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ArticleImportError(f"cannot read {path}: {error.strerror}") from None
    return parse_article_bytes(data, index)


def slug_for(headline):
    slug = slugify(headline)
    if len(slug) > MAXIMUM_SLUG_LENGTH:
        slug = slug[:MAXIMUM_SLUG_LENGTH].rsplit("-", 1)[0]
    if not slug:
        raise ArticleImportError("the headline gives no usable slug; pass one with --slug")
    return slug


class SourceResolver:
    """SourceRef → Source row: an existing one by name, or a new one created on first use."""

    def __init__(self):
        self.rows = {}

    def __call__(self, ref):
        if ref is None:
            return None
        if ref.name not in self.rows:
            # The exact name first: two sources may differ only in capitals.
            source = (
                Source.objects.filter(name=ref.name).first() or Source.objects.filter(name__iexact=ref.name).first()
            )
            if source is None:
                source = Source(name=ref.name[:200], kind=ref.kind, slug=self.unique_slug(ref.name))
                try:
                    source.full_clean()
                except ValidationError as error:
                    raise ArticleImportError(f"the source “{ref.name[:60]}”: {' '.join(error.messages)}") from None
                source.save()
            self.rows[ref.name] = source
        return self.rows[ref.name]

    def many(self, refs):
        return list(dict.fromkeys(self(ref) for ref in refs if ref is not None))

    @staticmethod
    def unique_slug(name):
        base = slugify(name)[:190] or "source"
        slug, counter = base, 2
        while Source.objects.filter(slug=slug).exists():
            slug, counter = f"{base}-{counter}", counter + 1
        return slug


def stored_image_name(url):
    """The stored file behind a /media/… URL from an export, when this site has that file."""
    if not url:
        return ""
    media_prefix = "/" + settings.MEDIA_URL.lstrip("/")
    # An export writes the URL the storage gives, with unusual characters %-quoted.
    name = unquote(url[len(media_prefix) :]) if url.startswith(media_prefix) else ""
    return name if name and default_storage.exists(name) else ""


def figure_fields(parsed):
    return {
        "image": stored_image_name(parsed.image),
        "caption": parsed.caption,
        "credit": parsed.credit,
        "credit_source": parsed.credit_parts.source,
        "credit_photographer": parsed.credit_parts.photographer,
        "credit_distributor": parsed.credit_parts.distributor,
        "alt_text": parsed.alt_text,
    }


def save_article(parsed, *, slug=None, publish=False, tags=None, replace=False):
    """Write a parsed article in one transaction; refuse an existing slug unless `replace`."""
    slug = slug or parsed.slug or slug_for(parsed.headline)
    tags = list(tags) if tags is not None else parsed.tags
    check_topic_names(tags)
    with transaction.atomic():
        existing = Article.objects.filter(slug=slug).first()
        if existing and not replace:
            raise ArticleImportError(
                f"an article with the slug “{slug}” already exists (use --replace to overwrite it)"
            )
        if existing:
            existing.delete()
        article = Article(
            headline=parsed.headline,
            slug=slug,
            standfirst=parsed.standfirst,
            language=parsed.language,
            byline=parsed.byline,
            status=parsed.status,
            published_at=parse_datetime(parsed.published_at) if parsed.published_at else None,
            correction_note=parsed.correction_note,
        )
        if publish:
            article.publish()
        elif article.status == Article.Status.PUBLISHED and article.published_at is None:
            article.publish()
        try:
            article.full_clean()
        except ValidationError as error:
            raise ArticleImportError(
                "; ".join(f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items())
            ) from None
        article.save()
        article.tags.set(tags)
        resolve = SourceResolver()
        if parsed.lead_figure:
            lead = LeadFigure.objects.create(article=article, **figure_fields(parsed.lead_figure))
            lead.sources.set(resolve.many(parsed.lead_figure.sources))
        for section_position, parsed_section in enumerate(parsed.sections, start=1):
            section = Section.objects.create(
                article=article, position=section_position, heading=parsed_section.heading, anchor=parsed_section.anchor
            )
            for block_position, parsed_block in enumerate(parsed_section.blocks, start=1):
                save_block(section, block_position, parsed_block, resolve)
    return article


def save_block(section, position, parsed_block, resolve):
    if isinstance(parsed_block, ParsedParagraph):
        paragraph = Paragraph.objects.create(section=section, position=position, text=parsed_block.text)
        paragraph.sources.set(resolve.many(parsed_block.sources))
        for quote_position, found in enumerate(parsed_block.quotes, start=1):
            Quote.objects.create(
                paragraph=paragraph,
                position=quote_position,
                text=found.text,
                speaker=resolve(found.speaker),
                source=resolve(found.source),
            )
    elif isinstance(parsed_block, ParsedFigure):
        figure = FigureBlock.objects.create(section=section, position=position, **figure_fields(parsed_block))
        figure.sources.set(resolve.many(parsed_block.sources))
    else:
        pull_quote = PullQuote.objects.create(
            section=section,
            position=position,
            text=parsed_block.text,
            speaker=resolve(parsed_block.speaker),
            source=resolve(parsed_block.source),
        )
        pull_quote.sources.set(
            pull_quote.cited_sources if parsed_block.sources is None else resolve.many(parsed_block.sources)
        )
