"""Who said it and who reported it: finding sources and quotes in a paragraph's text.

The importer calls `attribute_paragraph` for every paragraph. Names are the database's sources
(and aliases) and the people the article introduces ("la alcaldesa, Rosa Gil,"); a small grammar
of Spanish and English cues (README, "Importing") links them to quotes. What the cues do not
settle stays empty: a blank for an editor is better than a reader misled by a wrong name.

A paragraph is read once: names, sentence ends and cues are found in one pass each, and
every quote then looks only at the text around it, as a reader does (see CONTEXT_CHARACTERS).
The work grows with the paragraph's length, never with its square, however the text is made.
"""

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cached_property

from .attribution_words import (
    ABBREVIATIONS,
    BARE_SUBJECTS,
    MAXIMUM_ROLE_WORDS,
    NOT_NAMES,
    REPORTING_VERBS,
    ROLE_WORDS,
    SPEECH_VERBS,
    SPLIT_QUOTE_WORDS,
    TITLE_WORDS,
    TITLES,
)
from .models import Source
from .outlet_cues import find_outlet_cues
from .quote_spans import find_quotes, mask_quotes
from .source_index import SourceRef, guess_kind

# How far around a quote or a name its sentence, speaker and outlet are looked for; bounds the work.
CONTEXT_CHARACTERS = 400

# Phrases after which the next name is the outlet that reported a statement.
REPORTING_CUES = re.compile(
    r"\b(?:según|conforme a|conforme al|de acuerdo con|citad[oa] por|recogid[oa] por|en declaraciones a|"
    r"in an interview with|according to|reported by|cited by|quoted by|speaking to|told)\b",
    re.IGNORECASE,
)
# Phrases after which the next name holds the opinion the paragraph states ("Para el Dr. Howell, …").
OPINION_CUES = re.compile(
    r"(?:Para|En opinión de|A juicio de|Según|For|In the view of|According to)\s+(?:\S+\s+){0,3}$", re.IGNORECASE
)
CAPITALISED_WORD = r"[A-ZÁÉÍÓÚÑÜ][\wÀ-ÿ'’-]*[\wÀ-ÿ]"
PERSON_NAME = re.compile(rf"{CAPITALISED_WORD}(?:\s+(?:(?:de|del|van|von|da|di|bin|al)\s+)?{CAPITALISED_WORD}){{0,3}}")
SENTENCE_END = re.compile(
    "".join(rf"(?<!\b{abbreviation})" for abbreviation in ABBREVIATIONS)
    + r"(?:(?<!\b[A-Z])[.!?…](?=\s+[«“\"¿¡A-ZÁÉÍÓÚÑ]|\s*$)|[.!?…](?=\s+[«“\"]))"
)
WORD = re.compile(r"[\wÀ-ÿ'’-]+")
# A word, or a mark that ends the clause a name is the subject of.
WORD_OR_CLAUSE_END = re.compile(r"[\wÀ-ÿ'’-]+|[.;:“«\"]")
# Where the words after a quote stop belonging to it.
END_OF_QUOTE_CLAUSE = re.compile(
    "".join(rf"(?<!\b{abbreviation})" for abbreviation in ABBREVIATIONS) + r"(?<!\b[A-Z])[.;“«\"]"
)
CLAUSE_BREAK = re.compile(r"[.;:“«\"]")
STOP_AFTER_NAME = re.compile(r"\s*[.;:]")
# Between two outlets named together: "según Reuters y TASS".
LIST_OF_NAMES = re.compile(r"\s*(?:,|and|y|e|&)\s*")
MAXIMUM_WORDS_BETWEEN_NAME_AND_VERB = 8
SPEECH_VERB = "|".join(sorted(SPEECH_VERBS))
# "said Jane Smith", "declaró la ministra de Sanidad, Ana López": where a name may follow.
AFTER_SPEECH_VERB = re.compile(rf"\b(?:{SPEECH_VERB})\s+(?:(?:el|la|the)\s+[^,.;:“«\"]{{1,60}},\s+)?")
# Text ending just before a name that is spoken of ("aseguró Howell") or reported by ("según la agencia TASS").
ENDS_WITH_SPEECH_VERB = re.compile(rf"\b(?:{SPEECH_VERB})\s+(?:(?:el|la|the)\s+)?$")
ENDS_WITH_REPORTING_CUE = re.compile(REPORTING_CUES.pattern + r"(?:\s+\S+){0,5}\s*$", re.IGNORECASE)
# "la consejera de Medio Ambiente, Laura Méndez", "its director, Tom Reyes": a role, then the name.
ROLE_BEFORE_NAME = re.compile(
    r"(?:\b(?:[Ee]l|[Ll]a|[Ss]u|[Tt]he|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir)|[\w-]+['’]s)\s+[a-záéíóúñA-Z][^,.;:“«\"]{0,80},\s+"
    rf"(?={CAPITALISED_WORD})"
)
# "Peter Hall, a teacher,", "Rosa Gil, de 54 años,", "Rosa Gil declaró": what a name followed by makes it a person.
AFTER_PERSON_NAME = re.compile(
    rf",\s+(?:an?|the|un|una|who|que|de\s+\d+\s+años|\d{{1,3}}\b(?!\s+[a-z])|(?:{'|'.join(ROLE_WORDS)})\b)\s*"
    rf"|\s+(?:{SPEECH_VERB})\b"
)
# Every speech verb in a paragraph, found once; the two patterns above then run only near one.
SPOKEN_VERB = re.compile(rf"\b(?:{SPEECH_VERB})(?=\s)")
LOOK_BEHIND_NAME = 60  # how much text before a name may say that it is spoken of or reports


