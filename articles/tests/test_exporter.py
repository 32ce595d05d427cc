"""article.v1 JSON export, and export → import → export giving the same JSON."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article, Source
from articles.tests.factories import (
    ArticleFactory,
    LeadFigureFactory,
    ParagraphFactory,
    PullQuoteFactory,
    QuoteFactory,
    SectionFactory,
    SourceFactory,
)
from articles.tests.test_importer import SEED

pytestmark = pytest.mark.django_db


def export(slug):
    output = StringIO()
    call_command("export_article", slug, stdout=output)
    return json.loads(output.getvalue())


def reimport(exported, tmp_path, *arguments):
    path = tmp_path / "article.json"
    path.write_text(json.dumps(exported, ensure_ascii=False), encoding="utf-8")
    output = StringIO()
    call_command("import_article", str(path), *arguments, stdout=output)
    return output.getvalue().strip().splitlines()[-1]


def test_seed_export_follows_the_schema():
    call_command("import_article", str(SEED), "--publish", "--tags", "OTAN, Rusia", stdout=StringIO())
    exported = export("el-acercamiento-entre-rusia-y-corea-del-norte-preocupa-a-los-paises-de-la-otan")
    assert exported["schema"] == "article.v1"
    assert exported["status"] == "published" and exported["published_at"]
    assert exported["tags"] == ["OTAN", "Rusia"]
    assert exported["lead_figure"]["credit_parts"] == {"source": "KCNA", "photographer": "", "distributor": "REUTERS"}
    assert exported["lead_figure"]["image"] is None
    assert [section["heading"] for section in exported["sections"]] == [
        None,
        "Colaboración armamentística",
        "La peligrosa relación entre Rusia y Corea del Norte",
    ]
    second_paragraph = exported["sections"][0]["blocks"][1]
    assert second_paragraph["type"] == "paragraph"
    assert second_paragraph["sources"] == ["Consejo de Seguridad de Rusia", "TASS"]
    assert second_paragraph["quotes"][0]["speaker"] is None  # an organisation speaks: no person to name
    assert second_paragraph["quotes"][0]["source"] == "TASS"
    assert {"name": "KCNA", "slug": "kcna", "kind": "state_media"} in exported["sources"]


def test_seed_round_trip_gives_the_same_json(tmp_path):
    call_command("import_article", str(SEED), "--publish", "--tags", "Rusia, Ucrania", stdout=StringIO())
    slug = "el-acercamiento-entre-rusia-y-corea-del-norte-preocupa-a-los-paises-de-la-otan"
    first = export(slug)
    assert reimport(first, tmp_path, "--replace") == slug
    assert export(slug) == first


def test_round_trip_keeps_pull_quotes_anchors_and_drafts(tmp_path):
    speaker = SourceFactory(name="Jane Smith", kind=Source.Kind.PERSON)
    agency = SourceFactory(name="Example Agency")
    article = ArticleFactory(slug="round-trip", status=Article.Status.DRAFT, published_at=None)
    article.tags.add("Economy")
    LeadFigureFactory(article=article).sources.add(agency)
    section = SectionFactory(article=article, position=1, heading="Original heading")
    section.heading = "Corrected heading"
    section.save()
    paragraph = ParagraphFactory(section=section, position=1, text="She said “we will build it” on *Monday*.")
    paragraph.sources.add(speaker, agency)
    QuoteFactory(paragraph=paragraph, position=1, text="we will build it", speaker=speaker, source=agency)
    PullQuoteFactory(section=section, position=2, text="We will build it", speaker=speaker, source=None)
    first = export("round-trip")
    assert first["sections"][0]["anchor"] == "original-heading"
    assert first["sections"][0]["blocks"][1] == {
        "type": "quote",
        "text": "We will build it",
        "speaker": "Jane Smith",
        "source": None,
        "sources": [],
    }
    Article.objects.all().delete()
    assert reimport(first, tmp_path) == "round-trip"
    assert export("round-trip") == first


def test_importing_json_creates_the_sources_it_names(tmp_path):
    exported = {
        "schema": "article.v1",
        "slug": "new-sources",
        "headline": "A story with new sources",
        "standfirst": "",
        "language": "en",
        "status": "draft",
        "published_at": None,
        "tags": [],
        "lead_figure": None,
        "sections": [
            {
                "heading": None,
                "anchor": "opening",
                "blocks": [
                    {
                        "type": "paragraph",
                        "text": "Text.",
                        "sources": ["Brand New Wire"],
                        "quotes": [{"text": "hello there friends", "speaker": "A. Person", "source": None}],
                    }
                ],
            }
        ],
        "sources": [{"name": "Brand New Wire", "slug": "brand-new-wire", "kind": "news_agency"}],
    }
    reimport(exported, tmp_path)
    assert Source.objects.get(name="Brand New Wire").kind == Source.Kind.NEWS_AGENCY
    assert Source.objects.get(name="A. Person").kind == Source.Kind.OTHER


def test_exporting_an_unknown_slug_is_a_clear_error():
    with pytest.raises(CommandError, match="No article with the slug"):
        call_command("export_article", "nothing-here", stdout=StringIO())


def test_round_trip_keeps_an_uploaded_image(tmp_path, settings):
    from io import BytesIO

    from django.core.files.base import ContentFile
    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (8, 6), "red").save(buffer, format="PNG")
    article = ArticleFactory(slug="with-image")
    lead = LeadFigureFactory(article=article)
    lead.image.save("red.png", ContentFile(buffer.getvalue()))
    SectionFactory(article=article, position=1)
    ParagraphFactory(section=article.sections.get(), position=1)
    first = export("with-image")
    assert first["lead_figure"]["image"].startswith("/media/figures/")
    reimport(first, tmp_path, "--replace")
    assert export("with-image") == first
