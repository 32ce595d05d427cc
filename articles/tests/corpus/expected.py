"""The corpus's expected files: their schema, and how they are checked against the article text.

`expected_problems(text, expected)` reads the plain text with the editor's own decisions
(which lines are headings and photos, which quoted spans are statements and which are
terms) and reports any disagreement: a heading that is not a line of the text, a paragraph
count that is off, a quoted span the expected file forgot, a speaker whose name the text
never gives. It does not use the importer, so it can judge it. See README.md here.
"""

import json
import re
import unicodedata
from pathlib import Path

CORPUS = Path(__file__).resolve().parent
SEED_TEXT = CORPUS.parents[1] / "seed" / "000_a09af1157bd9f9d3.txt"
SEED_EXPECTED = CORPUS / "seed" / "000_a09af1157bd9f9d3.expected.json"

KINDS = {
    "news_agency",
    "state_media",
    "government",
    "international_organisation",
    "social_media",
    "media",
    "person",
    "other",
}
# How the text attributes a statement (README.md lists them with examples).
SPEAKER_CUES = {
    "verb-then-speaker",
    "apposition-before-name",
    "apposition-after-name",
    "speaker-then-verb",
    "speaker-verb-outlet",
    "colon",
    "earlier-in-paragraph",
    "previous-paragraph",
    "split",
    "short",
    "organisation",
    "anonymous",
}
OUTLET_CUES = {
    "según la agencia",
    "dijo a la agencia",
    "en declaraciones a",
    "a Radio",
    "a la cadena",
    "told the",
    "told (agency)",
    "in an interview with",
    "en su cuenta de",
    "in a post on",
    "en un mensaje en Telegram",
    "according to",
    "wrote on",
}
CUES = SPEAKER_CUES | {f"outlet: {cue}" for cue in OUTLET_CUES}
FEATURES = {
    "dateline",
    "toc-heading-question",
    "toc-heading-exclamation",
    "toc-heading-colon",
    "question-heading",
    "qa-interview",
    "nested-quotes",
    "surname-trap",
    "first-name-trap",
    "social-media-statement",
}
ARTICLE_KEYS = {
    "language",
    "headline",
    "lead_figure",
    "standfirst",
    "table_of_contents",
    "dateline",
    "dateline_source",
    "sections",
    "quotes",
    "terms",
    "features",
    "notes",
}
QUOTE_KEYS = {
    "paragraph",
    "text",
    "speaker",
    "speaker_kind",
    "speaker_aliases",
    "speaker_body",
    "outlet",
    "outlet_kind",
    "outlet_aliases",
    "cues",
}
FIGURE_KEYS = {"caption", "credit", "credit_parts"}
CREDIT_PART_KEYS = {"source", "photographer", "distributor"}
TABLE_OF_CONTENTS_ENTRY = re.compile(r"^\s+\d{1,2}[.)]\s+(\S.*)$")
# Opening mark → closing mark. A straight double quote closes itself.
QUOTE_MARKS = {"“": "”", "«": "»", '"': '"', "‘": "’"}
TOP_LEVEL_MARKS = {"“", "«", '"'}


def tidy(text):
    return " ".join(unicodedata.normalize("NFC", text).split())


def load(path):
    return json.loads(Path(path).read_text(encoding="utf-8"))


def corpus_texts():
    return sorted(CORPUS.glob("*.txt"))


def expected_path(text_path):
    return Path(text_path).with_suffix(".expected.json")


def quoted_spans(paragraph):
    """The words inside each outermost pair of quotation marks, in order.

    Marks nested inside another quotation (‘…’ in “…”, “…” in «…») belong to its words.
    An apostrophe (’) outside a quotation is a letter, not a closing mark."""
    spans, stack, start = [], [], 0
    for position, character in enumerate(paragraph):
        if stack and character == stack[-1]:
            stack.pop()
            if not stack:
                spans.append(paragraph[start:position])
        elif character in QUOTE_MARKS and (stack or character in TOP_LEVEL_MARKS):
            if character == "‘" and not stack:
                continue
            if not stack:
                start = position + 1
            stack.append(QUOTE_MARKS[character])
    return spans


