"""An article as an import reads it, before anything is written, and the checks it must pass.

Both readers (plain text in text.py, `article.v1` JSON in article_v1.py) build a
`ParsedArticle` and call `check_parsed_article`, which runs the models' own field checks
(lengths, slugs, language codes) on every part and keeps the work one import asks of the
server bounded. `save_article` (save.py) then writes what has been checked, so an import either saves
everything or refuses with one line saying what is wrong, where.

The limits below are the only ones; README.md ("Importing and exporting articles") lists them.
"""

from dataclasses import asdict, dataclass, field

from django.core.exceptions import ValidationError

from ..credits import CreditParts
from ..models import Article, Figure, LeadFigure, Paragraph, PullQuote, Quote, Section, Source
from ..source_index import SourceRef
from ..topics import shown_name, validate_topic_name

# A long article is a few hundred kilobytes and lines; these are several times that, and small
# enough that reading, attributing and saving the largest accepted file takes seconds.
MAXIMUM_FILE_BYTES = 2 * 1024 * 1024
MAXIMUM_LINES = 10_000
MAXIMUM_SECTIONS = 200
MAXIMUM_BLOCKS = 2_000
MAXIMUM_QUOTES = 2_000
MAXIMUM_TAGS = 50
MAXIMUM_SOURCES = 500
# article.v1 nests seven levels deep (article → sections → section → blocks → block → quotes → quote).
MAXIMUM_JSON_DEPTH = 20
# article.v1 has no numbers at all; a long one is refused before Python converts it.
MAXIMUM_INTEGER_DIGITS = 20


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
    quotes: list = field(default_factory=list)  # FoundQuote


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
            for part, text in asdict(figure.credit_parts).items():
                yield where, f"credit_parts.{part}", text
            refs += [(where, ref) for ref in figure.sources]
        for where, ref in refs:
            if ref is not None:
                yield where, "source", ref.name


def shorten(name, length=40):
    """A name short enough to quote in a one-line error."""
    return name if len(name) <= length else name[: length - 1] + "…"


def file_too_large(size):
    megabytes = MAXIMUM_FILE_BYTES / 1024 / 1024
    return ArticleImportError(
        f"the file is {size / 1024 / 1024:.1f} MB, more than the {megabytes:g} MB accepted; an article is much smaller"
    )


def over_limit(what, count, limit):
    """The error for `count` of `what` ("blocks") when at most `limit` are accepted."""
    return ArticleImportError(f"the article has more than {limit:,} {what} ({count:,}); split it or shorten it")


class BodyCounter:
    """Counts sections, blocks and quotes as a reader finds them, and stops it at the first too many."""

    def __init__(self):
        self.counts = {"sections": 0, "blocks": 0, "quotes": 0}
        self.limits = {"sections": MAXIMUM_SECTIONS, "blocks": MAXIMUM_BLOCKS, "quotes": MAXIMUM_QUOTES}

    def add(self, what, count=1):
        self.counts[what] += count
        if self.counts[what] > self.limits[what]:
            raise over_limit(what, self.counts[what], self.limits[what])


def check_fields(model, values, where):
    """Run `model`'s own checks on `values` (lengths, slugs, codes) without saving anything.

    The error reads as saving's would ("headline: Ensure…"), after where it is for anything but
    the article itself ("section 2: heading: Ensure…")."""
    try:
        model(**values).clean_fields(exclude=[f.name for f in model._meta.fields if f.name not in values])
    except ValidationError as error:
        name, messages = next(iter(error.message_dict.items()))
        place = "" if where == "article" else f"{where}: "
        raise ArticleImportError(f"{place}{name}: {' '.join(messages)}") from None


def check_tags(tags):
    if len(tags) > MAXIMUM_TAGS:
        raise over_limit("topics", len(tags), MAXIMUM_TAGS)
    for name in tags:
        if not name.strip():
            raise ArticleImportError("a topic has no name")
        try:
            validate_topic_name(name)
        except ValidationError as error:
            raise ArticleImportError(f"the topic “{shown_name(name)}”: {' '.join(error.messages)}") from None


def check_parsed_article(parsed):
    """Refuse, with where and why, anything in `parsed` the models would not store."""
    values = {
        "headline": parsed.headline,
        "standfirst": parsed.standfirst,
        "language": parsed.language,
        "byline": parsed.byline,
        "status": parsed.status,
        "correction_note": parsed.correction_note,
    }
    if parsed.slug:
        values["slug"] = parsed.slug
    check_fields(Article, values, "article")
    check_tags(parsed.tags)
    sources = set()
    if parsed.lead_figure:
        check_figure(LeadFigure, parsed.lead_figure, "lead figure", sources)
    anchors = {}
    for section_number, section in enumerate(parsed.sections, start=1):
        where = f"section {section_number}"
        check_fields(Section, {"heading": section.heading, "anchor": section.anchor}, where)
        if section.anchor in anchors:
            raise ArticleImportError(
                f"{where}: the anchor “{section.anchor}” is already the anchor of section {anchors[section.anchor]}"
            )
        if section.anchor:
            anchors[section.anchor] = section_number
        for block_number, block in enumerate(section.blocks, start=1):
            check_block(block, f"{where}, block {block_number}", sources)
    if len(sources) > MAXIMUM_SOURCES:
        raise over_limit("sources", len(sources), MAXIMUM_SOURCES)


def check_block(block, where, sources):
    if isinstance(block, ParsedFigure):
        check_figure(Figure, block, where, sources)
    elif isinstance(block, ParsedParagraph):
        check_fields(Paragraph, {"text": block.text}, where)
        check_sources(block.sources, where, sources)
        for quote in block.quotes:
            check_fields(Quote, {"text": quote.text}, f"{where}, quote")
            check_sources([quote.speaker, quote.source], where, sources)
    else:
        check_fields(PullQuote, {"text": block.text}, where)
        check_sources([block.speaker, block.source, *(block.sources or [])], where, sources)


def check_figure(model, figure, where, sources):
    parts = figure.credit_parts
    values = {
        "caption": figure.caption,
        "credit": figure.credit,
        "credit_source": parts.source,
        "credit_photographer": parts.photographer,
        "credit_distributor": parts.distributor,
        "alt_text": figure.alt_text,
    }
    check_fields(model, values, where)
    check_sources(figure.sources, where, sources)


def check_sources(refs, where, sources):
    for ref in refs:
        if ref is not None and ref.name not in sources:
            check_fields(Source, {"name": ref.name}, f"{where}: source “{shorten(ref.name)}”")
            sources.add(ref.name)
