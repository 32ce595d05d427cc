"""`manage.py export_site DIR` and `import_site DIR`: a whole site out and back in, unchanged."""

import json
import subprocess
import sys
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.utils import timezone
from taggit.models import Tag

from articles.images import rendition_name
from articles.models import Article, Source
from articles.tests.factories import (
    ArticleFactory,
    DraftArticleFactory,
    FigureFactory,
    LeadFigureFactory,
    ParagraphFactory,
    PullQuoteFactory,
    QuoteFactory,
    SectionFactory,
    SourceFactory,
)
from articles.tests.image_helpers import image_bytes, media_root

pytestmark = pytest.mark.django_db
__all__ = ["media_root"]


def build_site():
    """Articles of every kind: published with pictures, quotes and sources, scheduled, an empty draft."""
    agency = SourceFactory(
        name="Swiss Wire", kind=Source.Kind.NEWS_AGENCY, country="Switzerland", url="https://wire.example.ch"
    )
    agency.aliases = "SW\nSchweizer Draht"
    agency.save()
    speaker = SourceFactory(name="Jane Roe", kind=Source.Kind.PERSON)
    SourceFactory(name="Nobody Cites Me", kind=Source.Kind.OTHER, country="Chile")
    Tag.objects.create(name="Unused topic")

    article = ArticleFactory(
        headline="Talks resume in Geneva",
        byline="Ana Pérez",
        correction_note="An earlier version misspelt a name.",
        published_at=timezone.now() - timedelta(days=3),
    )
    article.tags.add("Diplomacia", "Política exterior")
    lead = LeadFigureFactory(article=article)
    lead.image.save("lead.png", ContentFile(image_bytes("PNG", size=(60, 40))))
    lead.sources.add(agency)
    section = SectionFactory(article=article, position=1, heading="The talks")
    paragraph = ParagraphFactory(section=section, position=1, text="Roe said “the talks would *continue*”.")
    paragraph.sources.add(agency, speaker)
    QuoteFactory(paragraph=paragraph, position=1, text="the talks would *continue*", speaker=speaker, source=agency)
    figure = FigureFactory(section=section, position=2)
    figure.image.save("figure.jpg", ContentFile(image_bytes("JPEG", size=(50, 30))))
    figure.sources.add(agency)
    PullQuoteFactory(section=section, position=3, text="We are ready", speaker=speaker).sources.add(agency)
    SectionFactory(article=article, position=2, heading="")
    ParagraphFactory(section=article.sections.get(position=2), position=1, text="A second round is planned.")

    scheduled = ArticleFactory(headline="Budget vote tomorrow", published_at=timezone.now() + timedelta(days=2))
    ParagraphFactory(section=SectionFactory(article=scheduled, position=1), position=1)
    DraftArticleFactory(headline="An empty draft", standfirst="")
    return article


def export_to(directory):
    output = StringIO()
    call_command("export_site", str(directory), stdout=output, stderr=StringIO())
    return output.getvalue()


def import_from(directory, *arguments):
    output = StringIO()
    call_command("import_site", str(directory), *arguments, stdout=output, stderr=StringIO())
    return output.getvalue()


def files_in(directory):
    return {
        str(path.relative_to(directory)): path.read_bytes() for path in sorted(directory.rglob("*")) if path.is_file()
    }


def empty_site(settings, tmp_path):
    """What a new site has: no articles, sources or topics, and an empty media directory."""
    Article.objects.all().delete()
    Source.objects.all().delete()
    Tag.objects.all().delete()
    settings.MEDIA_ROOT = tmp_path / "new-media"