@dataclass
class FoundQuote:
    text: str
    speaker: SourceRef | None = None
    source: SourceRef | None = None
    # Why the speaker was chosen, for the editor's import report; empty when nobody was.
    cue: str = ""
    has_verb: bool = False


@dataclass
class ParagraphAttribution:
    sources: list[SourceRef] = field(default_factory=list)
    quotes: list[FoundQuote] = field(default_factory=list)


def words(text):
    return WORD.findall(text)


def is_role(text):
    """Nothing, or a few lowercase words ("chief executive"): what may stand between a quote and its speaker."""
    between = words(text)
    return len(between) <= MAXIMUM_ROLE_WORDS and all(word.islower() or word in TITLE_WORDS for word in between)


class ParagraphReader:
    def __init__(self, text, index):
        self.text = text
        self.index = index
        self.masked = mask_quotes(text)
        self.introduce_people()
        self.mentions = index.find_all(self.masked)
        named_in_full = [m.source for m in self.mentions if m.source.kind == Source.Kind.PERSON]
        if index.add_surnames(named_in_full):
            self.mentions = index.find_all(self.masked)
        self.mention_starts = [mention.start for mention in self.mentions]
        self.sentence_ends = [match.end() for match in SENTENCE_END.finditer(self.masked)]
        self.read_clauses()
        # Each name's speech verb, if one follows it; the names with one, in order.
        self.verb_ends = [self.end_of_speech_verb(mention.end) for mention in self.mentions]
        self.speakers = [number for number, verb_end in enumerate(self.verb_ends) if verb_end is not None]
        self.speaker_ends = [self.mentions[number].end for number in self.speakers]
        self.cues = [
            (cue.start(), cue.end(), self.outlets_listed_after(cue.end()))
            for cue in REPORTING_CUES.finditer(self.masked)
        ]
        self.cue_starts = [start for start, _, _ in self.cues]
        self.outlet_cues = find_outlet_cues(self.masked, index)
        self.outlet_cue_starts = [start for start, _, _ in self.outlet_cues]
        self.reporting = [self.reports(mention) for mention in self.mentions]

    def read_clauses(self):
        """The words and clause ends of the paragraph, each word knowing the next verb or clause end."""
        self.tokens = list(WORD_OR_CLAUSE_END.finditer(self.masked))
        self.token_starts = [token.start() for token in self.tokens]
        self.next_verb_or_stop = [None] * (len(self.tokens) + 1)
        for number in range(len(self.tokens) - 1, -1, -1):
            token = self.tokens[number].group()
            is_stop = CLAUSE_BREAK.fullmatch(token) or token.lower() in SPEECH_VERBS
            self.next_verb_or_stop[number] = number if is_stop else self.next_verb_or_stop[number + 1]
        self.spoken_verb_ends = [verb.end() for verb in SPOKEN_VERB.finditer(self.masked)]

    def end_of_speech_verb(self, name_end):
        """Where the speech verb that closely follows a name ends, within the same clause: "Kim confirmó",
        "Macron, presidente de Francia advirtió". None when no such verb follows."""
        number = bisect_left(self.token_starts, name_end)
        # A word running on past the name ("Reuters’s") counts as a word between name and verb.
        words_before = 1 if number and self.tokens[number - 1].end() > name_end else 0
        stop = self.next_verb_or_stop[number]
        if stop is None or CLAUSE_BREAK.fullmatch(self.tokens[stop].group()):
            return None
        # "Tom Whitcombe, an entomologist at the University of Bristol who…, told": an apposition may be long.
        limit = MAXIMUM_WORDS_BETWEEN_NAME_AND_VERB * (2 if self.masked.startswith(",", name_end) else 1)
        if stop - number + words_before > limit:
            return None
        return self.tokens[stop].end()

    def introduce_people(self):
        """Titles ("el Dr. Edward Howell") and speech verbs ("said Jane Smith") introduce new people."""
        for title in TITLES.finditer(self.masked):
            name = PERSON_NAME.match(self.masked, title.end())
            if name and name.group().split()[0] not in NOT_NAMES:
                self.index.add_person(name.group())
        for role in ROLE_BEFORE_NAME.finditer(self.masked):
            self.introduce_person(PERSON_NAME.match(self.masked, role.end()))
        for name in PERSON_NAME.finditer(self.masked):
            # "manager Simon Ashworth", "Sen. Mark Hollis": a lowercase role or a title before the name.
            before = WORD.findall(self.masked[max(0, name.start() - 20) : name.start()])[-1:]
            if set(before) & (ROLE_WORDS | TITLE_WORDS) or AFTER_PERSON_NAME.match(self.masked, name.end()):
                self.introduce_person(name)
        for verb in AFTER_SPEECH_VERB.finditer(self.masked):
            self.introduce_person(PERSON_NAME.match(self.masked, verb.end()))

    def introduce_person(self, name):
        """A name of two words or more that no known organisation is part of becomes a person."""
        if name is None:
            return
        parts = name.group().split()
        while parts and parts[0].rstrip(".") in TITLE_WORDS:
            parts.pop(0)
        if len(parts) < 2 or parts[0] in NOT_NAMES or guess_kind(" ".join(parts)) != Source.Kind.PERSON:
            return
        if all(mention.source.kind == Source.Kind.PERSON for mention in self.index.find_all(" ".join(parts))):
            self.index.add_person(" ".join(parts))

    def mentions_between(self, start, end):
        """The names wholly inside start…end, in order, found by bisection."""
        number = bisect_left(self.mention_starts, start)
        while number < len(self.mentions) and self.mentions[number].end <= end:
            yield self.mentions[number]
            number += 1

    def sentence_bounds(self, position):
        """Start and end of the sentence around `position`, at most CONTEXT_CHARACTERS either side.

        The text before `position` is read as if it stopped there, so a full stop just before it
        ends a sentence whatever follows."""
        before = self.end_of_text_before(position)
        ends = self.sentence_ends
        number = bisect_right(ends, before - 1)
        start = ends[number - 1] if number else 0
        if before > 0 and SENTENCE_END.match(self.masked, before - 1, position):
            start = before
        number = bisect_right(ends, position)
        end = ends[number] if number < len(ends) else len(self.masked)
        return max(start, position - CONTEXT_CHARACTERS), min(end, position + CONTEXT_CHARACTERS)

    def speaker_named_after(self, quote_end, sentence_end):
        """“…”, afirmó X  /  “…”, declaró la ministra, X  /  “…”, X said.

        Returns (speaker, whether a speech verb follows the quote without naming anyone,
        as in "“…”, subrayó" or "“…”, the agency said").
        """
        clause_break = END_OF_QUOTE_CLAUSE.search(self.masked, quote_end, sentence_end)
        clause_end = clause_break.start() if clause_break else sentence_end
        tail_words = words(self.masked[quote_end:clause_end])
        verb_position = next(
            (number for number, word in enumerate(tail_words[:4]) if word.lower() in SPEECH_VERBS), None
        )
        mentions = self.mentions_between(quote_end, clause_end)
        if verb_position is None:
            # “…”, Peter Hall, a teacher, said: a name right after the quote, its verb after an apposition.
            first = next(mentions, None)
            if first is not None and is_role(self.masked[quote_end : first.start]):
                verb_end = self.end_of_speech_verb(first.end)
                if verb_end is not None and verb_end <= clause_end:
                    return first.source, True
            return None, False
        if verb_position == 0:
            # The verb comes first: the speaker is the first name after it ("afirmó el Consejo…").
            for mention in mentions:
                between = len(words(self.masked[quote_end : mention.start]))
                # "afirmó el director de Servicios de Agua y Drenaje, Héctor Garza": a role may be long.
                limit = (
                    2 * MAXIMUM_WORDS_BETWEEN_NAME_AND_VERB
                    if self.masked[quote_end : mention.start].rstrip().endswith(",")
                    else MAXIMUM_WORDS_BETWEEN_NAME_AND_VERB
                )
                if between > limit:
                    break
                if mention.source.kind not in Source.REPORTING_KINDS:
                    return mention.source, True
            return None, True
        first = next(mentions, None)
        if first is not None and not words(self.masked[quote_end : first.start]):
            return first.source, True  # “…”, Lee told the BBC.
        # "the agency said": someone named earlier is speaking again.
        return None, tail_words[0].lower() in BARE_SUBJECTS

    def speaker_named_before(self, start, end):
        """X afirmó que “…” — the nearest name between start and end that a speech verb there follows."""
        number = bisect_right(self.speaker_ends, end) - 1
        while number >= 0:
            mention_number = self.speakers[number]
            mention = self.mentions[mention_number]
            if mention.start < start:
                return None
            if self.verb_ends[mention_number] <= end:
                return mention.source
            number -= 1
        return None

    def outlets_listed_after(self, cue_end):
        """(end, source) of the outlets named right after a reporting cue: "según Reuters y TASS"."""
        listed = []
        previous_end = None
        for number in range(bisect_left(self.mention_starts, cue_end), len(self.mentions)):
            mention = self.mentions[number]
            if previous_end is None:
                between = self.masked[cue_end : mention.start]
                if len(between) > CONTEXT_CHARACTERS or len(words(between)) > 5 or CLAUSE_BREAK.search(between):
                    break
            elif not LIST_OF_NAMES.fullmatch(self.masked, previous_end, mention.start):
                break  # "según Reuters y TASS" names both; anything else ends the list.
            if mention.source.kind in Source.REPORTING_KINDS or mention.source.kind == Source.Kind.SOCIAL_MEDIA:
                listed.append((mention.end, mention.source))
            previous_end = mention.end
        return listed

    def reports(self, mention):
        """An outlet followed by a reporting verb: "KCNA informó"."""
        if mention.source.kind not in Source.REPORTING_KINDS:
            return False
        next_words = words(self.masked[mention.end : mention.end + 40])[:1]
        return bool(next_words) and next_words[0].lower() in REPORTING_VERBS

    def reporting_source(self, start, end):
        """The outlet named after a reporting cue ("según la agencia TASS") or before a reporting verb."""
        found = set()
        number = bisect_left(self.cue_starts, start)
        while number < len(self.cues) and self.cues[number][1] <= end:
            found.update(source for listed_end, source in self.cues[number][2] if listed_end <= end)
            number += 1
        number, given_to = bisect_left(self.outlet_cue_starts, start), set()
        while number < len(self.outlet_cues) and self.outlet_cues[number][1] <= end:
            given_to.add(self.outlet_cues[number][2])
            number += 1
        if len(given_to) == 1:  # "told BBC Wales" is more precise than the "BBC" inside it
            return given_to.pop()
        first = bisect_left(self.mention_starts, start)
        for number, mention in enumerate(self.mentions_between(start, end), start=first):
            if self.reporting[number]:
                found.add(mention.source)
        return found.pop() if len(found) == 1 else None

    @cached_property
    def paragraph_outlet(self):
        """The outlet the whole paragraph names, worked out once for all its quotes."""
        return self.reporting_source(0, len(self.masked))

    def end_of_text_before(self, position):
        """Where the text before `position` ends once the white space just before it is left out."""
        before = position
        while before > max(0, position - CONTEXT_CHARACTERS) and self.masked[before - 1].isspace():
            before -= 1
        return before

    def attribute_quote(self, quote_start, quote_end, text):
        sentence_start, _ = self.sentence_bounds(quote_start)
        _, sentence_end = self.sentence_bounds(quote_end)
        speaker, has_bare_verb = self.speaker_named_after(quote_end, sentence_end)
        cue = "speech verb after the quote" if speaker else ""
        if speaker is None and (speaker := self.speaker_named_before(sentence_start, quote_start)):
            cue = "name and speech verb before the quote"
        text_end = self.end_of_text_before(quote_start)
        if speaker is None and (has_bare_verb or self.masked[text_end - 1 : text_end] == ":"):
            # “…”, subrayó. — the speaker is whoever the paragraph last had speaking, or its only person.
            speaker = self.speaker_named_before(0, sentence_start) or self.only_person_before(
                sentence_start, quote_start
            )
            cue = "earlier in the paragraph" if speaker else ""
        source = self.reporting_source(sentence_start, sentence_end) or self.paragraph_outlet
        if speaker is not None and speaker.kind in Source.REPORTING_KINDS:
            # An outlet reports; it is never the speaker ("…, Europa Press said" names who reported it).
            speaker, source, cue = None, source or speaker, ""
        if source == speaker:
            source = None
        return FoundQuote(text=text, speaker=speaker, source=source, cue=cue, has_verb=has_bare_verb or bool(cue))

    def only_person_before(self, sentence_start, end):
        """The one person named in the quote's sentence or the one before it (whom a dropped subject means)."""
        previous_start, _ = self.sentence_bounds(max(0, self.end_of_text_before(sentence_start) - 1))
        people = {
            mention.source
            for mention in self.mentions_between(previous_start, end)
            if mention.source.kind == Source.Kind.PERSON
        }
        return people.pop() if len(people) == 1 else None

    def cited_sources(self, quotes):
        """Sources the paragraph relies on: speakers, reporters, and names that speak or hold an opinion."""
        cited = []
        for quote in quotes:
            cited += [quote.speaker, quote.source]
        for mention, verb_end in zip(self.mentions, self.verb_ends, strict=True):
            if self.is_cited(mention, verb_end):
                cited.append(mention.source)
        return list(dict.fromkeys(source for source in cited if source is not None))

    def is_cited(self, mention, verb_end):
        """A name that speaks, is spoken of, reports, or holds the opinion its sentence states."""
        if verb_end is not None and not STOP_AFTER_NAME.match(self.masked, mention.end):
            return True
        # The patterns run only where a verb or a cue is near: they are slow to search for.
        window_start = max(0, mention.start - LOOK_BEHIND_NAME)
        before = self.masked[window_start : mention.start]
        verb = bisect_left(self.spoken_verb_ends, window_start)
        if verb < len(self.spoken_verb_ends) and self.spoken_verb_ends[verb] <= mention.start:
            if ENDS_WITH_SPEECH_VERB.search(before):
                return True
        cue = bisect_left(self.cue_starts, window_start)
        if cue < len(self.cues) and self.cues[cue][1] <= mention.start and ENDS_WITH_REPORTING_CUE.search(before):
            return True
        sentence_start, _ = self.sentence_bounds(mention.start)
        return bool(OPINION_CUES.match(self.masked[sentence_start : mention.start].lstrip()))


def attribute_paragraph(text, index):
    reader = ParagraphReader(text, index)
    quotes, previous_end = [], None
    for start, end, quoted, is_short in find_quotes(text):
        quote = reader.attribute_quote(start, end, quoted)
        if is_short and not quote.has_verb:
            continue  # a few quoted words with no speech verb are a term, not a statement
        # “…”, dijo. «…» — a quote split around its attribution keeps the first part's speaker.
        if quote.speaker is None and quotes and quotes[-1].speaker and not quote.has_verb:
            if len(words(reader.masked[previous_end:start])) <= SPLIT_QUOTE_WORDS:
                quote.speaker, quote.cue = quotes[-1].speaker, "continues the previous quote"
                quote.source = quote.source or quotes[-1].source
        quotes.append(quote)
        previous_end = end
    return ParagraphAttribution(sources=reader.cited_sources(quotes), quotes=quotes)
