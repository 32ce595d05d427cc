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

import re
import unicodedata
from pathlib import Path
from urllib.parse import unquote

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.text import slugify

from . import publishing
from .article_json import parse_json
from .attribution import attribute_paragraph
from .counts import counted_once
from .credits import split_credit
from .models import Article, LeadFigure, Paragraph, PullQuote, Quote, Section, Source
from .models import Figure as FigureBlock
from .parsed_article import (
    MAXIMUM_FILE_BYTES,
    MAXIMUM_LINES,
    ArticleImportError,
    BodyCounter,
    ParsedArticle,
    ParsedFigure,
    ParsedParagraph,
    ParsedSection,
    check_fields,
    check_parsed_article,
    check_tags,
    file_too_large,
)
from .plain_text_lines import (
    DATELINE,
    TABLE_OF_CONTENTS_ENTRY,
    looks_like_heading,
    split_caption_and_credit,
    tidy_line,
)
from .source_index import SourceIndex, SourceRef
from .text import find_control_character

MAXIMUM_SLUG_LENGTH = 100

# Characters text copied from the web carries that a reader never meant.
SPACE_LIKE = {"\u00a0": " ", "\u202f": " ", "\u2007": " ", "\u2009": " ", "\u200a": " ", "\u3000": " ", "\t": " "}
INVISIBLE = {"\ufeff", "\u200b", "\u200c", "\u200d", "\u2060", "\u00ad"}
CLEAN_UP = str.maketrans({**SPACE_LIKE, **dict.fromkeys(INVISIBLE)})


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
    text = text.translate(CLEAN_UP)
    if match := find_control_character(text):
        line = text.count("\n", 0, match.start()) + 1
        raise ArticleImportError(
            f"line {line} contains an invisible control character (U+{ord(match.group()):04X}): remove it"
        )
    return text


# --- Plain text -----------------------------------------------------------------------------------


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
    if len(raw_lines) > MAXIMUM_LINES:
        raise ArticleImportError(
            f"the file has more than {MAXIMUM_LINES:,} lines ({len(raw_lines):,}); an article has far fewer"
        )
    lines = []  # (tidied line, is a table-of-contents entry, line number)
    for number, raw_line in enumerate(raw_lines, start=1):
        tidied = tidy_line(raw_line)
        if tidied:
            lines.append((tidied, bool(TABLE_OF_CONTENTS_ENTRY.match(raw_line)), number))
    if not lines:
        raise ArticleImportError("the file has no text")
    headline, headline_is_toc, _ = lines[0]
    if headline_is_toc or split_caption_and_credit(headline):
        raise ArticleImportError("the first line must be the headline")
    article = ParsedArticle(headline=headline)
    rest = lines[1:]
    if rest and not rest[0][1] and (caption := split_caption_and_credit(rest[0][0])):
        article.lead_figure = figure_from_line(*caption, index)
        rest = rest[1:]
    body = [(line, number) for line, is_toc, number in rest if not is_toc]
    contents = {TABLE_OF_CONTENTS_ENTRY.match(" " + line).group(1) for line, is_toc, _ in rest if is_toc}
    if body and not split_caption_and_credit(body[0][0]):
        article.standfirst = body.pop(0)[0]
    if not body:
        raise ArticleImportError("the article has a headline but no body text")
    article.language = guess_language(" ".join([headline, article.standfirst, *(line for line, _ in body)]))

    counter = BodyCounter()
    is_first_paragraph = True
    section = ParsedSection()
    article.sections.append(section)
    for position, (line, number) in enumerate(body):
        next_line = body[position + 1][0] if position + 1 < len(body) else None
        if looks_like_heading(line, next_line, contents):
            counter.add("sections")
            section = ParsedSection(heading=line)
            article.sections.append(section)
            continue
        counter.add("blocks")
        if caption := split_caption_and_credit(line):
            section.blocks.append(figure_from_line(*caption, index))
        else:
            text = plain_text_to_markdown(line)
            # Checked before attribution, whose work grows with the paragraph's length.
            check_fields(Paragraph, {"text": text}, f"line {number}")
            found = attribute_paragraph(line, index)
            if is_first_paragraph and (dateline := DATELINE.match(line)):
                agency = dateline.group("agency").strip()
                filed_by = index.lookup(agency) or SourceRef(agency, Source.Kind.NEWS_AGENCY)
                found.sources = list(dict.fromkeys([filed_by, *found.sources]))
            is_first_paragraph = False
            counter.add("quotes", len(found.quotes))
            section.blocks.append(ParsedParagraph(text, found.sources, found.quotes))
    if not article.sections[0].blocks:
        article.sections.pop(0)
    if not any(isinstance(block, ParsedParagraph) for section in article.sections for block in section.blocks):
        raise ArticleImportError("the article has a headline but no paragraphs")
    return article