def test_a_site_exported_and_imported_into_an_empty_database_exports_byte_for_byte_the_same(
    media_root, settings, tmp_path
):
    article = build_site()
    lead_image, figure_image = (
        article.lead_figure.image.name,
        article.sections.get(position=1).blocks.get(position=2).figure.image.name,
    )
    export_to(tmp_path / "first")
    empty_site(settings, tmp_path)

    imported = import_from(tmp_path / "first")
    export_to(tmp_path / "second")

    first, second = files_in(tmp_path / "first"), files_in(tmp_path / "second")
    assert first == second
    assert {f"media/{lead_image}", f"media/{figure_image}", "site.json", "articles.jsonl"} <= set(first)
    assert "Imported 3 articles" in imported
    restored = Article.objects.get(slug=article.slug)
    assert restored.lead_figure.image.name == lead_image
    assert Path(settings.MEDIA_ROOT, lead_image).read_bytes() == first[f"media/{lead_image}"]
    assert (restored.lead_figure.image_width, restored.lead_figure.image_height) == (60, 40)
    # Renditions are not exported; the import makes them again.
    assert not any(name.startswith("media/renditions/") for name in first)
    assert Path(settings.MEDIA_ROOT, rendition_name(figure_image, 50, "webp")).is_file()
    assert Path(settings.MEDIA_ROOT, rendition_name(lead_image, 60, "png")).is_file()


def test_the_export_holds_every_article_source_and_topic_with_their_details(media_root, tmp_path):
    article = build_site()
    export_to(tmp_path / "site")

    lines = [json.loads(line) for line in (tmp_path / "site" / "articles.jsonl").read_text().splitlines()]
    sources = [json.loads(line) for line in (tmp_path / "site" / "sources.jsonl").read_text().splitlines()]
    topics = [json.loads(line) for line in (tmp_path / "site" / "topics.jsonl").read_text().splitlines()]
    assert [line["slug"] for line in lines] == sorted(Article.objects.values_list("slug", flat=True))
    assert all(line["schema"] == "article.v1" for line in lines)
    exported = next(line for line in lines if line["slug"] == article.slug)
    assert (exported["byline"], exported["correction_note"]) == ("Ana Pérez", "An earlier version misspelt a name.")
    assert exported["sections"][0]["blocks"][2] == {
        "type": "quote",
        "text": "We are ready",
        "speaker": "Jane Roe",
        "source": None,
        "sources": ["Swiss Wire"],
    }
    assert {
        "name": "Swiss Wire",
        "slug": "swiss-wire",
        "kind": "news_agency",
        "country": "Switzerland",
        "url": "https://wire.example.ch",
        "aliases": ["SW", "Schweizer Draht"],
    } in sources
    assert len(sources) == Source.objects.count()
    assert {"Unused topic", "Política exterior"} <= {topic["name"] for topic in topics}


def test_importing_into_a_site_with_articles_is_refused_unless_a_flag_says_what_to_do(media_root, tmp_path):
    article = build_site()
    export_to(tmp_path / "site")
    Article.objects.filter(pk=article.pk).update(headline="Changed after the export")

    with pytest.raises(CommandError, match=r"already has 3 articles: pass --replace .* or --skip-existing") as refused:
        import_from(tmp_path / "site")
    assert "\n" not in str(refused.value)
    assert Article.objects.get(slug=article.slug).headline == "Changed after the export"

    assert "(3 already there, kept)" in import_from(tmp_path / "site", "--skip-existing")
    assert Article.objects.get(slug=article.slug).headline == "Changed after the export"

    import_from(tmp_path / "site", "--replace")
    assert Article.objects.get(slug=article.slug).headline == "Talks resume in Geneva"
    assert Article.objects.count() == 3


def test_a_bad_line_stops_the_import_with_one_line_and_nothing_is_written(media_root, settings, tmp_path):
    build_site()
    export_to(tmp_path / "site")
    articles = tmp_path / "site" / "articles.jsonl"
    lines = articles.read_text().splitlines()
    broken = json.loads(lines[2])
    broken["sections"] = [{"heading": None, "anchor": "a", "blocks": [{"type": "video"}]}]
    articles.write_text("\n".join([*lines[:2], json.dumps(broken)]) + "\n")
    empty_site(settings, tmp_path)

    with pytest.raises(CommandError) as refused:
        import_from(tmp_path / "site")

    assert str(refused.value) == (
        f"Cannot import {tmp_path / 'site'}: articles.jsonl line 3: "
        "section 1, block 1: “type” must be paragraph, figure or quote"
    )
    assert (Article.objects.count(), Source.objects.count(), Tag.objects.count()) == (0, 0, 0)
    assert not Path(settings.MEDIA_ROOT).exists() or not any(Path(settings.MEDIA_ROOT).rglob("*.*"))


