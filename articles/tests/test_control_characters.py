"""Control characters: refused where editors and imports write, stripped where feeds, sitemaps and
JSON-LD read, so that text already in the database never breaks a page."""

import json
import re
import xml.etree.ElementTree as ET
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from articles.models import Article, Section, Source
from articles.sitemaps import SITEMAPS
from articles.text import find_control_character, strip_control_characters, strip_control_characters_in

from .admin_helpers import change_form_data
from .factories import (
    ArticleFactory,
    FigureFactory,
    LeadFigureFactory,
    ParagraphFactory,
    PullQuoteFactory,
    QuoteFactory,
    SectionFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


@pytest.mark.parametrize("character", ["\x00", "\x01", "\x08", "\x0b", "\x1f", "\x7f", "\x85", "\x9f", "\ufffe"])
def test_control_characters_are_found_and_stripped_but_line_breaks_and_tabs_stay(character):
    text = f"Uno{character}\tdos\r\ntres"

    assert find_control_character(text).group() == character
    assert strip_control_characters(text) == "Uno\tdos\r\ntres"
    assert find_control_character("Uno\tdos\r\ntres") is None
    assert find_control_character("Uno\tdos", one_line=True).group() == "\t"
    assert strip_control_characters_in({"a": [text, (text,)], "n": 3}) == {
        "a": ["Uno\tdos\r\ntres", ("Uno\tdos\r\ntres",)],
        "n": 3,
    }


def one_of_each_model():
    article = ArticleFactory()
    section = SectionFactory(article=article)
    return {
        "article": article,
        "section": section,
        "paragraph": ParagraphFactory(section=section, position=1),
        "figure": FigureFactory(section=section, position=2),
        "lead figure": LeadFigureFactory(article=article),
        "pull quote": PullQuoteFactory(section=section, position=3),
        "quote": QuoteFactory(paragraph__section=section, paragraph__position=4),
        "source": SourceFactory(),
    }


ONE_LINE_FIELDS = [
    ("article", "headline"),
    ("article", "byline"),
    ("section", "heading"),
    ("figure", "alt_text"),
    ("figure", "credit"),
    ("figure", "credit_source"),
    ("figure", "credit_photographer"),
    ("figure", "credit_distributor"),
    ("lead figure", "credit"),
    ("source", "name"),
    ("source", "country"),
]
MULTI_LINE_FIELDS = [
    ("article", "standfirst"),
    ("article", "correction_note"),
    ("paragraph", "text"),
    ("figure", "caption"),
    ("lead figure", "caption"),
    ("pull quote", "text"),
    ("quote", "text"),
    ("source", "aliases"),
]


@pytest.mark.parametrize(("model", "field"), ONE_LINE_FIELDS + MULTI_LINE_FIELDS)
def test_every_text_field_refuses_a_control_character_on_full_clean(english_interface, model, field):
    instance = one_of_each_model()[model]
    setattr(instance, field, "Texto con \x01 dentro")

    with pytest.raises(ValidationError) as error:
        instance.full_clean()

    assert "U+0001 at position 11" in str(error.value.message_dict[field])


@pytest.mark.parametrize(("model", "field"), ONE_LINE_FIELDS)
def test_one_line_fields_refuse_a_line_break_or_tab(english_interface, model, field):
    instance = one_of_each_model()[model]
    setattr(instance, field, "Dos\nlíneas")

    with pytest.raises(ValidationError) as error:
        instance.full_clean()

    assert "one line" in str(error.value.message_dict[field])


@pytest.mark.parametrize(("model", "field"), MULTI_LINE_FIELDS)
def test_multi_line_fields_keep_line_breaks_and_tabs(model, field):
    instance = one_of_each_model()[model]
    setattr(instance, field, "Dos\r\nlíneas\tcon tabulador")

    instance.full_clean()


def test_the_article_form_refuses_a_control_character_in_the_standfirst_and_keeps_the_text(
    editor_client, english_interface
):
    article = ArticleFactory(standfirst="Antes.")
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = change_form_data(editor_client.get(url), "article_form")
    data["standfirst"] = "Una entradilla\x01 pegada de la web."

    response = editor_client.post(url, data)

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "invisible control character U+0001 at position 15" in str(errors["standfirst"])
    assert "Una entradilla\x01 pegada" in response.content.decode()
    article.refresh_from_db()
    assert article.standfirst == "Antes."


def test_the_section_form_refuses_a_control_character_in_a_figure_caption(editor_client, english_interface):
    figure = FigureFactory(caption="Antes")
    url = reverse("admin:articles_section_change", args=[figure.section.pk])
    data = change_form_data(editor_client.get(url), "section_form")
    [caption_field] = [name for name in data if name.endswith("-caption") and "__prefix__" not in name]
    data[caption_field] = "Pie\x02 de foto"

    response = editor_client.post(url, data)

    assert response.status_code == 200
    assert "U+0002" in response.content.decode()
    figure.refresh_from_db()
    assert figure.caption == "Antes"


def counts():
    return Article.objects.count(), Section.objects.count(), Source.objects.count()


def import_bytes(tmp_path, content, *arguments):
    path = tmp_path / "article.txt"
    path.write_bytes(content)
    call_command("import_article", str(path), *arguments, stdout=StringIO())


def article_json(**changes):
    data = {
        "schema": "article.v1",
        "headline": "Titular",
        "standfirst": "Entradilla.",
        "tags": ["Japón"],
        "sections": [
            {
                "heading": "Primera parte",
                "blocks": [
                    {"type": "paragraph", "text": "Texto.", "sources": ["Agencia"]},
                    {"type": "figure", "caption": "Pie", "credit": "EFE", "alt": "Foto"},
                ],
            }
        ],
    }
    for pointer, value in changes.items():
        *path, last = pointer.split("/")
        target = data
        for key in path:
            target = target[int(key) if key.isdigit() else key]
        target[int(last) if last.isdigit() else last] = value
    return json.dumps(data).encode()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            "Titular\n\nEntradilla.\n\nUn párrafo\x01 pegado.\n".encode(),
            "line 5 contains an invisible control character (U+0001): remove it",
        ),
        ("Titular\n\nEntradilla\x85 con NEL.\n\nTexto.\n".encode(), "line 3 contains an invisible control character"),
        (
            article_json(standfirst="Entradilla\x01."),
            "the text at “/standfirst” contains an invisible control character (U+0001 at position 11): remove it",
        ),
        (article_json(**{"sections/0/heading": "Parte\x7f"}), "the text at “/sections/0/heading”"),
        (article_json(**{"sections/0/blocks/1/credit": "EFE\x1b"}), "the text at “/sections/0/blocks/1/credit”"),
        (article_json(**{"sections/0/blocks/0/sources": ["Agen\x0bcia"]}), "“/sections/0/blocks/0/sources/0”"),
        (article_json(tags=["Jap\x01ón"]), "the text at “/tags/0”"),
        (article_json(headline="Dos\nlíneas"), "article: “headline” is one line: remove the line break or tab"),
        (article_json(**{"sections/0/heading": "Parte\tuno"}), "section 1: “heading” is one line"),
        (article_json(**{"sections/0/blocks/0/sources": ["Agencia\nEFE"]}), "section 1, block 1: “source” is one"),
        (article_json(tags=["x" * 101]), "the topic “xxxxxxxx"),
    ],
)
def test_the_importer_refuses_control_characters_with_one_clear_line_and_writes_nothing(
    tmp_path, english_interface, content, message
):
    before = counts()

    with pytest.raises(CommandError) as error:
        import_bytes(tmp_path, content)

    assert message in str(error.value)
    assert "\n" not in str(error.value)
    assert counts() == before