def schema_problems(expected):
    """What makes `expected` not a valid expected file, as sentences; empty when valid."""
    problems = []

    def check(condition, message):
        if not condition:
            problems.append(message)

    if not isinstance(expected, dict):
        return ["the expected file must be a JSON object"]
    check(not set(expected) - ARTICLE_KEYS, f"unknown keys: {sorted(set(expected) - ARTICLE_KEYS)}")
    check(expected.get("language") in {"es", "en"}, "language must be es or en")
    for key in ("headline", "standfirst"):
        check(isinstance(expected.get(key), str) and expected[key].strip(), f"{key} must be non-empty text")
    if expected.get("lead_figure") is not None:
        problems += figure_problems(expected["lead_figure"], "lead_figure")
    check(isinstance(expected.get("table_of_contents", []), list), "table_of_contents must be a list of headings")
    if "dateline" in expected or "dateline_source" in expected:
        check(isinstance(expected.get("dateline"), str), "dateline must be the dateline's text")
        check(isinstance(expected.get("dateline_source"), str), "dateline_source must name the agency")
    sections = expected.get("sections")
    check(isinstance(sections, list) and sections, "sections must be a non-empty list")
    for number, section in enumerate(sections or [], start=1):
        where = f"section {number}"
        if not isinstance(section, dict):
            problems.append(f"{where} must be an object")
            continue
        check(not set(section) - {"heading", "paragraphs", "figures"}, f"{where}: unknown keys")
        heading = section.get("heading")
        check(heading is None or (isinstance(heading, str) and heading), f"{where}: heading must be text or null")
        check(heading is not None or number == 1, f"{where}: only the first section may be untitled")
        check(isinstance(section.get("paragraphs"), int) and section["paragraphs"] >= 0, f"{where}: paragraphs")
        for figure in section.get("figures", []):
            problems += figure_problems(figure, f"{where} figure")
    quotes = expected.get("quotes")
    check(isinstance(quotes, list), "quotes must be a list")
    for number, quote in enumerate(quotes or [], start=1):
        problems += quote_problems(quote, f"quote {number}")
    for term in expected.get("terms", []):
        check(
            isinstance(term, dict) and set(term) == {"paragraph", "text"} and isinstance(term["text"], str),
            f"term {term!r} must be {{paragraph, text}}",
        )
    check(not set(expected.get("features", [])) - FEATURES, f"unknown features: {expected.get('features')}")
    return problems


def figure_problems(figure, where):
    if not isinstance(figure, dict) or set(figure) != FIGURE_KEYS:
        return [f"{where} must have exactly {sorted(FIGURE_KEYS)}"]
    parts = figure["credit_parts"]
    if not isinstance(parts, dict) or set(parts) != CREDIT_PART_KEYS:
        return [f"{where}: credit_parts must have exactly {sorted(CREDIT_PART_KEYS)}"]
    if not all(isinstance(value, str) for value in [figure["caption"], figure["credit"], *parts.values()]):
        return [f"{where}: caption, credit and credit parts must be text"]
    return []


def quote_problems(quote, where):
    if not isinstance(quote, dict):
        return [f"{where} must be an object"]
    problems = []
    if set(quote) - QUOTE_KEYS:
        problems.append(f"{where}: unknown keys {sorted(set(quote) - QUOTE_KEYS)}")
    if not (isinstance(quote.get("paragraph"), int) and quote["paragraph"] >= 1):
        problems.append(f"{where}: paragraph must be a paragraph number")
    if not (isinstance(quote.get("text"), str) and quote["text"].strip()):
        problems.append(f"{where}: text must be the quoted words")
    for role in ("speaker", "outlet"):
        name, kind = quote.get(role), quote.get(f"{role}_kind")
        if name is None and kind is not None:
            problems.append(f"{where}: {role}_kind without a {role}")
        if name is not None and not (isinstance(name, str) and name.strip() and kind in KINDS):
            problems.append(f"{where}: {role} must be a name with a {role}_kind")
        if not isinstance(quote.get(f"{role}_aliases", []), list):
            problems.append(f"{where}: {role}_aliases must be a list")
    if "speaker_body" in quote and (quote.get("speaker") is not None or not isinstance(quote["speaker_body"], str)):
        problems.append(f"{where}: speaker_body names the organisation when speaker is null")
    cues = quote.get("cues")
    if not (isinstance(cues, list) and cues and not set(cues) - CUES):
        problems.append(f"{where}: cues must be a non-empty list from the README's vocabulary, not {cues}")
    return problems


