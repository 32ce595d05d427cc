"""The words attribution reads: verbs that introduce speech, capitalised words that are not
names, nouns that name a person's role or an organisation, and abbreviations whose full stop
ends nothing. Lists, not rules: the rules are in attribution.py and people.py."""

import re

from .models import Source


def word_set(text):
    return frozenset(text.split())


SPEECH_VERBS = word_set(
    # Spanish preterite, imperfect and present forms that introduce speech.
    """
    afirmó aseguró dijo declaró señaló indicó explicó añadió agregó subrayó destacó advirtió apuntó sostuvo
    manifestó expresó comentó reconoció confirmó anunció informó alertó denunció insistió recalcó precisó
    respondió concluyó publicó describió escribió detalló aseveró enfatizó defendió criticó admitió prometió
    reiteró opinó especificó contó relató recordó lamentó aclaró resumió matizó remarcó adelantó replicó
    sentenció zanjó ironizó bromeó puntualizó reclamó pidió preguntó confesó aventuró
    afirma asegura dice declara señala explica advierte sostiene reconoce confirma anuncia informa alerta
    denuncia insiste publica subraya destaca resume admite bromea relata recuerda lamenta añade apunta concluye
    comenta cuenta reclama pide pregunta responde replica aclara matiza confiesa ironiza sentencia critica
    defiende escribe agrega precisa remarca recalca detalla indica expresa opina
    decía explicaba contaba recordaba resumía señalaba aseguraba afirmaba
    afirmado dicho declarado señalado explicado advertido subrayado reconocido añadido insistido
    recordado lamentado defendido denunciado criticado
    """
    # English.
    """
    said says told tells added adds stated declared warned warns noted explained insisted stressed confirmed
    announced reported wrote writes posted argued claimed acknowledged admitted tweeted described urged replied
    responded emphasised emphasized asserted commented remarked concluded alerted published recalled recounted
    conceded cautioned predicted promised joked continued suggested asked explains recalls admits
    """
)
# Speech verbs that also open other phrases: "cuenta con" (has), "called for", "called on".
NOT_SPEECH_AFTER = re.compile(r"(?<=\bcuenta)\s+con\b|(?<=\bcalled)\s+(?:for|on|off|up)\b", re.IGNORECASE)
# Verbs with which an outlet passes on what others said ("KCNA reported").
REPORTING_VERBS = word_set("informó informa publicó publica reported reports published recogió carried")
# Auxiliaries before a participle: "ha dicho", "has said".
AUXILIARIES = word_set("ha han había habían has have had")
# Pronouns a clause opens with before its verb: "le respondió", "nos contó".
CLITICS = word_set("le les lo la nos me se")

# Lowercase nouns before a name that make it a person's ("manager Simon Ashworth", "la vecina Rosa Gil").
ROLE_WORDS = word_set(
    """
    manager coach executive secretary minister spokesman spokeswoman spokesperson director president chairman
    chairwoman chair analyst economist researcher scientist officer official leader captain founder owner head
    administrator commissioner superintendent lawyer attorney entomologist epidemiologist teacher nurse farmer
    novelist writer author poet artist singer actor actress player striker defender goalkeeper scorer tailor
    student resident neighbour neighbor mother father worker driver trucker miner engineer doctor surgeon
    historian sociologist professor lecturer journalist photographer activist campaigner volunteer chief
    councillor governor mayor senator judge pastor priest vicar
    ministro ministra portavoz directora director presidente presidenta secretario secretaria alcalde alcaldesa
    dirigente líder consejero consejera delegado delegada gerente entrenador entrenadora abogado abogada
    investigador investigadora economista analista jefe jefa coordinador coordinadora concejal concejala diputado
    diputada senador senadora comerciante vecino vecina operaria operario trabajador trabajadora estudiante
    historiador historiadora profesor profesora maestro maestra médico médica enfermero enfermera párroco
    agricultor agricultora pescador pescadora ganadero ganadera empresario empresaria camionero camionera
    transportista tenista futbolista jugador jugadora capitán capitana escritor escritora autor autora
    periodista fotógrafo fotógrafa activista sindicalista cantante actor actriz madre padre abuela abuelo
    propietario propietaria técnico técnica ingeniero ingeniera funcionario funcionaria comandante
    """
)
# Person nouns by their ending: economista, socióloga, novelist, politician.
ROLE_ENDING = re.compile(r"(?:[a-záéíóú]{3,}(?:ista|ólog[oa])|[a-z]{4,}(?:ist|ogist|ian))$")
# Words that end like a person noun but are not one.
NOT_ROLES = word_set("lista pista vista revista entrevista conquista prólogo monólogo christian median")
# Nouns of organisations: "the company said", "añadió el comité" name a body, not a person.
ORGANISATION_NOUNS = word_set(
    """
    company firm agency ministry government council committee association union club festival federation party
    police department organisation organization group university court campaign authority board trust
    empresa compañía agencia ministerio gobierno ayuntamiento consistorio comité asociación sindicato club
    federación partido policía departamento organización grupo universidad tribunal fiscalía plataforma entidad
    institución comisión dirección secretaría cooperativa fundación
    """
)
# Capitalised words that open sentences or clauses rather than names.
NOT_NAMES = word_set(
    """
    El La Los Las Un Una Y Pero Sin Con En De Por Para Según Este Esta Ese Esa Ésta Éste Además Asimismo Así
    Lo Le Les Se Su Sus Hoy Ayer Desde Tras Cuando Mientras Ella Él Ellos Ellas Nosotros
    The A An And But In On At Of For This That It He She They We I His Her Their Its Officials Mr Mrs Ms
    Today Yesterday After Before When While Even Not All Some One Every Our My Your Regulars Residents
    Democrats Republicans Analysts
    """
)
ORGANISATION_WORDS = {
    Source.Kind.GOVERNMENT: word_set(
        """
        Ministerio Ministry Gobierno Government Consejo Council Departamento Department Presidencia Ejército Army
        Embajada Embassy Parlamento Parliament Congreso Congress Senado Senate Secretaría Secretariat Comisión
        Commission Defensoría Diputación Generalitat Junta Servicio Service Dirección Office Oficina Autoridad
        Authority Administración Administration
        """
    ),
    # Organisations that are none of the kinds above: never taken for a person.
    Source.Kind.OTHER: word_set(
        """
        Banco Bank Ayuntamiento Club Asociación Association Universidad University Policía Police Fiscalía
        Tribunal Court Sindicato Union Instituto Institute Federación Federation Partido Party Deportivo Company
        Corporation Cámara Chamber Plataforma Fundación Foundation Cooperativa Grupo Group Inc Ltd Corp Holdings
        Airlines Securities Payments Energy Minera Museo Museum Hospital Escuela School Colegio College Centro
        Center Centre Festival Trust Council Copa Cup League Liga Retail
        """
    ),
    Source.Kind.NEWS_AGENCY: word_set("Agencia Agency News Noticias Press Prensa"),
    Source.Kind.MEDIA: word_set(
        "Radio Televisión Television TV Canal Channel Cadena Diario Daily Herald Gazette Journal"
    ),
    Source.Kind.INTERNATIONAL_ORGANISATION: word_set(
        "Organización Organization Organisation Naciones Nations Fondo Fund Comité Committee"
    ),
}
# A full stop after a title ("Dr. Howell", "Rep. Whitfield") or an initial ends nothing.
ABBREVIATIONS = (
    *"Dr Dra Sr Sra Srta Prof Mr Mrs Ms St Gen Lt Col Sgt Jr núm No Rep Sen Gov Aug Sept Oct Nov Dec Jan Feb".split(),
)
# A speech verb with these as subject names nobody: the speaker is someone named earlier.
BARE_SUBJECTS = word_set("el la the he she they él ella ellos ellas")
# Personal pronouns: their antecedent is a person.
PERSONAL_PRONOUNS = word_set("he she él ella")
# Titles before a name that are not part of it ("Mayor Carl Jensen", "Labour Minister Priya Deshmukh").
TITLE_WORDS = word_set(
    """
    Professor Profesor Profesora Dr Dra Doctor Doctora Mr Mrs Ms Mayor Governor Gov President Presidente
    Presidenta Senator Sen Rep Minister Ministro Ministra Alcalde Alcaldesa Judge Juez Jueza Coach Captain
    Sheriff Chief General Sir Don Doña Father Padre Councillor Councilman Councilwoman Secretary Commissioner
    Headteacher
    """
)

