"""The attribution grammar of issue 10, one cue at a time (articles/attribution.py, people.py).

Each paragraph is read with the sources the migrations seed and nothing else, as a new
article would be; the corpus (test_corpus.py) measures the same rules on whole articles."""

import pytest

from articles.attribution import ANONYMOUS, CONTINUES, EARLIER, ORGANISATION, attribute_paragraph
from articles.source_index import SourceIndex

pytestmark = pytest.mark.django_db


def attributions(*paragraphs):
    """(text start, speaker, outlet, cue) of every quote, the paragraphs read in order as one article."""
    index = SourceIndex.from_database()
    found = []
    for paragraph in paragraphs:
        for quote in attribute_paragraph(paragraph, index).quotes:
            found.append(
                (
                    quote.text[:20],
                    quote.speaker and quote.speaker.name,
                    quote.source and quote.source.name,
                    quote.cue,
                )
            )
    return found


@pytest.mark.parametrize(
    ("paragraphs", "speaker"),
    [
        # Spanish puts any verb after a quote that opens its sentence: the word is the cue, not a list.
        (
            [
                "Detrás de la barra, Mari Carmen Lafuente, de 67 años, sirve el primer café.",
                "«Cuando cerró el bar, cerró el pueblo entero», resume Lafuente.",
            ],
            "Mari Carmen Lafuente",
        ),
        # A title inside the run of capitals is not part of the name.
        (
            [
                'Labour Minister Priya Deshmukh told reporters that she was worried. "All options are on '
                'the table," Deshmukh said.'
            ],
            "Priya Deshmukh",
        ),
        # A nom de guerre is the name the text gives.
        (
            [
                "El anuncio lo hizo su comandante, alias Ramiro Cuéllar, en un mensaje. «Damos este paso para "
                "demostrar que queremos la paz», afirmó."
            ],
            "Ramiro Cuéllar",
        ),
        # Korean names put the surname first: "Kim" is Kim Min-seo here, not the seeded Kim Jong-un.
        (
            [
                '"Every month counts for them," Kim Min-seo, a spokeswoman for the ministry, told a briefing.',
                'Kim said the ministry had written to the North. "We hope for a reply soon," she said.',
            ],
            "Kim Min-seo",
        ),
        # A role before the name, without commas, introduces the person.
        (
            [
                "En el pueblo, la comerciante Rosa Chiriboga cerró su tienda. «Sin carretera no hay clientes "
                "para nadie», explicó Chiriboga a la cadena Teleamazonas."
            ],
            "Rosa Chiriboga",
        ),
        # A person named as subject earlier, a pronoun in between, then a bare verb.
        (
            [
                "Penhaligon, 71, spent three years organising petitions. She has no regrets. "
                '"It has been the best thing I have ever done," she said.'
            ],
            None,
        ),
        (
            [
                '"People told me I was wasting my time," said Ruth Penhaligon, a retired doctor.',
                "Penhaligon, 71, spent three years organising petitions. She has no regrets. "
                '"It has been the best thing I have ever done," she said.',
            ],
            "Ruth Penhaligon",
        ),
    ],
)
def test_the_speaker_of_the_last_quote_is_the_person_the_text_names(paragraphs, speaker):
    assert attributions(*paragraphs)[-1][1] == speaker


def test_an_organisation_or_an_anonymous_speaker_leaves_the_speaker_empty_with_the_reason():
    found = attributions(
        "Una fuente de la Secretaría de Gestión de Riesgos, que pidió no ser identificada, aseguró que hay "
        "otros puntos críticos. «Es cuestión de tiempo que vuelva a caer», advirtió.",
        '"Automation is not a threat, it is how ports survive," the association said in a statement.',
        "«Seguimos abiertos a negociar, pero no a cualquier precio», añadió el comité de empresa.",
    )
    assert [(speaker, cue) for _, speaker, _, cue in found] == [
        (None, ANONYMOUS),
        (None, ORGANISATION),
        (None, ORGANISATION),
    ]


def test_a_person_named_earlier_does_not_speak_for_a_new_subject():
    found = attributions(
        "Lafuente habló con los vecinos el lunes. La ministra anunció después un plan de ayudas. "
        "«Nadie se quedará sin agua este verano», añadió."
    )
    assert found[0][1] is None


def test_a_short_quote_that_continues_a_split_quote_is_a_statement_but_a_quoted_title_is_not():
    found = attributions(
        '"They kept ordering ships as if the boom would last," said Sofia Brandt, an analyst. "It never does."',
        "El lienzo, titulado «Retrato de una dama con abanico», salió de España en los años cuarenta.",
    )
    assert found == [
        ("They kept ordering s", "Sofia Brandt", None, "speech verb after the quote"),
        ("It never does.", "Sofia Brandt", None, CONTINUES),
    ]


@pytest.mark.parametrize(
    ("paragraph", "outlet"),
    [
        (
            "Una fuente de los bomberos dijo a EFE que el viento complicó las tareas. «Cada vez que parecía "
            "que lo teníamos, el viento giraba», relató.",
            "EFE",
        ),
        (
            'Su excompañera Sofía Ledesma le respondió en X: "Gracias por tanto, nos enseñaste a pelear".',
            "X",
        ),
        (
            "The official KCNA news agency carried a commentary accusing Seoul of staging "
            '"a humanitarian show for the cameras."',
            "KCNA",
        ),
    ],
)
def test_outlet_cues_name_the_outlet(paragraph, outlet):
    assert attributions(paragraph)[-1][2] == outlet


def test_a_dropped_subject_after_a_subject_sentence_is_that_person():
    found = attributions(
        "Lucía Berdejo tiene 31 años y vive con sus padres. «Pago la mitad de mi sueldo en gasolina», dice."
    )
    assert found == [("Pago la mitad de mi ", "Lucía Berdejo", None, EARLIER)]


@pytest.mark.parametrize(
    "paragraph",
    [
        'Harbor Freightlines cut 900 jobs on Tuesday. "We grew too fast," he said.',
        'Buenos Aires, the capital, reported record heat. "It is unbearable," she said.',
        "Juan Pérez habló con la prensa. Después, la portavoz del Gobierno leyó un comunicado. "
        "«No habrá más recortes este año», dijo.",
    ],
)
def test_a_company_a_place_or_an_unnamed_new_subject_is_never_taken_for_the_speaker(paragraph):
    assert attributions(paragraph)[0][1] is None


def test_she_said_takes_the_one_name_whose_sentence_says_it_is_a_person():
    found = attributions('At a clinic in Birmingham, Samira Khan brought her two sons. "Better late," she said.')
    assert found == [("Better late", "Samira Khan", None, EARLIER)]
