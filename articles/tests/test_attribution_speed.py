"""Attribution reads a paragraph in time proportional to its length, whatever the text is made of.

The bounds are generous on purpose (the suite runs on small shared machines): before reading
only the text around each quote, 26 KB of quotes took 35 seconds and 52 KB 142.
"""

import time

import pytest

from articles.attribution import attribute_paragraph
from articles.source_index import SourceIndex

pytestmark = pytest.mark.django_db

# One stretch of each kind of text, repeated to fill the paragraph.
TEXTS = {
    "quotes with commas and capitals": (
        "“Las Conversaciones, Cubrirán La Cooperación Militar”, afirmó el Consejo de Seguridad de Rusia, según TASS. "
    ),
    "quotes without a full stop": '"uno dos tres cuatro", ',
    "names, titles and cues": "Dr. Juan Pérez, said Ana López, según Reuters y TASS, AP Kremlin ",
    "people introduced one after another": "said Ana López, said Juan Pérez, told the BBC, said Li Wei, ",
    "unclosed quotation marks and colons": "“Una: «Dos: ",
    "sentences of one word": "Sí. No. Dr. J. ",
}


def paragraph(text, length):
    return (text * (length // len(text) + 1))[:length]


def seconds_to_attribute(text):
    index = SourceIndex.from_database()
    start = time.perf_counter()
    attribute_paragraph(text, index)
    return time.perf_counter() - start


@pytest.mark.parametrize("kind", TEXTS)
def test_a_100_kb_paragraph_is_attributed_in_a_few_seconds(kind):
    assert seconds_to_attribute(paragraph(TEXTS[kind], 100_000)) < 5


def test_a_long_paragraph_still_attributes_its_quotes():
    text = paragraph(TEXTS["quotes with commas and capitals"], 100_000)
    found = attribute_paragraph(text, SourceIndex.from_database())
    assert len(found.quotes) == text.count("”, afirmó")
    assert {(quote.speaker, quote.source.name) for quote in found.quotes} == {(None, "TASS")}
    assert [source.name for source in found.sources] == ["TASS", "Consejo de Seguridad de Rusia"]
