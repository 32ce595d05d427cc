"""Reading a paragraph once for attribution: its words, speech verbs, sentences, names and outlets.

`ParagraphText` finds each of them in one pass and keeps them sorted, so that attribution
(articles/attribution.py) answers "the names between here and there", "the sentence around
this quote" or "the outlet this sentence names" by bisection. The work grows with the
paragraph's length, never with its square, however the text is made.
"""

import re
from bisect import bisect_left, bisect_right
from functools import cached_property

from .attribution_words import (
    ABBREVIATIONS,
    COMPLEMENT_BEFORE,
    DETERMINERS,
    NOT_SPEECH_AFTER,
    REPORTING_VERBS,
    SPEECH_VERBS,
)
from .models import Source
from .outlet_cues import find_outlet_cues
from .people import introduce_people
from .quote_spans import mask_quotes

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
NOT_AFTER_ABBREVIATION = "".join(rf"(?<!\b{abbreviation})" for abbreviation in ABBREVIATIONS)
SENTENCE_END = re.compile(
    NOT_AFTER_ABBREVIATION + r"(?:(?<!\b[A-Z])[.!?…](?=\s+[«“\"¿¡A-ZÁÉÍÓÚÑ]|\s*$)|[.!?…](?=\s+[«“\"]))"
)
WORD = re.compile(r"[\wÀ-ÿ'’-]+")
# A word, or a mark that ends the clause a name is the subject of.
WORD_OR_CLAUSE_END = re.compile(r"[\wÀ-ÿ'’-]+|[.;:“«\"]")
# Where the words after a quote stop belonging to it.
END_OF_QUOTE_CLAUSE = re.compile(NOT_AFTER_ABBREVIATION + r"(?<!\b[A-Z])[.;“«\"]")
CLAUSE_BREAK = re.compile(r"[.;:“«\"]")
STOP_AFTER_NAME = re.compile(r"\s*[.;:]")
# Between two outlets named together: "según Reuters y TASS".
LIST_OF_NAMES = re.compile(r"\s*(?:,|and|y|e|&)\s*")
MAXIMUM_WORDS_BETWEEN_NAME_AND_VERB = 8
SPEECH_VERB = "|".join(sorted(SPEECH_VERBS))
# Text ending just before a name that is spoken of ("aseguró Howell") or reported by ("según la agencia TASS").
ENDS_WITH_SPEECH_VERB = re.compile(rf"\b(?:{SPEECH_VERB})\s+(?:(?:el|la|the)\s+)?$")
ENDS_WITH_REPORTING_CUE = re.compile(REPORTING_CUES.pattern + r"(?:\s+\S+){0,5}\s*$", re.IGNORECASE)
# Every speech verb in a paragraph, found once; the two patterns above then run only near one.
SPOKEN_VERB = re.compile(rf"\b(?:{SPEECH_VERB})(?=\s)")
LOOK_BEHIND_NAME = 60  # how much text before a name may say that it is spoken of or reports

OUTLET_KINDS = {*Source.REPORTING_KINDS, Source.Kind.SOCIAL_MEDIA}
# The body an anonymous speaker belongs to follows "una fuente de", "a spokesman for", "an official at".
ANONYMOUS_HEAD = re.compile(
    r"\b(?:una?|an?|one|fuentes?)\s+(?:[a-záéíóúñ]+\s+){0,3}(?:de|del|of|for|at|from)\s+(?:(?:la|el|los|las|the)\s+)?$",
    re.IGNORECASE,
)


def words(text):
    return WORD.findall(text)


class ParagraphText:
    """A paragraph's text with its quotations blanked, and what is found in it."""

    def __init__(self, text, index):
        self.text = text
        self.index = index
        self.masked = mask_quotes(text)
        introduce_people(self.masked, index)
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
        self.organisations_speaking = []

    def read_clauses(self):
        """The words and clause ends of the paragraph, each word knowing the next verb or clause end."""
        self.tokens = list(WORD_OR_CLAUSE_END.finditer(self.masked))
        self.token_starts = [token.start() for token in self.tokens]
        self.is_verb = [self.is_speech_verb(number) for number in range(len(self.tokens))]
        self.next_verb_or_stop = [None] * (len(self.tokens) + 1)
        for number in range(len(self.tokens) - 1, -1, -1):
            is_stop = CLAUSE_BREAK.fullmatch(self.tokens[number].group()) or self.is_verb[number]
            self.next_verb_or_stop[number] = number if is_stop else self.next_verb_or_stop[number + 1]
        self.spoken_verb_ends = [verb.end() for verb in SPOKEN_VERB.finditer(self.masked)]

    def is_speech_verb(self, number):
        """A speech verb, not the noun it is spelt like ("su cuenta") nor another phrase ("called for")."""
        token = self.tokens[number]
        if token.group().lower() not in SPEECH_VERBS or NOT_SPEECH_AFTER.match(self.masked, token.end()):
            return False
        return not (number and self.tokens[number - 1].group().lower() in DETERMINERS)

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

    def mentions_between(self, start, end):
        """The names wholly inside start…end, in order, found by bisection."""
        number = bisect_left(self.mention_starts, start)
        while number < len(self.mentions) and self.mentions[number].end <= end:
            yield self.mentions[number]
            number += 1

    def is_complement(self, mention):
        """A name that completes the phrase before it ("una fuente de la Secretaría …"): not a subject."""
        return bool(COMPLEMENT_BEFORE.search(self.masked, max(0, mention.start - 20), mention.start))

    def is_anonymous_speakers_body(self, mention):
        """The body an anonymous speaker belongs to: "una fuente de la Secretaría …", "an official at …"."""
        return bool(ANONYMOUS_HEAD.search(self.masked, max(0, mention.start - 60), mention.start))

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
        """An outlet followed by a reporting verb: "KCNA informó", "the KCNA news agency carried"."""
        if mention.source.kind not in Source.REPORTING_KINDS:
            return False
        next_words = [word.lower() for word in words(self.masked[mention.end : mention.end + 40])[:3]]
        while next_words and next_words[0] in {"news", "agency", "agencia", "newspaper", "diario"}:
            next_words.pop(0)
        return bool(next_words) and next_words[0] in REPORTING_VERBS

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

    def cited_sources(self, quotes):
        """Sources the paragraph relies on: speakers, reporters, and names that speak or hold an opinion."""
        cited = []
        for quote in quotes:
            cited += [quote.speaker, quote.source]
        cited += self.organisations_speaking
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
