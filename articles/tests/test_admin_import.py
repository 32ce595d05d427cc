import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.importing import export_article
from articles.models import Article, Source
from articles.tests.factories import (
    ArticleFactory,
    LeadFigureFactory,
    ParagraphFactory,
    QuoteFactory,
    SectionFactory,
    SourceFactory,
)
from articles.tests.history_helpers import make_member, revisions_of

pytestmark = pytest.mark.django_db

SEED = Path(__file__).resolve().parents[1] / "seed" / "000_a09af1157bd9f9d3.txt"
SEOUL = Path(__file__).resolve().parent / "articles_to_import" / "seoul_warns_en.txt"
IMPORT_URL = reverse("admin:articles_article_import")


@pytest.fixture(autouse=True)
def english(english_interface):
    """Every test here reads the admin in English."""


@pytest.fixture
def editor(django_user_model):
    return make_member(django_user_model, "Editors", "maria")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def upload(client, name, content, **fields):
    return client.post(IMPORT_URL, {"file": SimpleUploadedFile(name, content), **fields})


def test_the_article_list_links_to_the_import_page(editor_client):
    response = editor_client.get(reverse("admin:articles_article_changelist"))

    assert f'href="{IMPORT_URL}"' in response.content.decode()
    assert "Import article" in response.content.decode()


def test_importing_the_seed_makes_a_draft_and_reports_what_was_found(editor_client, editor):
    response = upload(editor_client, SEED.name, SEED.read_bytes())

    assert response.status_code == 200
    article = Article.objects.get()
    report = response.context["report"]
    assert article.status == Article.Status.DRAFT and article.published_at is None
    paragraphs = sum(
        1 for section in article.sections.all() for block in section.blocks.all() if hasattr(block, "paragraph")
    )
    assert (report.sections, report.paragraphs) == (article.sections.count(), paragraphs)
    assert report.sections > 1 and report.paragraphs > 10 and report.figures >= 1 and report.quotes >= 1
    content = response.content.decode()
    assert reverse("admin:articles_article_change", args=[article.pk]) in content
    assert "is saved as a draft" in content


def test_the_report_separates_known_sources_from_new_ones(editor_client):
    upload(editor_client, SEOUL.name, SEOUL.read_bytes())
    names_before = set(Source.objects.values_list("name", flat=True))
    Article.objects.all().delete()

    response = upload(editor_client, SEOUL.name, SEOUL.read_bytes())

    report = response.context["report"]
    assert report.existing_sources and not report.new_sources
    assert set(report.existing_sources) <= names_before


def test_the_report_lists_the_attributions_to_check_with_links(editor_client):
    content = (
        "Talks resume in Geneva\n\n"
        "Delegates arrive for the talks - ACME PHOTOS/JOHN DOE\n\n"
        "A standfirst for the talks.\n\n"
        "“We will keep talking until there is an agreement,” somebody in the room whispered to nobody.\n"
    ).encode()

    response = upload(editor_client, "talks.txt", content)

    report = response.context["report"]
    [(quote, paragraph, missing)] = report.quotes_to_check
    assert quote.text.startswith("We will keep talking") and "speaker" in missing
    assert [figure.credit for figure in report.figures_to_check] == ["ACME PHOTOS/JOHN DOE"]
    html = response.content.decode()
    assert reverse("admin:articles_paragraph_change", args=[paragraph.pk]) in html
    assert "no known source in this credit" in html


def test_a_json_export_of_a_published_article_is_imported_as_a_draft(editor_client):
    article = ArticleFactory(headline="Talks resume", slug="talks-resume")
    LeadFigureFactory(article=article).sources.add(SourceFactory(name="KCNA"))
    paragraph = ParagraphFactory(section=SectionFactory(article=article, position=1), position=1)
    QuoteFactory(
        paragraph=paragraph, position=1, speaker=SourceFactory(name="Jane Roe"), source=SourceFactory(name="Yonhap")
    )
    data = json.dumps(export_article(Article.objects.with_body().get(pk=article.pk))).encode()

    response = upload(editor_client, "talks.json", data, slug="talks-resume-copy")

    copy = Article.objects.get(slug="talks-resume-copy")
    assert (copy.status, copy.published_at) == (Article.Status.DRAFT, None)
    report = response.context["report"]
    assert (report.sections, report.paragraphs, report.figures, report.quotes) == (1, 1, 1, 1)
    assert report.quotes_to_check == [] and report.new_sources == []