def test_a_failure_while_writing_removes_the_pictures_already_stored(media_root, settings, tmp_path):
    build_site()
    export_to(tmp_path / "site")
    articles = tmp_path / "site" / "articles.jsonl"
    lines = [json.loads(line) for line in articles.read_text().splitlines()]
    lines[-1]["headline"] = "x" * 400  # longer than a headline may be: refused when the article is saved
    articles.write_text("".join(json.dumps(line) + "\n" for line in lines))
    empty_site(settings, tmp_path)

    with pytest.raises(CommandError, match=r"articles.jsonl line 3: headline: .*300"):
        import_from(tmp_path / "site")

    assert (Article.objects.count(), Source.objects.count()) == (0, 0)
    assert not any(path.is_file() for path in Path(settings.MEDIA_ROOT).rglob("*"))


def test_a_missing_or_false_picture_is_refused_before_anything_is_written(
    media_root, settings, tmp_path, english_interface
):
    build_site()
    export_to(tmp_path / "site")
    [picture] = (tmp_path / "site" / "media").rglob("*.png")
    picture.write_bytes(b"<html><script>alert(1)</script></html>")
    empty_site(settings, tmp_path)

    with pytest.raises(
        CommandError, match=r"articles.jsonl line \d: media/figures/.*\.png: This file is not a picture"
    ):
        import_from(tmp_path / "site")

    picture.unlink()
    with pytest.raises(CommandError, match=r"the picture media/figures/.*\.png is missing"):
        import_from(tmp_path / "site")
    assert Article.objects.count() == 0


def test_a_directory_that_is_not_an_export_is_a_one_line_error(tmp_path):
    (tmp_path / "notes.txt").write_text("hello")

    with pytest.raises(CommandError, match=r"site.json is missing or not a “site.v1” manifest"):
        import_from(tmp_path)
    with pytest.raises(CommandError, match="is not a directory"):
        import_from(tmp_path / "nowhere")


def test_exporting_into_a_directory_that_is_not_empty_is_refused_and_changes_nothing(tmp_path):
    (tmp_path / "notes.txt").write_text("hello")

    with pytest.raises(CommandError, match="already exists and is not an empty directory"):
        export_to(tmp_path)

    assert [path.name for path in tmp_path.iterdir()] == ["notes.txt"]


def test_the_commands_fail_with_one_line_and_exit_status_1(tmp_path):
    completed = subprocess.run(
        [sys.executable, "manage.py", "import_site", str(tmp_path / "nowhere")],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )

    assert completed.returncode == 1
    assert completed.stderr.strip().splitlines() == [
        f"CommandError: Cannot import {tmp_path / 'nowhere'}: {tmp_path / 'nowhere'} is not a directory"
    ]


def test_what_the_database_refuses_names_the_line_and_nothing_is_written(media_root, settings, tmp_path):
    build_site()
    export_to(tmp_path / "site")
    articles = tmp_path / "site" / "articles.jsonl"
    lines = [json.loads(line) for line in articles.read_text().splitlines()]
    talks = next(number for number, line in enumerate(lines) if line["slug"] == "talks-resume-in-geneva")
    for section in lines[talks]["sections"]:
        section["anchor"] = "the-talks"
    articles.write_text("".join(json.dumps(line) + "\n" for line in lines))
    empty_site(settings, tmp_path)

    with pytest.raises(CommandError, match=rf"articles\.jsonl line {talks + 1}: .*anchor") as refused:
        import_from(tmp_path / "site")

    assert "\n" not in str(refused.value)
    assert (Article.objects.count(), Source.objects.count()) == (0, 0)
    assert not any(path.is_file() for path in Path(settings.MEDIA_ROOT).rglob("*"))
