"""Reading an article from plain text, the seed's format, into a `ParsedArticle`.

One block per line (how each line is told apart is in lines.py):
- the first line is the headline;
- a line "CAPTION - CREDIT" (the credit in capitals, possibly with "/" and "via") is a
  photo; the first one, right after the headline, is the lead figure;
- the first plain line after the headline and lead figure is the standfirst;
- indented numbered lines ("  1. Colaboración armamentística") are a printed table of
  contents: navigation, not body text;
- a short line without sentence-ending punctuation, followed by paragraphs, is a
  section heading; every other line is a paragraph, whose quotes are attributed
  (articles/attribution.py).

Parsing touches the database only to read the known sources; save.py writes the result.
"""

import re

from ..attribution import attribute_paragraph
from ..credits import split_credit
from ..models import Paragraph, Source
from ..source_index import SourceIndex, SourceRef
from .lines import DATELINE, TABLE_OF_CONTENTS_ENTRY, looks_like_heading, split_caption_and_credit, tidy_line
from .parsed import (
    MAXIMUM_LINES,
    ArticleImportError,
    BodyCounter,
    ParsedArticle,
    ParsedFigure,
    ParsedParagraph,
    ParsedSection,
    check_fields,
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
