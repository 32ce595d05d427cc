"""Imports refuse, with one clear line and nothing written, what they cannot store or would take too long
to read: every field of article.v1 JSON has its type and length checked before anything is saved.

Before, each of these answered 500 in the admin and printed a traceback on the command line (or ran
until gunicorn killed the worker); "sources": "ABC" created the sources "A", "B" and "C".
"""

import json
import time
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from articles.importing.parsed import (
    MAXIMUM_BLOCKS,
    MAXIMUM_FILE_BYTES,
    MAXIMUM_LINES,
    MAXIMUM_QUOTES,
    MAXIMUM_SECTIONS,
    MAXIMUM_TAGS,
)
from articles.models import Article, Block, Quote, Section, Source
from articles.rendering import MAXIMUM_MARKDOWN_LENGTH

pytestmark = pytest.mark.django_db


def article(**fields):
    """An article.v1 document with one paragraph, changed by `fields` (a section list replaces the body)."""
    data = {
        "schema": "article.v1",
        "headline": "Talks resume in Geneva",
        "sections": [{"heading": None, "anchor": "opening", "blocks": [{"type": "paragraph", "text": "Text."}]}],
    }
    data.update(fields)
    return json.dumps(data, separators=(",", ":")).encode()


def paragraph(**fields):
    return article(sections=[{"blocks": [{"type": "paragraph", "text": "Text.", **fields}]}])


def figure(**fields):
    return article(sections=[{"blocks": [{"type": "paragraph", "text": "Text."}, {"type": "figure", **fields}]}])


def sections(count, blocks_each=1):
    return [
        {"heading": f"H{number}", "blocks": [{"type": "paragraph", "text": "."}] * blocks_each}
        for number in range(count)
    ]


