"""Who said it and who reported it: finding sources and quotes in a paragraph's text.

The importer calls `attribute_paragraph` for every paragraph. Names are the database's sources
(and aliases) and the people the article introduces (articles/people.py); a small grammar of
Spanish and English cues (README, "Importing") links them to quotes. What the cues do not
settle stays empty: a blank for an editor is better than a reader misled by a wrong name. An
organisation or an anonymous speaker leaves the speaker empty too, with the reason as its cue.

A paragraph is read once: names, sentence ends and cues are found in one pass each, and
every quote then looks only at the text around it, as a reader does (see CONTEXT_CHARACTERS).
The work grows with the paragraph's length, never with its square, however the text is made.
"""

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from .attribution_words import (
    AUXILIARIES,
    BARE_SUBJECTS,
    CLITICS,
    DETERMINERS,
    FUNCTION_WORDS,
    INDEFINITE_SUBJECTS,
    MAXIMUM_ROLE_WORDS,
    NAMING_WORDS,
    PERSONAL_PRONOUNS,
    SOCIAL_NETWORKS,
    SPLIT_QUOTE_WORDS,
    TITLE_WORDS,
    is_person_noun,
)
from .models import Source
from .paragraph_reading import (
    CLAUSE_BREAK,
    CONTEXT_CHARACTERS,
    END_OF_QUOTE_CLAUSE,
    MAXIMUM_WORDS_BETWEEN_NAME_AND_VERB,
    OUTLET_KINDS,
    SENTENCE_END,
    ParagraphText,
    words,
)
from .people import PERSON_NAME, person_words
from .quote_spans import find_quotes
from .source_index import SourceRef

# "«…», resume Lafuente": a quote opening its sentence, a comma and one lowercase word is how
# Spanish attributes, whatever the verb.
WORD_AFTER_QUOTE = re.compile(r"\s*,\s+([a-záéíóúñ]+)\b")
# A sentence that opens with a new subject ("La empresa …", "The minister …") ends what a pronoun refers to.
NEW_SUBJECT = re.compile(r"\s*(?:[«“\"]\s*)?(?:El|La|Los|Las|Un|Una|The|A|An)\s+[a-záéíóúñ]")

GENDERED = re.compile(r"\b(?:she|he|her|his|him|herself|himself)\b")

# Why a speaker was chosen or left empty, for the editor's import report (articles/admin/importing.py).
AFTER_THE_QUOTE = "speech verb after the quote"
BEFORE_THE_QUOTE = "name and speech verb before the quote"
EARLIER = "earlier in the paragraph"
CONTINUES = "continues the previous quote"
ORGANISATION = "an organisation speaks"
ANONYMOUS = "an anonymous speaker"

# What the words after a quote say about its speaker.
NAMED, BARE, PERSONAL, BODY, NOBODY, VERB = "named", "bare", "personal pronoun", "body", "nobody", "verb"


@dataclass
class FoundQuote:
    text: str
    speaker: SourceRef | None = None
    source: SourceRef | None = None
    # Why the speaker was chosen, or left empty, for the editor's import report; empty when no cue matched.
    cue: str = ""
    has_verb: bool = False


@dataclass
class ParagraphAttribution:
    sources: list[SourceRef] = field(default_factory=list)
    quotes: list[FoundQuote] = field(default_factory=list)


def is_role(text):
    """Nothing, or a few lowercase words ("chief executive"): what may stand between a quote and its speaker."""
    between = words(text)
    return len(between) <= MAXIMUM_ROLE_WORDS and all(
        word.islower() or word.rstrip(".") in TITLE_WORDS for word in between
    )


def subject_of(noun_phrase):
    """NOBODY for "a spokeswoman", BODY for "the company" and "el comité"; BARE for "the minister" and
    for nothing ("«…», añadió."); PERSONAL for "she"; None for anything else."""
    if not noun_phrase:
        return BARE
    first = noun_phrase[0].lower()
    if first in PERSONAL_PRONOUNS:
        return PERSONAL
    if first in {"a", "al"} and (len(noun_phrase) < 2 or noun_phrase[1] in {"la", "el", "los", "las"}):
        return BARE  # Spanish "dijo a la agencia …": a preposition, not an article
    if first in INDEFINITE_SUBJECTS:
        return NOBODY
    if first in BARE_SUBJECTS:
        return BARE if first not in {"el", "la", "the"} or is_person_noun(noun_phrase[-1]) else BODY
    return None


