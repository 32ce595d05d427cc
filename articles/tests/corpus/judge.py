"""Scoring what the importer stored against what a careful editor records (README.md here).

Everything works on plain dictionaries: an *expected* file, and an *observed* article in
the same shape, read back from the database by `measure.observe`. Nothing here touches
the database, so the rules can be tested with hand-built results.
"""

import re
import unicodedata
from dataclasses import dataclass, field, fields

# Floors of issue 10, section 4, plus the checks the same issue asks for elsewhere.
QUOTES_FOUND_FLOOR = 0.95
SPEAKERS_RIGHT_FLOOR = 0.90
OUTLETS_RIGHT_FLOOR = 0.90

HONORIFICS = re.compile(
    r"^(?:(?:dr|dra|prof|professor|profesora?|doctora?|mr|mrs|ms|sr|sra|srta|don|doña|sir|dame|judge|juez|jueza|"
    r"mayor|alcalde|alcaldesa|sheriff|governor|gov|sen|rep|headteacher)\.?\s+)+"
)
LEADING_ARTICLE = re.compile(r"^(?:the|el|la|los|las)\s+")
MARKDOWN_ESCAPE = re.compile(r"\\([\\`*_\[\]<>#+\-.)])")


def fold(text):
    """Case, accents, apostrophes and spacing ignored."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).casefold().split())


def normalise_name(name):
    """“The Guardian” ~ “guardian”, “Dr. Hannah Okafor” ~ “hannah okafor”, “Méndez” ~ “mendez”."""
    name = fold(name).strip(" .,;:")
    return HONORIFICS.sub("", LEADING_ARTICLE.sub("", name))


def normalise_quote(text):
    """The quoted words without the punctuation English puts inside the marks."""
    return " ".join(unicodedata.normalize("NFC", text).split()).rstrip(" ,;:.")


def tidy(text):
    return " ".join((text or "").split())


def plain_text(markdown):
    """A paragraph as the importer stored it (Markdown-escaped) back to its plain text."""
    return MARKDOWN_ESCAPE.sub(r"\1", markdown)


def names_of(source):
    return {normalise_name(name) for name in [source["name"], *source.get("aliases", [])] if name}


def expected_names(quote, role):
    return {normalise_name(name) for name in [quote[role], *quote.get(f"{role}_aliases", [])]}


def is_the_body(source, body):
    """The organisation the text names as speaking, recorded as the speaker (“Ayuntamiento de …”)."""
    body = normalise_name(body)
    return any(re.search(rf"(?<!\w){re.escape(body)}(?!\w)", name) for name in names_of(source))


def short(text, length=40):
    text = tidy(text)
    return text if len(text) <= length else text[: length - 1] + "…"


@dataclass
class ArticleScore:
    name: str
    quotes_expected: int = 0
    quotes_found: int = 0
    speakers_named: int = 0
    speakers_right: int = 0
    outlets_named: int = 0
    outlets_right: int = 0
    wrong: list = field(default_factory=list)
    missed: list = field(default_factory=list)
    invented: list = field(default_factory=list)
    structure: list = field(default_factory=list)
    kinds: list = field(default_factory=list)
    order: list = field(default_factory=list)


@dataclass
class Totals:
    articles: int = 0
    structure_right: int = 0
    quotes_expected: int = 0
    quotes_found: int = 0
    speakers_named: int = 0
    speakers_right: int = 0
    outlets_named: int = 0
    outlets_right: int = 0
    wrong: int = 0
    missed: int = 0
    invented: int = 0
    structure: int = 0
    kinds: int = 0
    order: int = 0

    @classmethod
    def of(cls, scores):
        totals = cls(articles=len(scores), structure_right=sum(not score.structure for score in scores))
        for item in fields(cls):
            if item.name in {"articles", "structure_right"}:
                continue
            values = [getattr(score, item.name) for score in scores]
            setattr(totals, item.name, sum(len(value) if isinstance(value, list) else value for value in values))
        return totals

    def share(self, right, out_of):
        right, out_of = getattr(self, right), getattr(self, out_of)
        return right / out_of if out_of else 1.0


def judge_article(name, expected, observed):
    """An ArticleScore for one article; `observed` is None or {"error": …} when the import failed."""
    score = ArticleScore(name=name, quotes_expected=len(expected["quotes"]))
    if observed is None or "error" in observed:
        score.structure.append(f"import failed: {(observed or {}).get('error', 'no article')}")
        observed = {"quotes": []}
    else:
        score.structure = structure_faults(expected, observed)
    remaining = list(observed["quotes"])
    for quote in expected["quotes"]:
        found = matching_quote(quote, remaining)
        if found is not None:
            remaining.remove(found)
            score.quotes_found += 1
        judge_attribution(score, quote, found, "speaker")
        judge_attribution(score, quote, found, "outlet")
    for found in remaining:
        who = ", ".join(found[role]["name"] for role in ("speaker", "outlet") if found.get(role)) or "nobody"
        score.invented.append(
            f"p{found['paragraph']} “{short(found['text'])}” ({who}) is not a quote the editor records"
        )
    return score


def matching_quote(quote, candidates):
    """The observed quote with the same words, preferably in the same paragraph."""
    same_words = [found for found in candidates if normalise_quote(found["text"]) == normalise_quote(quote["text"])]
    same_place = [found for found in same_words if found["paragraph"] == quote["paragraph"]]
    return (same_place or same_words or [None])[0]


def judge_attribution(score, quote, found, role):
    """Right, missed or wrong, for the speaker or the outlet of one expected quote."""
    label = f"p{quote['paragraph']} “{short(quote['text'])}”"
    expected_name = quote[role]
    if expected_name is not None:
        setattr(score, f"{role}s_named", getattr(score, f"{role}s_named") + 1)
    if found is None:
        if expected_name is not None:
            score.missed.append(f"{label}: quote not found ({role} {expected_name})")
        return
    source = found.get(role)
    if source is None:
        if expected_name is not None:
            score.missed.append(f"{label}: {role} {expected_name} left empty")
        return
    if expected_name is not None and names_of(source) & expected_names(quote, role):
        setattr(score, f"{role}s_right", getattr(score, f"{role}s_right") + 1)
        if source.get("kind") != quote[f"{role}_kind"]:
            score.kinds.append(
                f"{label}: {role} {source['name']} is a {source.get('kind')}, not a {quote[f'{role}_kind']}"
            )
        return
    if (
        expected_name is None
        and role == "speaker"
        and quote.get("speaker_body")
        and is_the_body(source, quote["speaker_body"])
    ):
        return  # The organisation that spoke, named as the speaker: not a name the text does not give.
    score.wrong.append(f"{label}: {role} {source['name']} instead of {expected_name or 'nobody'}")


def figure_faults(where, expected, observed):
    if expected is None or observed is None:
        return [] if expected is observed else [f"{where}: {'missing' if observed is None else 'not a figure'}"]
    faults = []
    for key in ("caption", "credit"):
        if tidy(observed[key]) != tidy(expected[key]):
            faults.append(f"{where}: {key} {short(observed[key])!r} instead of {short(expected[key])!r}")
    parts = {key: fold(value) for key, value in observed["credit_parts"].items()}
    if parts != {key: fold(value) for key, value in expected["credit_parts"].items()}:
        faults.append(f"{where}: credit parts {observed['credit_parts']} instead of {expected['credit_parts']}")
    return faults


def structure_faults(expected, observed):
    """Headline, standfirst, lead figure, sections, paragraphs, figures and the dateline."""
    faults = []
    for key in ("headline", "standfirst"):
        if tidy(observed[key]) != tidy(expected[key]):
            faults.append(f"{key}: {short(observed[key], 60)!r} instead of {short(expected[key], 60)!r}")
    faults += figure_faults("lead figure", expected.get("lead_figure"), observed.get("lead_figure"))
    expected_sections, observed_sections = expected["sections"], observed["sections"]
    if [section["heading"] for section in observed_sections] != [section["heading"] for section in expected_sections]:
        faults.append(
            "section headings: "
            f"{[section['heading'] for section in observed_sections]} instead of "
            f"{[section['heading'] for section in expected_sections]}"
        )
    else:
        for number, (wanted, got) in enumerate(zip(expected_sections, observed_sections, strict=True), start=1):
            if got["paragraphs"] != wanted["paragraphs"]:
                faults.append(f"section {number}: {got['paragraphs']} paragraphs instead of {wanted['paragraphs']}")
            if got.get("other_blocks"):
                faults.append(f"section {number}: {got['other_blocks']} blocks that are neither paragraph nor figure")
            wanted_figures, got_figures = wanted.get("figures", []), got["figures"]
            if len(got_figures) != len(wanted_figures):
                faults.append(f"section {number}: {len(got_figures)} figures instead of {len(wanted_figures)}")
            for position, (want, have) in enumerate(zip(wanted_figures, got_figures, strict=False), start=1):
                faults += figure_faults(f"section {number} figure {position}", want, have)
    if expected.get("dateline"):
        first = observed.get("first_paragraph") or {"text": "", "sources": []}
        if not tidy(first["text"]).startswith(tidy(expected["dateline"])):
            faults.append(f"dateline: the first paragraph does not start with {expected['dateline']!r}")
        wanted = {normalise_name(expected["dateline_source"])}
        if not any(names_of(source) & wanted for source in first["sources"]):
            named = [source["name"] for source in first["sources"]]
            faults.append(f"dateline: {expected['dateline_source']} is not a source of the first paragraph ({named})")
    return faults


def attributions(observed):
    """What must not depend on import order: each quote's speaker and outlet, the first paragraph's sources."""
    if observed is None or "error" in observed:
        return {"error": (observed or {}).get("error")}
    return {
        "quotes": [
            (
                quote["paragraph"],
                quote["text"],
                quote["speaker"] and quote["speaker"]["name"],
                quote["outlet"] and quote["outlet"]["name"],
            )
            for quote in observed["quotes"]
        ],
        "first paragraph sources": sorted(
            source["name"] for source in (observed.get("first_paragraph") or {"sources": []})["sources"]
        ),
    }


def order_differences(forward, reverse):
    """Sentences naming what changed when the same article was imported in another order."""
    one, other = attributions(forward), attributions(reverse)
    if one == other:
        return []
    if "quotes" not in one or "quotes" not in other or len(one["quotes"]) != len(other["quotes"]):
        return [f"forward {summary(one)} / reverse {summary(other)}"]
    differences = [
        f"p{a[0]} “{short(a[1])}”: {a[2]}/{a[3]} forward, {b[2]}/{b[3]} reverse"
        for a, b in zip(one["quotes"], other["quotes"], strict=True)
        if a != b
    ]
    if one["first paragraph sources"] != other["first paragraph sources"]:
        differences.append(
            f"first paragraph sources {one['first paragraph sources']} forward, "
            f"{other['first paragraph sources']} reverse"
        )
    return differences


def summary(attribution):
    return attribution.get("error") or f"{len(attribution['quotes'])} quotes"


def floor_failures(scores, seed_score):
    """Why the corpus is below the floors of issue 10, as sentences; empty when it meets them."""
    totals = Totals.of(scores)
    failures = []
    for right, out_of, floor, what in (
        ("quotes_found", "quotes_expected", QUOTES_FOUND_FLOOR, "quotes found"),
        ("speakers_right", "speakers_named", SPEAKERS_RIGHT_FLOOR, "speakers right"),
        ("outlets_right", "outlets_named", OUTLETS_RIGHT_FLOOR, "outlets right"),
    ):
        if totals.share(right, out_of) < floor:
            failures.append(f"{what}: {totals.share(right, out_of):.1%} < {floor:.0%}")
    for count, what in (
        ("wrong", "wrong attributions"),
        ("invented", "terms or fragments taken for quotes"),
        ("order", "attributions that depend on import order"),
    ):
        if getattr(totals, count):
            failures.append(f"{what}: {getattr(totals, count)}, not 0")
    if totals.structure_right < totals.articles:
        failures.append(f"structure right on {totals.structure_right} of {totals.articles} articles")
    if seed_score is not None and (
        seed_score.quotes_found < seed_score.quotes_expected
        or seed_score.speakers_right < seed_score.speakers_named
        or seed_score.outlets_right < seed_score.outlets_named
        or seed_score.wrong
        or seed_score.structure
    ):
        failures.append("the seed article lost some of its quotes, speakers, outlets or structure")
    return failures