def test_the_importer_keeps_line_breaks_and_tabs_in_a_json_standfirst_and_paragraphs(tmp_path):
    import_bytes(
        tmp_path,
        article_json(standfirst="Dos\nlíneas", **{"sections/0/blocks/0/text": "Uno\tdos\n\ntres"}),
    )

    article = Article.objects.get()
    assert article.standfirst == "Dos\nlíneas"
    assert article.sections.get().blocks.get(position=1).paragraph.text == "Uno\tdos\n\ntres"


def test_topics_given_on_the_command_line_are_checked_too(tmp_path, english_interface):
    before = counts()

    with pytest.raises(CommandError, match="the topic “Japón”: Remove the invisible control character"):
        import_bytes(tmp_path, article_json(tags=[]), "--tags", "Japón\x01, Rusia")

    assert counts() == before


def test_the_admin_import_shows_the_control_character_error_at_the_file(editor_client, english_interface):
    response = editor_client.post(
        reverse("admin:articles_article_import"),
        {"file": SimpleUploadedFile("a.json", article_json(standfirst="Entradilla\x01."))},
    )

    assert response.status_code == 200
    assert "the text at “/standfirst” contains an invisible control character" in response.content.decode()
    assert Article.objects.count() == 0


# --- Text already in the database ---------------------------------------------------------------


@pytest.fixture
def article_with_control_characters():
    """An article as a database written before the validators holds it: a control character in
    every text feeds, sitemaps and JSON-LD show."""
    source = SourceFactory(name="Agencia\x01 Uno", slug="agencia-uno")
    article = ArticleFactory(
        headline="Titular\x01 con\x0b control",
        standfirst="Entradilla\x02 con\x1f control\ufffe.",
        byline="Ana\x03 Pérez",
        correction_note="Corregido\x04.",
    )
    article.tags.add("Rusia\x05", "OTAN")
    lead = LeadFigureFactory(article=article, caption="Pie\x06", credit="EFE\x07")
    lead.sources.add(source)
    QuoteFactory(paragraph__section__article=article, text="cita\x08", speaker=source)
    return article, source


def xml_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), ET.fromstring(response.content)


def test_every_feed_answers_and_is_well_formed_with_control_characters_in_the_database(
    client, article_with_control_characters
):
    article, source = article_with_control_characters
    topic = article.tags.get(name__startswith="Rus")
    for kind, kwargs in (("latest", {}), ("tag", {"slug": topic.slug}), ("source", {"slug": source.slug})):
        for flavour in ("rss", "atom"):
            text, _ = xml_of(client, reverse(f"articles:{kind}_feed_{flavour}", kwargs=kwargs))

            assert "Titular con control" in text
            assert "Entradilla con control." in text
            assert find_control_character(text) is None


def test_both_sitemaps_are_well_formed_with_control_characters_in_the_database(client, article_with_control_characters):
    sitemaps = [reverse("articles:sitemap"), reverse("articles:news_sitemap")]
    sitemaps += [reverse("articles:sitemap_section", kwargs={"section": section}) for section in SITEMAPS]
    for url in sitemaps:
        text, _ = xml_of(client, url)

        assert find_control_character(text) is None
    assert "<news:title>Titular con control</news:title>" in xml_of(client, reverse("articles:news_sitemap"))[0]


def test_json_ld_leaves_control_characters_out(client, article_with_control_characters):
    article, _ = article_with_control_characters

    html = client.get(article.get_absolute_url()).content.decode()

    [data] = JSON_LD.findall(html)
    assert "\\u000" not in data and "\\u001" not in data and "\\ufffe" not in data
    parsed = json.loads(data)
    assert parsed["headline"] == "Titular con control"
    assert parsed["hasPart"][0]["text"] == "cita"
    assert parsed["hasPart"][0]["spokenByCharacter"]["name"] == "Agencia Uno"