class ParagraphReader(ParagraphText):
    """Who said each quote of a paragraph, and who reported it."""

    def speaker_named_after(self, quote_start, quote_end, sentence_start, sentence_end):
        """“…”, afirmó X  /  “…”, declaró la ministra, X  /  “…”, X said  /  «…», resume X.

        Returns (speaker, what the words after the quote say: NAMED, BARE for a speech verb that
        names nobody new ("«…», subrayó", "the minister said"), PERSONAL for "she said", NOBODY
        for an organisation or nobody in particular ("the agency said", "said a manager"), or None).
        """
        clause_break = END_OF_QUOTE_CLAUSE.search(self.masked, quote_end, sentence_end)
        clause_end = clause_break.start() if clause_break else sentence_end
        first, last = bisect_left(self.token_starts, quote_end), bisect_left(self.token_starts, clause_end)
        tail = [token.group() for token in self.tokens[first:last]]
        verb = next((number for number in range(first, min(first + 5, last)) if self.is_verb[number]), None)
        opens_sentence = not self.masked[sentence_start:quote_start].strip()
        if verb is None and opens_sentence and (after := WORD_AFTER_QUOTE.match(self.masked, quote_end)):
            verb = first if after.group(1) not in FUNCTION_WORDS else None
        if verb is None:
            # “…”, Peter Hall, a teacher, said: a name right after the quote, its verb after an apposition.
            mention = next(self.mentions_between(quote_end, clause_end), None)
            if mention is not None and is_role(self.masked[quote_end : mention.start]):
                verb_end = self.end_of_speech_verb(mention.end)
                if verb_end is not None and verb_end <= clause_end:
                    return mention.source, NAMED
            return None, None
        before_verb = [word.lower() for word in tail[: verb - first]]
        verb_end = self.tokens[verb].end()
        if all(word in AUXILIARIES or word in CLITICS for word in before_verb):
            # The verb comes first: the speaker is the first name after it ("afirmó el Consejo…").
            for mention in self.mentions_between(verb_end, clause_end):
                if self.carries(mention.source) or self.is_complement(mention):
                    continue  # "dijo a la AFP …", "el presidente de la Cámara de Nuevo León, …"
                between = self.masked[verb_end : mention.start]
                # "dijo al diario El Norte el presidente de la Cámara de …, Rodrigo Elizondo": a role may be long.
                limit = MAXIMUM_WORDS_BETWEEN_NAME_AND_VERB * (2.5 if between.rstrip().endswith(",") else 1)
                if len(words(between)) > limit:
                    break
                return mention.source, NAMED
            after_verb = [token.group() for token in self.tokens[verb + 1 : min(verb + 3, last)]]
            if after_verb and after_verb[0][0].isupper():
                after_verb = []  # "dijo Mamani", a name nobody introduced: no subject the grammar reads
            return None, subject_of(after_verb) or BARE
        mention = next(self.mentions_between(quote_end, self.tokens[verb].start()), None)
        if mention is not None and is_role(self.masked[quote_end : mention.start]):
            return mention.source, NAMED  # “…”, Lee told the BBC; “…,” Governor Oleh Marchenko wrote.
        # "she said", "the agency said", "a spokeswoman said".
        return None, subject_of(before_verb)

    @staticmethod
    def carries(source):
        """An outlet or a social network: it carries what others say and never speaks itself."""
        return source.kind in Source.REPORTING_KINDS or source.name in SOCIAL_NETWORKS

    def speaker_named_before(self, start, end):
        """X afirmó que “…” — the nearest name between start and end that a speech verb there follows.

        Returns (speaker, whether it is the name of what an anonymous speaker belongs to)."""
        number = bisect_right(self.speaker_ends, end) - 1
        while number >= 0:
            mention_number = self.speakers[number]
            mention = self.mentions[mention_number]
            if mention.start < start:
                return None, False
            if self.verb_ends[mention_number] <= end and not self.carries(mention.source):
                if self.is_anonymous_speakers_body(mention):
                    return None, True
                if not self.is_complement(mention):
                    return mention.source, False
            number -= 1
        return None, False

    def only_person_before(self, sentence_start, end):
        """The one person named in the quote's sentence or the one before it (whom a dropped subject means)."""
        previous_start, _ = self.sentence_bounds(max(0, self.end_of_text_before(sentence_start) - 1))
        people = {
            mention.source
            for mention in self.mentions_between(previous_start, end)
            if mention.source.kind == Source.Kind.PERSON
        }
        return people.pop() if len(people) == 1 else None

    def subject_before(self, end):
        """The one person the paragraph names before `end`, if no sentence since opens with someone else."""
        start = max(0, end - CONTEXT_CHARACTERS)
        people = [
            mention
            for mention in self.mentions_between(start, end)
            if mention.source.kind == Source.Kind.PERSON and not self.is_complement(mention)
        ]
        if not people or any(mention.source != people[-1].source for mention in people):
            return None
        for sentence_end in self.sentence_ends[bisect_left(self.sentence_ends, people[-1].end) :]:
            if sentence_end >= end:
                break
            if NEW_SUBJECT.match(self.masked, sentence_end):
                return None
        return people[-1].source

    def unknown_subject_before(self, end):
        """“…,” she said — the one name opening a clause earlier in the paragraph ("At the clinic, Samira
        Khan brought her sons"), when nothing else tells who she is: made a person."""
        start = max(0, end - CONTEXT_CHARACTERS)
        found = set()
        for name in PERSON_NAME.finditer(self.masked, start, end):
            opens_clause = not self.masked[start : name.start()].strip() or re.search(
                r"(?:[.,:;]|^)\s*$", self.masked[max(start, name.start() - 3) : name.start()]
            )
            follows = re.match(r"\s+[a-z]", self.masked[name.end() : name.end() + 2])
            sentence_start, sentence_end = self.sentence_bounds(name.start())
            # "Samira Khan brought her two sons": the sentence itself says the name is a woman's or a man's.
            gendered = GENDERED.search(self.masked, name.end(), sentence_end)
            if opens_clause and follows and gendered and (person := person_words(name.group(), self.index)):
                found.add(person)
        if len(found) != 1 or self.index.find_all(next(iter(found))):
            return None
        return self.index.add_person(found.pop())

    def find_speaker(self, quote_start, quote_end, sentence_start, sentence_end):
        """(speaker, cue, whether a speech verb or a colon attaches to the quote)."""
        speaker, said = self.speaker_named_after(quote_start, quote_end, sentence_start, sentence_end)
        if speaker is not None:
            return speaker, AFTER_THE_QUOTE, True
        if said in (NOBODY, BODY):
            return None, (ANONYMOUS if said == NOBODY else ORGANISATION), True
        speaker, anonymous = self.speaker_named_before(sentence_start, quote_start)
        if speaker is not None or anonymous:
            return speaker, (BEFORE_THE_QUOTE if speaker else ANONYMOUS), True
        said = said or self.said_before(sentence_start, quote_start)
        if said in (NOBODY, BODY, VERB):
            return None, {NOBODY: ANONYMOUS, BODY: ORGANISATION, VERB: ""}[said], True
        text_end = self.end_of_text_before(quote_start)
        if said is None and self.masked[text_end - 1 : text_end] != ":":
            return None, "", False
        # “…”, subrayó. — the speaker is whoever the paragraph last had speaking, or its only person.
        speaker, anonymous = self.speaker_named_before(0, sentence_start)
        if anonymous:
            return None, ANONYMOUS, True
        speaker = (
            speaker
            or self.only_person_before(sentence_start, quote_start)
            or self.subject_before(quote_start)
            or (said == PERSONAL and self.unknown_subject_before(sentence_start))
        )
        if speaker:
            return speaker, EARLIER, True
        # "Una fuente de … aseguró que … «…», advirtió": the sentence before says who, and it is nobody named.
        previous_start, _ = self.sentence_bounds(max(0, self.end_of_text_before(sentence_start) - 1))
        earlier = self.said_before(previous_start, sentence_start) if previous_start < sentence_start else None
        return None, {NOBODY: ANONYMOUS, BODY: ORGANISATION}.get(earlier, ""), True

    def said_before(self, start, end):
        """A speech verb before the quote in its sentence, with a subject that is no name the text
        introduces: "he suggested that “…”" (PERSONAL), "afirmó que «…»" (BARE), "the festival said it
        was “…”" (BODY), "a union official told … that “…”" (NOBODY), "Hollis said “…”" (VERB); else None."""
        first, last = bisect_left(self.token_starts, start), bisect_left(self.token_starts, end)
        verb = next((number for number in range(first, last) if self.is_verb[number]), None)
        if verb is None:
            return None
        subject = [token.group() for token in self.tokens[first:verb] if not CLAUSE_BREAK.fullmatch(token.group())]
        if subject and subject[-1].lower() in PERSONAL_PRONOUNS:
            return PERSONAL
        if subject and subject[-1].lower() in {"it", "they", "ellos", "ellas"}:
            return BODY if subject[-1].lower() == "it" else NOBODY
        if not subject:
            return BARE
        if subject[0].lower() in INDEFINITE_SUBJECTS:
            return NOBODY
        if len(subject) > 12:
            return VERB
        if subject[0].lower() in DETERMINERS:
            if any(word.islower() and is_person_noun(word) for word in subject):
                return BARE
            return BODY if not any(word[0].isupper() for word in subject[1:]) else VERB
        return VERB

    def attribute_quote(self, quote_start, quote_end, text):
        sentence_start, _ = self.sentence_bounds(quote_start)
        _, sentence_end = self.sentence_bounds(quote_end)
        speaker, cue, has_verb = self.find_speaker(quote_start, quote_end, sentence_start, sentence_end)
        source = self.reporting_source(sentence_start, sentence_end) or self.paragraph_outlet
        if speaker is not None and self.carries(speaker):
            # An outlet or a network carries; it never speaks ("…, Europa Press said" names who reported it).
            speaker, source, cue = None, source or speaker, ""
        elif speaker is not None and speaker.kind not in (Source.Kind.PERSON, Source.Kind.SOCIAL_MEDIA):
            # An organisation speaks: the speaker stays empty (issue 10); the paragraph still cites it.
            self.organisations_speaking.append(speaker)
            speaker, cue = None, ORGANISATION
        if source == speaker:
            source = None
        return FoundQuote(text=text, speaker=speaker, source=source, cue=cue, has_verb=has_verb)

    def continues_previous(self, previous, previous_end, start):
        """“…,” she said. “…” — a quote right after another one's attribution, nobody else named between."""
        between = self.masked[previous_end:start]
        if previous.speaker is None or len(words(between)) > SPLIT_QUOTE_WORDS:
            return False
        for mention in self.mentions_between(previous_end, start):
            if mention.source != previous.speaker and mention.source.kind not in OUTLET_KINDS:
                return False
        ends = [match.end() for match in SENTENCE_END.finditer(between)]
        return not ends or not between[ends[-1] :].strip()


def attribute_paragraph(text, index):
    reader = ParagraphReader(text, index)
    quotes, previous_end = [], None
    for start, end, quoted, is_short in find_quotes(text):
        if NAMING_WORDS.search(reader.masked, max(0, start - 40), start):
            continue  # «Retrato de una dama», titled “…”: a name or a title, not a statement
        quote = reader.attribute_quote(start, end, quoted)
        # “…”, dijo. «…» — a quote split around its attribution keeps the first part's speaker.
        if quote.speaker is None and not quote.has_verb and quotes:
            if reader.continues_previous(quotes[-1], previous_end, start):
                quote.speaker, quote.cue, quote.has_verb = quotes[-1].speaker, CONTINUES, True
                quote.source = quote.source or quotes[-1].source
        if is_short and not quote.has_verb:
            continue  # a few quoted words with no speech verb are a term, not a statement
        quotes.append(quote)
        previous_end = end
    return ParagraphAttribution(sources=reader.cited_sources(quotes), quotes=quotes)