# Titles and roles after which a capitalised name is a person ("el Dr. Edward Howell").
TITLES = re.compile(
    r"\b(?:Dr\.|Dra\.|Prof\.|[Dd]octora?|[Pp]rofesora?|[Ee]xpert[oa]|[Aa]nalista|[Ii]nvestigadora?|"
    r"[Ee]conomista|[Pp]olitólog[oa]|[Pp]ortavoz|[Pp]rofessor|[Aa]nalyst|[Ee]xpert|[Rr]esearcher|[Ee]conomist|"
    r"[Ss]pokes(?:man|woman|person)|alias|[Aa]podad[oa])\s+"
)
# Words before quoted words that make them a name or a title, not a statement:
# "bautizada como «…»", "titled “…”", "llevará por título «…»".
NAMING_WORDS = re.compile(
    r"\b(?:titulad[oa]s?|bautizad[oa]s?(?:\s+como)?|denominad[oa]s?|llamad[oa]s?|conocid[oa]s?\s+como|"
    r"por\s+título|con\s+el\s+título(?:\s+de)?|lema|titled|entitled|called|named|dubbed|known\s+as|slogan)\s*$",
    re.IGNORECASE,
)

# The cue of a quote whose attribution an export file states.
GIVEN_IN_THE_FILE = "given in the file"
# At most this many words between the parts of a quote split around its attribution ("she said").
SPLIT_QUOTE_WORDS = 30
# At most this many lowercase words of a role between a quote and its speaker ("chief executive").
MAXIMUM_ROLE_WORDS = 4


def is_person_noun(word):
    """A lowercase noun that names what a person is or does: "comerciante", "novelist"."""
    word = word.lower()
    return word in ROLE_WORDS or (bool(ROLE_ENDING.search(word)) and word not in NOT_ROLES)


# Words before a noun: "la pregunta", "su cuenta" are nouns, not the verbs "pregunta" and "cuenta".
DETERMINERS = word_set("el la los las un una su sus mi esta esa este the a an his her its their my this that")
# Subjects that name nobody in particular: "said a manager at …", "one official said", "fuentes del …".
INDEFINITE_SUBJECTS = word_set("a an one some several un una uno unos unas fuentes varios varias otro otra")
# The social networks: a channel, never a speaker.
SOCIAL_NETWORKS = tuple("X Telegram Instagram Bluesky Facebook TikTok YouTube Threads Twitter".split()) + (
    "Truth Social",
)
# Words after which a capitalised name belongs to the phrase before it ("una fuente de la Secretaría …").
COMPLEMENT_BEFORE = re.compile(r"\b(?:de|del|of|for|at|from)\s+(?:(?:la|el|los|las|the)\s+)?$")
# Words that never attribute speech in the place right after a quote ("«…», que …", "“…”, and …").
FUNCTION_WORDS = word_set(
    """
    que y e o u pero de del en a al el la los las un una se lo le les con por para sin según como cuando
    mientras donde aunque si no ni ya the and or but of in on at to by for with as which who whom that when
    while if not
    """
)
