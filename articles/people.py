"""Who a paragraph introduces as a person, so that attribution can name them.

A capitalised name becomes a person when the text says so: a title or an alias before it
("el Dr. Edward Howell", "alias Ramiro Cuéllar"), a role before it ("la comerciante Rosa
Chiriboga", "its director, Tom Reyes,"), an apposition after it ("Peter Hall, a teacher,",
"Rosa Gil, de 54 años,", "Marta Echevarría (Bilbao, 1968)"), or a speech verb next to it
("said Jane Smith", "Kim Min-seo le respondió"). A name any known organisation is part of,
or that an organisation word makes one ("Secretaría de …"), never becomes a person.
Each rule is one pass of one pattern over the paragraph.
"""

import re

from .attribution_words import (
    CLITICS,
    COMPLEMENT_BEFORE,
    NOT_NAMES,
    ROLE_WORDS,
    SPEECH_VERBS,
    TITLE_WORDS,
    TITLES,
    is_person_noun,
)
from .models import Source
from .source_index import guess_kind

CAPITALISED_WORD = r"[A-ZÁÉÍÓÚÑÜ][\wÀ-ÿ'’-]*[\wÀ-ÿ]"
PERSON_NAME = re.compile(rf"{CAPITALISED_WORD}(?:\s+(?:(?:de|del|van|von|da|di|bin|al)\s+)?{CAPITALISED_WORD}){{0,3}}")
WORD = re.compile(r"[\wÀ-ÿ'’-]+")
SPEECH_VERB = "|".join(sorted(SPEECH_VERBS))
ROLE = "|".join(sorted(ROLE_WORDS))
# "said Jane Smith", "declaró la ministra de Sanidad, Ana López": where a name may follow; not after
# a verb whose object is whom it was said to ("told Sky Sports", "warned Moscow").
SPOKEN_TO = {"told", "tells", "asked", "urged", "warned", "warns", "alerted", "promised"}
AFTER_SPEECH_VERB = re.compile(
    rf"\b(?:{'|'.join(sorted(SPEECH_VERBS - SPOKEN_TO))})\s+(?:(?:el|la|the)\s+[^,.;:“«\"]{{1,60}},\s+)?"
)
# "la consejera de Medio Ambiente, Laura Méndez", "its director, Tom Reyes", "su comandante, alias X".
ROLE_BEFORE_NAME = re.compile(
    r"(?:\b(?:[Ee]l|[Ll]a|[Ss]u|[Tt]he|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir|[Aa]n?|[Uu]na?)|[\w-]+['’]s)\s+"
    r"[a-záéíóúñA-Z][^,.;:“«\"]{0,80},\s+(?:alias\s+)?"
    rf"(?={CAPITALISED_WORD})"
)
# What after a name makes it a person's: an apposition ("Peter Hall, a teacher,", "Diane Mercier, chief
# executive of …", "Rosa Gil, de 54 años,", "Jim Treloar, 84,"), a birth ("(Bilbao, 1968)"), an age
# ("tiene 31 años") or a speech verb, with a pronoun before it in Spanish ("le respondió").
AFTER_PERSON_NAME = re.compile(
    rf",\s+(?:who\b|que\b|quien\b|de\s+\d+\s+años|\d{{1,3}}\b(?!\s+[a-z])"
    rf"|(?:[a-z]+\s+){{0,2}}(?:{ROLE})\b|conocid[oa]\b|known\s+as\b|(?:{SPEECH_VERB})\b)"
    rf"|\s+(?:(?:{'|'.join(CLITICS)})\s+)?(?:{SPEECH_VERB})\b"
    r"|\s*\([^()]{0,40}\b\d{4}\)|\s+(?:tiene|cumple|cumplió)\s+\d{1,3}\s+años"
)


# "Peter Hall, a teacher,", "Sofia Brandt, a shipping analyst": an apposition whose noun is a person's
# role (not "Buenos Aires, the capital,").
APPOSITION = re.compile(r",\s+(?:an?|the|un|una|el|la)\s+((?:[a-záéíóúñ'’-]+\s+){0,3}[a-záéíóúñ'’-]+)\b")


def has_person_apposition(text, name_end):
    apposition = APPOSITION.match(text, name_end)
    return bool(apposition) and any(is_person_noun(word) for word in apposition.group(1).split())


def introduce_people(text, index):
    """Make every person `text` introduces known to `index` (text with its quotations blanked)."""
    for title in TITLES.finditer(text):
        name = PERSON_NAME.match(text, title.end())
        if name and name.group().split()[0] not in NOT_NAMES:
            index.add_person(name.group())
    for role in ROLE_BEFORE_NAME.finditer(text):
        introduce_person(PERSON_NAME.match(text, role.end()), index)
    for name in PERSON_NAME.finditer(text):
        # "manager Simon Ashworth", "la comerciante Rosa Chiriboga", "Sen. Mark Hollis".
        before = WORD.findall(text[max(0, name.start() - 30) : name.start()])[-1:]
        is_role = bool(before) and (before[0] in TITLE_WORDS or (before[0].islower() and is_person_noun(before[0])))
        # A name completing the phrase before it is not the subject its verb is about: "el estado de Nuevo
        # León anunció", "the Retail Council of British Columbia, told".
        is_complement = COMPLEMENT_BEFORE.search(text, max(0, name.start() - 20), name.start())
        described = AFTER_PERSON_NAME.match(text, name.end()) or has_person_apposition(text, name.end())
        if is_role or (described and not is_complement):
            introduce_person(name, index)
    for verb in AFTER_SPEECH_VERB.finditer(text):
        introduce_person(PERSON_NAME.match(text, verb.end()), index)


def person_words(name, index):
    """The words of a capitalised run that name a person: titles before them ("Labour Minister") and
    a known outlet or body run into them ("la AFP Felipa Mamani") left out; None if none do."""
    parts = name.split()
    titles = [number for number, part in enumerate(parts[:-1]) if part.rstrip(".") in TITLE_WORDS]
    if titles:
        parts = parts[titles[-1] + 1 :]
    mentions = index.find_all(" ".join(parts))
    if mentions and mentions[0].start == 0 and mentions[0].source.kind != Source.Kind.PERSON:
        parts = " ".join(parts)[mentions[0].end :].split()
    if len(parts) < 2 or parts[0] in NOT_NAMES or guess_kind(" ".join(parts)) != Source.Kind.PERSON:
        return None
    return " ".join(parts)


def introduce_person(name, index):
    """A name of two words or more that no known organisation is part of becomes a person."""
    if name is None or (words := person_words(name.group(), index)) is None:
        return
    if all(mention.source.kind == Source.Kind.PERSON for mention in index.find_all(words)):
        index.add_person(words)