def test_a_taken_slug_is_refused_with_a_clear_error_and_nothing_is_written(editor_client):
    ArticleFactory(headline="Existing", slug="talks-resume")

    response = upload(editor_client, "talks.txt", b"Talks resume\n\nA standfirst.\n\nA paragraph of the story.\n")

    assert response.status_code == 200
    assert "An article with the slug “talks-resume” already exists" in response.content.decode()
    assert Article.objects.count() == 1


def test_another_slug_imports_the_same_file_again(editor_client):
    ArticleFactory(headline="Existing", slug="talks-resume")

    upload(
        editor_client,
        "talks.txt",
        b"Talks resume\n\nA standfirst.\n\nA paragraph of the story.\n",
        slug="talks-resume-2",
    )

    assert Article.objects.get(slug="talks-resume-2").headline == "Talks resume"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The submitted file is empty."),
        (b"\x00\x01binary", "Cannot import this file: the file is binary, not text."),
        (b"Only a headline\n", "Cannot import this file: the article has a headline but no body text."),
        (b'{"schema": "article.v1", "headline": ', "Cannot import this file: invalid JSON at line 1"),
        (b'{"schema": "other"}', "Cannot import this file: the JSON is not an article"),
    ],
)
def test_a_bad_file_gives_the_importers_one_line_error_and_writes_nothing(editor_client, content, message):
    sources_before = Source.objects.count()

    response = upload(editor_client, "bad.txt", content)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert "Nothing was imported." in response.content.decode()
    assert (Article.objects.count(), Source.objects.count()) == (0, sources_before)


def test_the_import_is_the_articles_first_revision(editor_client, editor):
    upload(editor_client, SEED.name, SEED.read_bytes())

    [revision] = revisions_of(Article.objects.get())
    assert revision.user == editor
    assert revision.get_comment() == f"Imported from the file “{SEED.name}”."


def test_the_report_lists_every_quote_with_its_speaker_outlet_and_why(editor_client):
    content = (
        "Talks resume in Geneva\n\n"
        "A standfirst for the talks.\n\n"
        "“We will keep talking until there is an agreement,” said the mediator, Ana Costa, to the BBC.\n\n"
        "“Nobody here expects a deal this week, not even the hosts,” somebody in the room whispered.\n"
    ).encode()

    report = upload(editor_client, "talks.txt", content).context["report"]

    first, second = report.attributions
    assert (first.speaker, first.why, first.is_incomplete) == (
        "Ana Costa",
        "speech verb after the quote, then the name",
        True,
    )
    assert (second.speaker, second.why, second.is_incomplete) == ("", "no cue found: check the speaker", True)


def test_the_report_says_why_a_speaker_is_left_empty_for_an_organisation_or_an_anonymous_source(editor_client):
    content = (
        "Ports halt as dockworkers strike\n\n"
        "A standfirst for the strike.\n\n"
        "“Automation is not a threat, it is how ports survive,” the association said in a statement.\n\n"
        "“Every day the ships sit at anchor costs us money,” said a manager at one grain cooperative.\n"
    ).encode()

    report = upload(editor_client, "ports.txt", content).context["report"]

    organisation, anonymous = report.attributions
    assert (organisation.speaker, organisation.why, organisation.is_incomplete) == (
        "",
        "an organisation speaks: no person to name, check the speaker",
        True,
    )
    assert (anonymous.speaker, anonymous.why, anonymous.is_incomplete) == (
        "",
        "an anonymous speaker: no name to record",
        True,
    )
