"""A file chosen in a refused form is kept: the form says so, and saving again stores that file."""

import datetime
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles import pending_uploads
from articles.models import Article, Figure, LeadFigure, PendingUpload
from articles.tests.admin_helpers import change_form_data, make_editor
from articles.tests.factories import ArticleFactory, SectionFactory
from articles.tests.image_helpers import image_bytes, upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_interface")]

FIGURES = "blocks-2"
SEOUL = Path(__file__).resolve().parent / "articles_to_import" / "seoul_warns_en.txt"
IMPORT_URL = reverse("admin:articles_article_import")


@pytest.fixture
def section():
    return SectionFactory(article=ArticleFactory(headline="Floods"), heading="The storm")


def section_url(section):
    return reverse("admin:articles_section_change", args=[section.pk])


def post_new_figure(client, section, **fields):
    """The section's page posted with one new figure of `fields`."""
    data = change_form_data(client.get(section_url(section)), "section_form")
    data[f"{FIGURES}-TOTAL_FORMS"] = "1"
    data.update({f"{FIGURES}-0-{name}": value for name, value in fields.items()})
    return client.post(section_url(section), data)


def refused_for_alt_text(client, section):
    photo = upload("river.jpg", image_bytes("JPEG", size=(300, 200)))
    refused = post_new_figure(client, section, image=photo, alt_text="", caption="The river")
    assert refused.status_code == 200
    return refused


def test_a_picture_refused_for_its_alt_text_is_kept_and_saved_once_the_alt_text_is_added(editor_client, section):
    refused = refused_for_alt_text(editor_client, section)

    assert "Alt text is required" in refused.content.decode()
    assert "Picture kept: river.jpg" in refused.content.decode()
    data = change_form_data(refused, "section_form")
    data[f"{FIGURES}-0-alt_text"] = "A river over its banks"
    saved = editor_client.post(section_url(section), data)

    assert saved.status_code == 302
    figure = Figure.objects.get(section=section)
    assert figure.image and (figure.image_width, figure.image_height) == (300, 200)
    assert figure.alt_text == "A river over its banks"
    assert not PendingUpload.objects.exists()


def test_a_lead_figure_picture_refused_for_its_alt_text_is_kept(editor_client):
    article = ArticleFactory(headline="Floods")
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = change_form_data(editor_client.get(url), "article_form")
    data.update({"lead_figure-TOTAL_FORMS": "1", "lead_figure-0-image": upload("lead.jpg", image_bytes())})

    refused = editor_client.post(url, data)

    assert "Picture kept: lead.jpg" in refused.content.decode()
    data = change_form_data(refused, "article_form")
    data["lead_figure-0-alt_text"] = "A flooded street"
    assert editor_client.post(url, data).status_code == 302
    assert LeadFigure.objects.get(article=article).image


def test_a_kept_picture_stays_kept_through_a_second_refusal(editor_client, section):
    refused = refused_for_alt_text(editor_client, section)

    again = editor_client.post(section_url(section), change_form_data(refused, "section_form"))

    assert "Picture kept: river.jpg" in again.content.decode()
    assert PendingUpload.objects.count() == 1


def test_removing_the_kept_picture_saves_the_figure_without_it(editor_client, section):
    data = change_form_data(refused_for_alt_text(editor_client, section), "section_form")
    data.update({f"{FIGURES}-0-image__kept_remove": "on", f"{FIGURES}-0-alt_text": "A river"})

    assert editor_client.post(section_url(section), data).status_code == 302

    assert not Figure.objects.get(section=section).image
    assert not PendingUpload.objects.exists()


def test_another_editor_cannot_use_the_token_of_a_kept_picture(editor_client, django_user_model, section):
    data = change_form_data(refused_for_alt_text(editor_client, section), "section_form")
    data[f"{FIGURES}-0-alt_text"] = "A river"
    other = Client(HTTP_ACCEPT_LANGUAGE="en")
    other.force_login(make_editor(django_user_model, username="ben"))

    assert other.post(section_url(section), data).status_code == 302

    assert not Figure.objects.get(section=section).image
    assert PendingUpload.objects.count() == 1


def test_a_kept_file_is_checked_again_like_any_upload(editor_client, section, settings):
    data = change_form_data(refused_for_alt_text(editor_client, section), "section_form")
    data[f"{FIGURES}-0-alt_text"] = "A river"
    settings.MAX_IMAGE_PIXELS = 1000

    refused = editor_client.post(section_url(section), data)

    assert "300 × 200 pixels" in refused.content.decode()
    assert not section.blocks.exists()


def test_an_import_refused_for_its_slug_keeps_the_file_and_imports_it_with_another_slug(editor_client):
    ArticleFactory(slug="taken")

    refused = editor_client.post(
        IMPORT_URL, {"file": upload("seoul.txt", SEOUL.read_bytes(), "text/plain"), "slug": "taken"}
    )

    assert "File kept: seoul.txt" in refused.content.decode()
    assert 'type="file" name="file" required' not in refused.content.decode()
    data = change_form_data(refused, "import_form")
    data["slug"] = "seoul-warns"
    imported = editor_client.post(IMPORT_URL, data)

    assert imported.status_code == 200 and "report" in imported.context
    assert Article.objects.filter(slug="seoul-warns").exists()
    assert not PendingUpload.objects.exists()


def test_kept_files_older_than_a_day_are_cleared_by_the_command(django_user_model):
    editor = make_editor(django_user_model)
    old = pending_uploads.keep(editor, upload("old.jpg", image_bytes()))
    PendingUpload.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=2))
    fresh = pending_uploads.keep(editor, upload("fresh.jpg", image_bytes()))
    PendingUpload.objects.filter(pk=fresh.pk).update(created_at=timezone.now() - datetime.timedelta(hours=2))

    call_command("clear_pending_uploads", stdout=io.StringIO())

    assert list(PendingUpload.objects.values_list("name", flat=True)) == ["fresh.jpg"]
    assert pending_uploads.find(editor, pending_uploads.token_for(fresh)) == fresh
