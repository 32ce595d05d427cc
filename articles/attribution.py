"""Who said it and who reported it: finding sources and quotes in a paragraph's text.

The importer calls `attribute_paragraph` for every paragraph. Names are recognised
from the database's sources (and their aliases), plus a few people the text itself
introduces ("Dr. Edward Howell", "said Jane Smith"). Cues in Spanish and English link
names to quotes. When the cues do not settle an attribution the field stays empty:
an editor filling a blank is better than a reader misled by a wrong name.
"""

import re
from dataclasses import dataclass, field

from .models import Source

# Quoted words: “…”, «…» or "…". Fewer words than this is a term in scare quotes, not a statement.
QUOTE_PATTERN = re.compile(r"“([^“”]+)”|«([^«»]+)»|\"([^\"]+)\"")
MINIMUM_QUOTE_WORDS = 4

SPEECH_VERBS = {
    # Spanish: preterite, present and participle forms that introduce speech.
    "afirmó",
    "aseguró",
    "dijo",
    "declaró",
    "señaló",
    "indicó",
    "explicó",
    "añadió",
    "agregó",
    "subrayó",
    "destacó",
    "advirtió",
    "apuntó",
    "sostuvo",
    "manifestó",
    "expresó",
    "comentó",
    "reconoció",
    "confirmó",
    "anunció",
    "informó",
    "alertó",
    "denunció",
    "insistió",
    "recalcó",
    "precisó",
    "respondió",
    "concluyó",
    "publicó",
    "describió",
    "escribió",
    "detalló",
    "aseveró",
    "enfatizó",
    "defendió",
    "criticó",
    "admitió",
    "prometió",
    "reiteró",
    "opinó",
    "especificó",
    "afirma",
    "asegura",
    "dice",
    "declara",
    "señala",
    "explica",
    "advierte",
    "sostiene",
    "reconoce",
    "confirma",
    "anuncia",
    "informa",
    "alerta",
    "denuncia",
    "insiste",
    "publica",
    "subraya",
    "destaca",
    # Only participles that nearly always report speech: "ha asegurado" also means "has secured".
    "afirmado",
    "dicho",
    "declarado",
    "señalado",
    "explicado",
    "advertido",
    "subrayado",
    # English
    "said",
    "says",
    "told",
    "added",
    "stated",
    "declared",
    "warned",
    "noted",
    "explained",
    "insisted",
    "stressed",
    "confirmed",
    "announced",
    "reported",
    "wrote",
    "posted",
    "argued",
    "claimed",
    "acknowledged",
    "admitted",
    "tweeted",
    "described",
    "urged",
    "replied",
    "responded",
    "emphasised",
    "emphasized",
    "asserted",
    "commented",
    "remarked",
    "concluded",
    "alerted",
    "published",
}
# Verbs with which an outlet passes on what others said ("KCNA reported").
REPORTING_VERBS = {"informó", "informa", "publicó", "publica", "reported", "reports", "published", "recogió"}
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
TITLES = re.compile(
    r"\b(?:Dr\.|Dra\.|Prof\.|[Dd]octora?|[Pp]rofesora?|[Ee]xpert[oa]|[Aa]nalista|[Ii]nvestigadora?|"
    r"[Ee]conomista|[Pp]olitólog[oa]|[Pp]ortavoz|[Pp]rofessor|[Aa]nalyst|[Ee]xpert|[Rr]esearcher|[Ee]conomist|"
    r"[Ss]pokes(?:man|woman|person))\s+"
)
CAPITALISED_WORD = r"[A-ZÁÉÍÓÚÑÜ][\wÀ-ÿ'’-]*[\wÀ-ÿ]"
PERSON_NAME = re.compile(rf"{CAPITALISED_WORD}(?:\s+(?:(?:de|del|van|von|da|di|bin|al)\s+)?{CAPITALISED_WORD}){{0,3}}")
# Capitalised words that open sentences or clauses rather than names.
NOT_NAMES = {
    "El",
    "La",
    "Los",
    "Las",
    "Un",
    "Una",
    "Y",
    "Pero",
    "Sin",
    "Con",
    "En",
    "De",
    "Por",
    "Para",
    "Según",
    "Este",
    "Esta",
    "Ese",
    "Esa",
    "Ésta",
    "Éste",
    "Además",
    "Asimismo",
    "Así",
    "Lo",
    "Le",
    "Les",
    "Se",
    "The",
    "A",
    "An",
    "And",
    "But",
    "In",
    "On",
    "At",
    "Of",
    "For",
    "This",
    "That",
    "It",
    "He",
    "She",
    "They",
    "We",
    "I",
    "His",
    "Her",
    "Their",
    "Officials",
    "Mr",
    "Mrs",
    "Ms",
}
ORGANISATION_WORDS = {
    Source.Kind.GOVERNMENT: {
        "Ministerio",
        "Ministry",
        "Gobierno",
        "Government",
        "Consejo",
        "Council",
        "Departamento",
        "Department",
        "Presidencia",
        "Ejército",
        "Army",
        "Embajada",
        "Embassy",
        "Parlamento",
        "Parliament",
        "Congreso",
        "Congress",
        "Senado",
        "Senate",
    },
    Source.Kind.NEWS_AGENCY: {"Agencia", "Agency", "News", "Noticias", "Press", "Prensa"},
    Source.Kind.INTERNATIONAL_ORGANISATION: {
        "Organización",
        "Organization",
        "Organisation",
        "Naciones",
        "Nations",
        "Fondo",
        "Fund",
        "Comité",
        "Committee",
    },
}
# A name joined to the previous one by these words is part of it ("Comité … de la ONU").
NAME_CONNECTORS = re.compile(r"^\s+(?:de la|de las|del|de los|de|of the|of)\s+$")
# A full stop after a title ("Dr. Howell") or an initial ("J. Smith") does not end a sentence.
ABBREVIATIONS = (
    "Dr",
    "Dra",
    "Sr",
    "Sra",
    "Srta",
    "Prof",
    "Mr",
    "Mrs",
    "Ms",
    "St",
    "Gen",
    "Lt",
    "Col",
    "Sgt",
    "Jr",
    "núm",
    "No",
)
SENTENCE_END = re.compile(
    "".join(rf"(?<!\b{abbreviation})" for abbreviation in ABBREVIATIONS)
    + r"(?<!\b[A-Z])[.!?…](?=\s+[«“\"¿¡A-ZÁÉÍÓÚÑ]|\s*$)"
)
MAXIMUM_WORDS_BETWEEN_NAME_AND_VERB = 8
SPEECH_VERB = "|".join(sorted(SPEECH_VERBS))
# "said Jane Smith", "declaró la ministra de Sanidad, Ana López": where a name may follow.
AFTER_SPEECH_VERB = re.compile(rf"\b(?:{SPEECH_VERB})\s+(?:(?:el|la|the)\s+[^,.;:“«\"]{{1,60}},\s+)?")
# Text ending just before a name that is spoken of ("aseguró Howell") or reported by ("según la agencia TASS").
ENDS_WITH_SPEECH_VERB = re.compile(rf"\b(?:{SPEECH_VERB})\s+(?:(?:el|la|the)\s+)?$")
ENDS_WITH_REPORTING_CUE = re.compile(REPORTING_CUES.pattern + r"(?:\s+\S+){0,5}\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class SourceRef:
    """A source named in the text: an existing row, or one the importer will create."""

    name: str
    kind: str = Source.Kind.OTHER


@dataclass
class FoundQuote:
    text: str
    speaker: SourceRef | None = None
    source: SourceRef | None = None


@dataclass
class ParagraphAttribution:
    sources: list[SourceRef] = field(default_factory=list)
    quotes: list[FoundQuote] = field(default_factory=list)


@dataclass(frozen=True)
class NameMatch:
    start: int
    end: int
    source: SourceRef


def guess_kind(name):
    words = set(name.split())
    for kind, keywords in ORGANISATION_WORDS.items():
        if words & keywords:
            return kind
    return Source.Kind.PERSON


class SourceIndex:
    """Every name and alias of the known sources, matched case-sensitively as whole words."""

    def __init__(self, sources=()):
        self.by_name = {}
        self.by_folded_name = {}
        self._pattern = None
        for source in sources:
            self.add(SourceRef(source.name, source.kind), [source.name, *source.alias_list()])
        self.add_surnames([ref for ref in set(self.by_name.values()) if ref.kind == Source.Kind.PERSON])

    @classmethod
    def from_database(cls):
        return cls(Source.objects.all())

    def add(self, source_ref, names):
        for name in names:
            name = " ".join(name.split())
            if name:
                self.by_name.setdefault(name, source_ref)
                self.by_folded_name.setdefault(name.casefold(), source_ref)
        self._pattern = None

    def add_surnames(self, people):
        """Later mentions use the surname alone ("aseguró Howell"); a surname two people share stays unknown."""
        surnames = {}
        for person in people:
            parts = person.name.split()
            if len(parts) > 1 and len(parts[-1]) >= 3:
                surnames.setdefault(parts[-1], set()).add(person)
        for surname, owners in surnames.items():
            if len(owners) == 1 and surname not in self.by_name:
                self.add(owners.pop(), [surname])

    def add_person(self, name):
        """Remember a person the text introduces ("el Dr. Edward Howell")."""
        person = self.by_name.get(name)
        if person is None:
            person = SourceRef(name, guess_kind(name))
            self.add(person, [name])
        if person.kind == Source.Kind.PERSON:
            self.add_surnames([person])
        return person

    def lookup(self, name):
        """The source with exactly this name or alias, ignoring case (for credit lines)."""
        return self.by_folded_name.get(" ".join(name.split()).casefold())

    def find_all(self, text):
        """Non-overlapping mentions, longest name first, names continued by "de la …" merged."""
        if not self.by_name:
            return []
        if self._pattern is None:
            alternatives = sorted(self.by_name, key=len, reverse=True)
            self._pattern = re.compile(
                r"(?<![\wÀ-ÿ-])(?:" + "|".join(re.escape(name) for name in alternatives) + r")(?![\wÀ-ÿ-])"
            )
        matches = []
        for match in self._pattern.finditer(text):
            if matches and NAME_CONNECTORS.match(text[matches[-1].end : match.start()]):
                continue
            matches.append(NameMatch(match.start(), match.end(), self.by_name[match.group()]))
        return matches


def find_quotes(text):
    """(start, end, words) of each quotation long enough to be a statement; start/end include the marks."""
    found = []
    for match in QUOTE_PATTERN.finditer(text):
        # English puts the comma that joins a quote to its attribution inside the marks.
        words = next(group for group in match.groups() if group is not None).strip().rstrip(",;:").strip()
        if len(words.split()) >= MINIMUM_QUOTE_WORDS:
            found.append((match.start(), match.end(), words))
    return found


def mask_quotes(text):
    """The text with every quotation's inside blanked out, so its full stops don't end sentences."""
    return QUOTE_PATTERN.sub(lambda match: match.group()[0] + " " * (len(match.group()) - 2) + match.group()[-1], text)


def sentence_bounds(masked_text, position):
    """Start and end of the sentence around `position`."""
    start = 0
    for match in SENTENCE_END.finditer(masked_text, 0, position):
        start = match.end()
    end_match = SENTENCE_END.search(masked_text, position)
    return start, end_match.end() if end_match else len(masked_text)


def words(text):
    return re.findall(r"[\wÀ-ÿ'’-]+", text)


def is_subject_of_speech(text_after_name):
    """True when a speech verb follows a name closely, within the same clause: "Kim confirmó", "Macron, presidente de Francia advirtió"."""
    clause = re.split(r"[.;:“«\"]", text_after_name, maxsplit=1)[0]
    for index, word in enumerate(words(clause)):
        if index > MAXIMUM_WORDS_BETWEEN_NAME_AND_VERB:
            return False
        if word.lower() in SPEECH_VERBS:
            return True
    return False


class ParagraphReader:
    def __init__(self, text, index):
        self.text = text
        self.index = index
        self.masked = mask_quotes(text)
        self.introduce_people()
        self.mentions = index.find_all(self.masked)

    def introduce_people(self):
        """Titles ("el Dr. Edward Howell") and speech verbs ("said Jane Smith") introduce new people."""
        for title in TITLES.finditer(self.masked):
            name = PERSON_NAME.match(self.masked, title.end())
            if name and name.group().split()[0] not in NOT_NAMES:
                self.index.add_person(name.group())
        for verb in AFTER_SPEECH_VERB.finditer(self.masked):
            name = PERSON_NAME.match(self.masked, verb.end())
            if name and len(name.group().split()) >= 2 and name.group().split()[0] not in NOT_NAMES:
                if not self.index.find_all(name.group()):
                    self.index.add_person(name.group())

    def mentions_between(self, start, end):
        return [mention for mention in self.mentions if start <= mention.start and mention.end <= end]

    def speaker_named_after(self, quote_end, sentence_end):
        """“…”, afirmó X  /  “…”, declaró la ministra, X  /  “…”, X said.

        Returns (speaker, whether a speech verb follows the quote without naming anyone,
        as in "“…”, subrayó" or "“…”, the agency said").
        """
        clause_end = quote_end + len(re.split(r"[.;“«\"]", self.masked[quote_end:sentence_end] + ".", maxsplit=1)[0])
        tail = self.masked[quote_end:clause_end]
        tail_words = words(tail)
        verb_position = next(
            (number for number, word in enumerate(tail_words[:4]) if word.lower() in SPEECH_VERBS), None
        )
        if verb_position is None:
            return None, False
        mentions = self.mentions_between(quote_end, clause_end)
        if verb_position == 0:
            # The verb comes first: the speaker is the first name after it ("afirmó el Consejo…").
            for mention in mentions:
                if len(words(self.masked[quote_end : mention.start])) > MAXIMUM_WORDS_BETWEEN_NAME_AND_VERB:
                    break
                if mention.source.kind not in Source.REPORTING_KINDS:
                    return mention.source, True
            return None, True
        for mention in mentions:
            if not words(self.masked[quote_end : mention.start]):
                return mention.source, True  # “…”, Lee told the BBC.
        # "the agency said": someone named earlier is speaking again.
        return None, tail_words[0].lower() in {"el", "la", "the"}

    def speaker_named_before(self, sentence_start, quote_start):
        """X afirmó que “…” — the nearest name in the sentence that a speech verb follows."""
        for mention in reversed(self.mentions_between(sentence_start, quote_start)):
            if is_subject_of_speech(self.masked[mention.end : quote_start]):
                return mention.source
        return None

    def reporting_source(self, start, end):
        """The outlet named after a reporting cue ("según la agencia TASS") or before a reporting verb."""
        found = []
        for cue in REPORTING_CUES.finditer(self.masked, start, end):
            previous_end = None
            for mention in self.mentions_between(cue.end(), end):
                if previous_end is None:
                    between = self.masked[cue.end() : mention.start]
                    if len(words(between)) > 5 or re.search(r"[.;:“«\"]", between):
                        break
                elif not re.fullmatch(r"\s*(?:,|and|y|e|&)\s*", self.masked[previous_end : mention.start]):
                    break  # "según Reuters y TASS" names both; anything else ends the list.
                if mention.source.kind in Source.REPORTING_KINDS or mention.source.kind == Source.Kind.SOCIAL_MEDIA:
                    found.append(mention.source)
                previous_end = mention.end
        for mention in self.mentions_between(start, end):
            if mention.source.kind in Source.REPORTING_KINDS:
                next_words = words(self.masked[mention.end : mention.end + 40])[:1]
                if next_words and next_words[0].lower() in REPORTING_VERBS:
                    found.append(mention.source)
        unique = list(dict.fromkeys(found))
        return unique[0] if len(unique) == 1 else None

    def attribute_quote(self, quote_start, quote_end, text):
        sentence_start, sentence_end = sentence_bounds(self.masked, quote_start)
        _, sentence_end = sentence_bounds(self.masked, quote_end)
        speaker, has_bare_verb = self.speaker_named_after(quote_end, sentence_end)
        if speaker is None:
            speaker = self.speaker_named_before(sentence_start, quote_start)
        if speaker is None and (has_bare_verb or self.masked[:quote_start].rstrip().endswith(":")):
            # “…”, subrayó. — the speaker is whoever the paragraph last had speaking.
            speaker = self.speaker_named_before(0, sentence_start)
        source = self.reporting_source(sentence_start, sentence_end) or self.reporting_source(0, len(self.masked))
        if source == speaker:
            source = None
        return FoundQuote(text=text, speaker=speaker, source=source)

    def cited_sources(self, quotes):
        """Sources the paragraph relies on: speakers, reporters, and names that speak or hold an opinion."""
        cited = []
        for quote in quotes:
            cited += [quote.speaker, quote.source]
        for mention in self.mentions:
            after = self.masked[mention.end :]
            before = self.masked[max(0, mention.start - 60) : mention.start]
            speaks = is_subject_of_speech(after) and not re.match(r"\s*[.;:]", after)
            spoken_of = bool(ENDS_WITH_SPEECH_VERB.search(before))
            reported = bool(ENDS_WITH_REPORTING_CUE.search(before))
            sentence_start, _ = sentence_bounds(self.masked, mention.start)
            opinion = bool(OPINION_CUES.match(self.masked[sentence_start : mention.start].lstrip()))
            if speaks or spoken_of or reported or opinion:
                cited.append(mention.source)
        return list(dict.fromkeys(source for source in cited if source is not None))


def attribute_paragraph(text, index):
    reader = ParagraphReader(text, index)
    quotes = [reader.attribute_quote(start, end, words) for start, end, words in find_quotes(text)]
    return ParagraphAttribution(sources=reader.cited_sources(quotes), quotes=quotes)
