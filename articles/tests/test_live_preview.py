"""The live preview beside the article's change form: what saving the form would show readers,
with nothing saved (articles/admin/live_preview.py)."""

from pathlib import Path

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from reversion.models import Revision, Version

from articles.models import Article, ContentVersion, PublicVersion, Section
from articles.publishing import refresh_public_data
from articles.tests.admin_helpers import make_editor
from articles.tests.factories import (
    ArticleFactory,
    DraftArticleFactory,
    LeadFigureFactory,
    ParagraphFactory,
    SectionFactory,
)
from articles.tests.history_helpers import edit, open_change_form
from articles.tests.image_helpers import image_bytes, upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_interface")]


@pytest.fixture
def article():
    article = ArticleFactory(headline="Flooding in the valley")
    section = SectionFactory(article=article, position=1, heading="The storm")
    ParagraphFactory(section=section, position=1, text="Rain fell for three days.")
    return article


def live_preview_url(article):
    return reverse("admin:articles_article_live_preview", args=[article.pk])


def preview(client, article, changes):
    data = {**open_change_form(client, article), **changes}
    return client.post(live_preview_url(article), data)


def snapshot():
    """Everything a save would leave behind, to compare before and after a preview."""
    return {
        "articles": list(Article.objects.order_by("pk").values_list("pk", "headline", "edit_version", "updated_at")),
        "sections": list(Section.objects.order_by("pk").values_list("pk", "heading", "position")),
        "revisions": Revision.objects.count(),
        "versions": Version.objects.count(),
        "log entries": LogEntry.objects.count(),
        "content version": ContentVersion.objects.values_list("number", flat=True).first(),
        "public versions": list(PublicVersion.objects.order_by("pk").values_list("pk", "headline", "rendered_at")),
    }


def test_the_preview_shows_a_typed_headline_and_heading_without_saving_them(editor_client, article):
    refresh_public_data([article.pk])
    section = article.sections.get()
    before = snapshot()

    response = preview(
        editor_client,
        article,
        {"headline": "Floods reach the town", "sections-0-heading": "The storm breaks"},
    )

    answer = response.json()
    assert response.status_code == 200
    assert answer["valid"] is True
    assert "Floods reach the town" in answer["html"]
    assert "The storm breaks" in answer["html"]
    assert "Rain fell for three days." in answer["html"]
    assert snapshot() == before
    section.refresh_from_db()
    assert section.heading == "The storm"


def test_a_section_added_in_the_form_shows_in_the_preview_and_is_not_created(editor_client, article):
    before = snapshot()

    response = preview(editor_client, article, {"sections-1-position": "2", "sections-1-heading": "Aftermath"})

    assert "Aftermath" in response.json()["html"]
    assert snapshot() == before


def test_the_preview_is_rendered_through_the_readers_templates(editor_client, article):
    html = preview(editor_client, article, {"headline": "Floods *reach* <script>x()</script>"}).json()["html"]

    assert '<h1 class="article__headline">' in html
    assert "css/reader.css" in html
    assert "<script>x()</script>" not in html
    assert "Not saved yet: this is how readers will see the article once it is saved." in html


def test_a_form_the_save_would_refuse_gets_a_message_not_an_error(editor_client, article):
    before = snapshot()

    response = preview(editor_client, article, {"headline": ""})

    assert response.status_code == 200
    assert response.json() == {"valid": False, "message": "Fix the errors to update the preview."}
    assert snapshot() == before


def test_a_mangled_form_gets_a_message_not_an_error(editor_client, article):
    response = editor_client.post(live_preview_url(article), {"headline": "Only this"})

    assert response.status_code == 200
    assert response.json()["valid"] is False


def test_the_preview_still_shows_the_editors_form_after_someone_else_saved(editor_client, article):
    stale = open_change_form(editor_client, article)
    edit(editor_client, article, {"standfirst": "Someone else's standfirst."})

    response = editor_client.post(live_preview_url(article), {**stale, "headline": "My new headline"})

    assert "My new headline" in response.json()["html"]
    article.refresh_from_db()
    assert article.headline == "Flooding in the valley"


def test_a_draft_is_previewed_without_being_published(editor_client):
    draft = DraftArticleFactory(headline="Not out yet")
    before = snapshot()

    response = preview(editor_client, draft, {"headline": "Still not out"})

    assert "Still not out" in response.json()["html"]
    assert snapshot() == before


def test_only_those_who_may_change_the_article_get_a_preview(client, django_user_model, article):
    reader = django_user_model.objects.create_user(username="viewer", password="a-long-password", is_staff=True)
    reader.user_permissions.set(Permission.objects.filter(codename__in=["view_article", "view_section"]))
    client.force_login(reader)

    response = client.post(live_preview_url(article), {"headline": "Mine now"})

    assert response.status_code == 403
    change_page = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert change_page.status_code == 200
    assert "live-preview" not in change_page.content.decode()


def test_anonymous_visitors_are_sent_to_log_in(client, article):
    response = client.post(live_preview_url(article), {"headline": "Mine now"})

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_the_preview_only_answers_posts(editor_client, article):
    assert editor_client.get(live_preview_url(article)).status_code == 405


def test_the_change_page_has_the_preview_panel(editor_client, article):
    page = editor_client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()

    assert f'data-url="{live_preview_url(article)}"' in page
    assert "js/admin-live-preview.js" in page


def test_the_refusal_is_in_the_editors_language(django_user_model, article):
    spanish = Client(HTTP_ACCEPT_LANGUAGE="es")
    spanish.force_login(make_editor(django_user_model, username="lucia"))

    response = spanish.post(live_preview_url(article), {**open_change_form(spanish, article), "headline": ""})

    assert response.json()["message"] == "Corrija los errores para actualizar la vista previa."


def test_a_section_deleted_in_the_form_leaves_the_preview_and_stays_in_the_database(editor_client, article):
    before = snapshot()

    html = preview(editor_client, article, {"sections-0-DELETE": "on"}).json()["html"]

    assert "The storm" not in html and "Rain fell for three days." not in html
    assert snapshot() == before
    assert article.sections.get().heading == "The storm"


def test_the_stored_lead_picture_shows_and_an_upload_is_neither_shown_nor_written(editor_client, article, settings):
    lead = LeadFigureFactory(article=article, image=SimpleUploadedFile("harbour.jpg", image_bytes()))
    stored_files = sorted(path.name for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file())
    data = {**open_change_form(editor_client, article), "lead_figure-0-caption": "The harbour at dawn"}

    response = editor_client.post(
        live_preview_url(article), {**data, "lead_figure-0-image": upload("other.jpg", image_bytes(size=(60, 30)))}
    )

    html = response.json()["html"]
    assert "The harbour at dawn" in html
    assert lead.image.url in html
    assert sorted(path.name for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()) == stored_files


def test_the_editors_next_page_says_nothing_of_the_previews_save(editor_client, article):
    change_page = reverse("admin:articles_article_change", args=[article.pk])

    for changes in ({"headline": "Floods reach the town"}, {}):
        assert preview(editor_client, article, changes).json()["valid"] is True

    page = editor_client.get(change_page).content.decode()
    assert 'class="messagelist"' not in page
    assert "Saved as a draft" not in page and "Nothing was changed" not in page