# --- Saving ---------------------------------------------------------------------------------------


def parse_article_bytes(data, index=None):
    """The article in `data`, checked field by field against the models, or ArticleImportError."""
    if len(data) > MAXIMUM_FILE_BYTES:
        raise file_too_large(len(data))
    text = decode_text(data)
    if text.lstrip().startswith("{"):
        return parse_json(text)  # checked there, for import_site reads JSON too
    parsed = parse_plain_text(text, index)
    check_parsed_article(parsed)
    return parsed


def read_article_file(path, index=None):
    path = Path(path)
    if not path.exists():
        raise ArticleImportError(f"no such file: {path}")
    if not path.is_file():
        raise ArticleImportError(f"not a file: {path}")
    try:
        # The size is checked before reading, so a huge file costs nothing.
        if path.stat().st_size > MAXIMUM_FILE_BYTES:
            raise file_too_large(path.stat().st_size)
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
    check_tags(tags)
    try:
        with transaction.atomic(), counted_once():
            article = save_article_row(parsed, slug, replace)
            article.tags.set(tags)
            resolve = SourceResolver()
            if parsed.lead_figure:
                lead = LeadFigure.objects.create(article=article, **figure_fields(parsed.lead_figure))
                lead.sources.set(resolve.many(parsed.lead_figure.sources))
            for section, parsed_section in zip(save_sections(article, parsed.sections), parsed.sections, strict=True):
                for block_position, parsed_block in enumerate(parsed_section.blocks, start=1):
                    save_block(section, block_position, parsed_block, resolve)
            if publish:
                try:
                    publishing.publish(article)
                except publishing.CannotPublish as refusal:
                    raise ArticleImportError(refusal.message.rstrip(".")) from None
    except IntegrityError:
        # Everything was checked beforehand; only another import saved at the same moment gets here.
        raise ArticleImportError(
            "another import saved the same article or source at the same moment; try again"
        ) from None
    return article


def save_article_row(parsed, slug, replace):
    existing = Article.objects.filter(slug=slug).first()
    if existing and not replace:
        raise ArticleImportError(f"an article with the slug “{slug}” already exists (use --replace to overwrite it)")
    if existing:
        existing.delete()
    published_at = parse_datetime(parsed.published_at) if parsed.published_at else None
    if published_at and timezone.is_naive(published_at):
        published_at = timezone.make_aware(published_at)
    article = Article(
        headline=parsed.headline,
        slug=slug,
        standfirst=parsed.standfirst,
        language=parsed.language,
        byline=parsed.byline,
        status=parsed.status,
        published_at=published_at,
        correction_note=parsed.correction_note,
    )
    if article.status == Article.Status.PUBLISHED:
        publishing.set_published(article)
    try:
        article.full_clean()
    except ValidationError as error:
        raise ArticleImportError(
            "; ".join(f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items())
        ) from None
    article.save()
    return article


def save_sections(article, parsed_sections):
    """The article's sections, in order. Those with an anchor are saved first, so that the anchors
    made from headings for the others step around them instead of taking them."""
    sections = [
        Section(article=article, position=position, heading=parsed.heading, anchor=parsed.anchor)
        for position, parsed in enumerate(parsed_sections, start=1)
    ]
    for section in sorted(sections, key=lambda section: not section.anchor):
        section.save()
    return sections


def save_block(section, position, parsed_block, resolve):
    if isinstance(parsed_block, ParsedParagraph):
        paragraph = Paragraph.objects.create(section=section, position=position, text=parsed_block.text)
        paragraph.sources.set(resolve.many(parsed_block.sources))
        Quote.objects.bulk_create(
            Quote(
                paragraph=paragraph,
                position=quote_position,
                text=found.text,
                speaker=resolve(found.speaker),
                source=resolve(found.source),
            )
            for quote_position, found in enumerate(parsed_block.quotes, start=1)
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