def read_layout(text, expected):
    """The article's lines sorted by the expected file's decisions.

    Returns (problems, paragraphs): paragraphs are the body paragraphs' texts in reading order."""
    problems = []
    lines = [(tidy(raw), TABLE_OF_CONTENTS_ENTRY.match(raw)) for raw in text.split("\n") if raw.strip()]
    if not lines:
        return ["the text is empty"], []
    if lines[0][0] != expected["headline"]:
        problems.append(f"headline differs from the first line: {lines[0][0]!r}")
    rest = lines[1:]
    lead = expected.get("lead_figure")
    if lead:
        if not rest or rest[0][0] != tidy(f"{lead['caption']} - {lead['credit']}"):
            problems.append("lead_figure is not the line after the headline")
        rest = rest[1:]
    entries = [toc.group(1).strip() for _, toc in rest if toc]
    if entries != expected.get("table_of_contents", []):
        problems.append(f"table_of_contents differs from the printed one: {entries}")
    body = [line for line, toc in rest if not toc]
    if not body or body[0] != expected["standfirst"]:
        problems.append(f"standfirst differs from the first plain line: {body[:1]}")
    body = body[1:]

    figure_lines = {}
    for number, section in enumerate(expected["sections"]):
        for figure in section.get("figures", []):
            figure_lines[tidy(f"{figure['caption']} - {figure['credit']}")] = (number, figure)
    headings = [section["heading"] for section in expected["sections"] if section["heading"] is not None]
    found_sections = [{"heading": None, "paragraphs": 0, "figures": []}]
    paragraphs = []
    for line in body:
        if headings and line == headings[0]:
            found_sections.append({"heading": headings.pop(0), "paragraphs": 0, "figures": []})
        elif line in figure_lines:
            found_sections[-1]["figures"].append(figure_lines[line][1])
        else:
            found_sections[-1]["paragraphs"] += 1
            paragraphs.append(line)
    if found_sections[0]["heading"] is None and not found_sections[0]["paragraphs"] + len(found_sections[0]["figures"]):
        found_sections.pop(0)
    if found_sections != [{"figures": [], **section} for section in expected["sections"]]:
        problems.append(
            "sections differ from the text: "
            + str([(section["heading"], section["paragraphs"], len(section["figures"])) for section in found_sections])
        )
    return problems, paragraphs


def expected_problems(text, expected, corpus_rules=True):
    """Every way `expected` is invalid or disagrees with `text`, as sentences; empty when right.

    `corpus_rules`: a named speaker is a person (organisations go in speaker_body). The seed's
    file keeps the attributions its own tests have always asked for, bodies included."""
    problems = schema_problems(expected)
    if problems:
        return problems
    if corpus_rules:
        problems += [
            f"quote {quote['text'][:30]!r}: a named speaker is a person; organisations go in speaker_body"
            for quote in expected["quotes"]
            if quote["speaker"] is not None and quote["speaker_kind"] != "person"
        ]
    layout_problems, paragraphs = read_layout(text, expected)
    problems += layout_problems
    if expected.get("dateline") and not (paragraphs and paragraphs[0].startswith(expected["dateline"])):
        problems.append("the first paragraph does not start with the dateline")
    if (
        expected.get("dateline_source")
        and expected["dateline_source"].casefold() not in expected["dateline"].casefold()
    ):
        problems.append("dateline_source is not named in the dateline")
    recorded = {}
    for kind in ("quotes", "terms"):
        for item in expected.get(kind, []):
            recorded.setdefault(item["paragraph"], []).append(item["text"])
    previous = (0, -1)
    for number, paragraph in enumerate(paragraphs, start=1):
        spans = quoted_spans(paragraph)
        if sorted(spans) != sorted(recorded.pop(number, [])):
            problems.append(f"paragraph {number}: quoted spans {spans} are not all recorded as quotes or terms")
    for number, texts in recorded.items():
        problems.append(f"paragraph {number} does not exist or does not quote {texts}")
    for quote in expected["quotes"]:
        place = (quote["paragraph"], position_in(paragraphs, quote))
        if place < previous:
            problems.append(f"quote {quote['text'][:30]!r} is out of reading order")
        previous = place
    whole_text = tidy(text)
    for quote in expected["quotes"]:
        for role in ("speaker", "speaker_body", "outlet"):
            names = [quote.get(role), *quote.get(f"{role}_aliases", [])] if quote.get(role) else []
            if role == "speaker":
                names = names[:1]  # the full name as the text gives it
            if names and not any(re.search(rf"(?<!\w){re.escape(name)}(?!\w)", whole_text) for name in names):
                problems.append(f"{role} {names[0]!r} (or an alias) is not named in the text")
    return problems


def position_in(paragraphs, quote):
    if quote["paragraph"] > len(paragraphs):
        return -1
    return paragraphs[quote["paragraph"] - 1].find(quote["text"])