BAD_FILES = {
    "deeply nested JSON": (
        b'{"schema": "article.v1", "headline": "x", "sections": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
        "nested more than 20 levels deep",
    ),
    "a 5,000-digit integer": (
        article(edition=0).replace(b'"edition":0', b'"edition":' + b"7" * 5000),
        "a number 5,000 digits long",
    ),
    "quotes that are not a list": (paragraph(quotes="we will sign"), "“quotes” must be a list"),
    "quotes that are not objects": (paragraph(quotes=["we will sign"]), "“quotes” must be a list of objects"),
    "a quote's speaker that is not a name": (
        paragraph(quotes=[{"text": "we will sign", "speaker": ["Putin"]}]),
        "“speaker” must be a source's name or null",
    ),
    "sources given as one string": (paragraph(sources="ABC"), "“sources” must be a list"),
    "sources that are not names": (paragraph(sources=[1, 2]), "“sources” must be a list of names"),
    "a headline that is a number": (article(headline=12), "“headline” must be text"),
    "an over-long headline": (article(headline="h" * 301), "headline: "),
    "an over-long byline": (article(byline="b" * 201), "byline: "),
    "a bad language code": (article(language="español!"), "language: "),
    "a bad slug": (article(slug="not a slug"), "slug: "),
    "an unknown status": (article(status="archived"), "status: "),
    "a date that is not a date": (article(published_at="2024-13-45T10:00:00"), "“published_at” must be a date"),
    "duplicate section anchors": (
        article(sections=[{"anchor": "same", "blocks": [{"type": "paragraph", "text": "A."}]}] * 2),
        "section 2: the anchor “same” is already the anchor of section 1",
    ),
    "a bad section anchor": (
        article(sections=[{"anchor": "no spaces", "blocks": [{"type": "paragraph", "text": "A."}]}]),
        "section 1: anchor: ",
    ),
    "an over-long heading": (
        article(sections=[{"heading": "h" * 301, "blocks": [{"type": "paragraph", "text": "A."}]}]),
        "section 1: heading: ",
    ),
    "blocks that are not a list": (article(sections=[{"blocks": "paragraph"}]), "“blocks” must be a list"),
    "a lead figure that is not an object": (article(lead_figure="photo.jpg"), "“lead_figure” must be an object"),
    "credit parts that are not an object": (figure(credit_parts=["AP"]), "“credit_parts” must be an object"),
    "an over-long alt text": (figure(alt="a" * 501), "block 2: alt_text: "),
    "an over-long source name": (paragraph(sources=["S" * 201]), "source “SSSS"),
    "an over-long paragraph": (paragraph(text="a" * (MAXIMUM_MARKDOWN_LENGTH + 1)), "block 1: text: "),
    "an over-long topic": (article(tags=["t" * 101]), "topic “tttt"),
    "too many topics": (article(tags=[f"topic {number}" for number in range(20_000)]), "more than 50 topics"),
    "too many sections": (article(sections=sections(30_000)), f"more than {MAXIMUM_SECTIONS} sections"),
    "too many blocks": (article(sections=sections(1, 50_000)), f"more than {MAXIMUM_BLOCKS:,} blocks"),
    "too many quotes": (
        paragraph(quotes=[{"text": "we will sign"}] * (MAXIMUM_QUOTES + 1)),
        f"more than {MAXIMUM_QUOTES:,} quotes",
    ),
    "too many lines": (b"Headline\n\nStandfirst.\n\n" + b"A line.\n" * 100_000, "more than 10,000 lines"),
    "too many plain-text headings": (
        b"Headline\n\nStandfirst.\n" + b"A heading\nA paragraph.\n" * (MAXIMUM_LINES // 2 - 5),
        f"more than {MAXIMUM_SECTIONS} sections",
    ),
    "an over-long plain-text paragraph": (
        b"Headline\n\nStandfirst.\n\nShort paragraph.\n" + b"a" * (MAXIMUM_MARKDOWN_LENGTH + 1) + b"\n",
        "line 6: text: ",
    ),
}


def counts():
    return [model.objects.count() for model in (Article, Section, Block, Quote, Source)]


@pytest.fixture
def article_file(tmp_path):
    def write(content):
        path = tmp_path / "article.json"
        path.write_bytes(content)
        return path

    return write


@pytest.mark.parametrize("kind", BAD_FILES)
def test_the_command_line_refuses_bad_input_in_one_line_quickly_and_writes_nothing(article_file, kind):
    content, message = BAD_FILES[kind]
    before = counts()
    start = time.perf_counter()

    with pytest.raises(CommandError) as error:
        call_command("import_article", str(article_file(content)), stdout=StringIO())

    assert message in str(error.value) and "\n" not in str(error.value)
    assert time.perf_counter() - start < 5
    assert counts() == before


@pytest.mark.usefixtures("english_interface")
@pytest.mark.parametrize("kind", BAD_FILES)
def test_the_admin_refuses_bad_input_at_the_field_and_writes_nothing(editor_client, kind):
    content, message = BAD_FILES[kind]
    before = counts()

    response = editor_client.post(
        reverse("admin:articles_article_import"), {"file": SimpleUploadedFile("article.json", content)}
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "Cannot import this file" in page and "Nothing was imported." in page
    assert counts() == before


def test_sources_given_as_one_string_create_no_source_per_letter(article_file):
    with pytest.raises(CommandError):
        call_command("import_article", str(article_file(paragraph(sources="ABC"))), stdout=StringIO())

    assert not Source.objects.filter(name__in=["A", "B", "C"]).exists()


def test_a_fifty_megabyte_file_is_refused_without_being_read(tmp_path):
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as file:
        file.truncate(50 * 1024 * 1024)  # sparse: no time spent writing it

    start = time.perf_counter()
    with pytest.raises(CommandError, match=r"the file is 50\.0 MB, more than the 2 MB accepted"):
        call_command("import_article", str(huge), stdout=StringIO())
    assert time.perf_counter() - start < 1


@pytest.mark.usefixtures("english_interface")
def test_the_admin_refuses_a_file_over_the_size_limit(editor_client):
    content = b"Headline\n\n" + b"a" * MAXIMUM_FILE_BYTES

    response = editor_client.post(
        reverse("admin:articles_article_import"), {"file": SimpleUploadedFile("big.txt", content)}
    )

    assert "The file is larger than 2.0\xa0MB; an article is much smaller." in response.content.decode()
    assert not Article.objects.exists()


def test_too_many_topics_on_the_command_line_are_refused(tmp_path, article_file):
    tags = ", ".join(f"topic {number}" for number in range(MAXIMUM_TAGS + 1))

    with pytest.raises(CommandError, match="more than 50 topics"):
        call_command("import_article", str(article_file(article())), "--tags", tags, stdout=StringIO())
    assert not Article.objects.exists()


def test_an_anchor_made_from_a_heading_steps_around_an_anchor_the_file_gives(article_file):
    body = [
        {"heading": "Background", "anchor": None, "blocks": [{"type": "paragraph", "text": "A."}]},
        {"heading": "Other", "anchor": "background", "blocks": [{"type": "paragraph", "text": "B."}]},
    ]

    call_command("import_article", str(article_file(article(sections=body))), stdout=StringIO())

    anchors = list(Section.objects.order_by("position").values_list("anchor", flat=True))
    assert anchors == ["background-2", "background"]


def test_a_publication_time_without_a_time_zone_is_read_in_the_sites(article_file, settings):
    call_command(
        "import_article",
        str(article_file(article(status="published", published_at="2024-05-01T10:00:00"))),
        stdout=StringIO(),
    )

    assert Article.objects.get().published_at.isoformat() == "2024-05-01T08:00:00+00:00"


def test_a_100_kb_article_full_of_quotes_imports_in_a_few_seconds(tmp_path):
    sentence = (
        "“Las Conversaciones, Cubrirán La Cooperación Militar”, afirmó el Consejo de Seguridad de Rusia, según TASS. "
    )
    paragraph_text = (sentence * (MAXIMUM_MARKDOWN_LENGTH // len(sentence)))[: MAXIMUM_MARKDOWN_LENGTH - 1].strip()
    path = tmp_path / "quotes.txt"
    path.write_text("Headline of the quotes\n\nStandfirst.\n\n" + "\n\n".join([paragraph_text] * 5) + "\n")

    start = time.perf_counter()
    call_command("import_article", str(path), stdout=StringIO())

    assert time.perf_counter() - start < 5
    assert Quote.objects.count() == 5 * paragraph_text.count("”, afirmó")
    assert set(Quote.objects.values_list("speaker__name", "source__name")) == {(None, "TASS")}
