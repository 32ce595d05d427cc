"""Outlets named by the way they carried a statement, whether the database knows them or not."""

import re

from .attribution_words import NOT_NAMES, SOCIAL_NETWORKS, SPEECH_VERBS
from .models import Source
from .source_index import SourceRef

# Outlets named by the way they carried a statement, whether known or not: "dijo a la agencia EFE",
# "en declaraciones al diario El Correo", "told the Yorkshire Post", "en su cuenta de X", "in a post on X",
# "le respondió en X"; and, for outlets the database knows, "dijo a EFE".
NETWORK = "|".join(SOCIAL_NETWORKS)
SPEECH_VERB = "|".join(sorted(SPEECH_VERBS))
OUTLET_WORD = r"[A-ZÁÉÍÓÚÑ0-9][\wÀ-ÿ]*(?:-(?!TV\b)[\wÀ-ÿ]+)*"
# A station's "-TV" is how it is written, not part of its name ("told KSDK-TV").
OUTLET_NAME = rf"(?:(?:El|La|The|À)\s+)?{OUTLET_WORD}(?:\s+(?:de\s+)?{OUTLET_WORD}){{0,3}}(?:-TV\b)?"
OUTLET_CUE = re.compile(
    r"(?:\b(?:en\s+su\s+cuenta\s+de|en\s+(?:un|una|su)\s+(?:mensaje|publicación|vídeo|video)\s+en|"
    rf"(?:posted|wrote|said|post|statement|message|{SPEECH_VERB})\s+(?:on|en))\s+(?P<network>{NETWORK})\b)|"
    r"(?:\b(?:(?:a|según|de)\s+la\s+(?P<agency>agencia)(?:\s+(?:estatal|oficial|pública))?|a\s+la\s+(?:cadena|emisora|radio|televisión)|"
    r"al\s+(?:diario|periódico|canal)|en\s+declaraciones\s+a(?:l)?|en\s+(?:una\s+)?entrevista\s+(?:con|en|a)"
    r"(?:\s+la\s+(?:cadena|emisora|radio))?|told(?:\s+the)?|in\s+an\s+interview\s+with(?:\s+the)?|"
    rf"speaking\s+to(?:\s+the)?|a(?=\s+Radio\s)|(?P<verb>{SPEECH_VERB})\s+al?(?=\s+(?!Radio\s)))\s+(?P<name>{OUTLET_NAME}))(?![\wÀ-ÿ-])"
)


def find_outlet_cues(text, index):
    """(start, end, outlet) of every outlet cue in `text`, in order: one pass of one pattern."""
    return [
        (cue.start(), cue.end(), outlet) for cue in OUTLET_CUE.finditer(text) if (outlet := outlet_named(cue, index))
    ]


def outlet_named(cue, index):
    """The outlet an outlet cue names, of the kind the cue says; a person's name is no outlet."""
    if cue.group("network"):
        return index.lookup(cue.group("network")) or SourceRef(cue.group("network"), Source.Kind.SOCIAL_MEDIA)
    name = cue.group("name").removesuffix("-TV")
    if cue.group("verb"):
        # "dijo a EFE": only an outlet the database knows, since "dijo a Juan Pérez" names a person.
        known = index.lookup(name) or index.lookup(name.removeprefix("The "))
        return known if known is not None and known.kind in Source.REPORTING_KINDS else None
    if (
        name.split()[0] in NOT_NAMES - {"El", "La", "The"}
        or index.by_name.get(name, SourceRef(name)).kind == Source.Kind.PERSON
    ):
        return None
    kind = Source.Kind.NEWS_AGENCY if cue.group("agency") else Source.Kind.MEDIA
    # "told The Associated Press": the article is how English writes the name, not part of it.
    return index.lookup(name) or index.lookup(name.removeprefix("The ")) or SourceRef(name, kind)
