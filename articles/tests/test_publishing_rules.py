"""The publishing rules of articles/publishing.py, and the importer and the admin's import obeying them."""

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from articles import publishing
from articles.importing import export_article
from articles.models import Article, Figure, Section
from articles.tests.admin_helpers import make_editor
from articles.tests.factories import (
    ArticleFactory,
    DraftArticleFactory,
    FigureFactory,
    LeadFigureFactory,
    ParagraphFactory,
    SectionFactory,
)
from articles.tests.image_helpers import image_bytes, media_root

__all__ = ["media_root"]

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_interface")]


def with_picture(figure):
    figure.image.save("photo.jpg", ContentFile(image_bytes("JPEG")), save=True)
    return figure


def stored(article):
    return Article.objects.values("status", "published_at", "preview_version").get(pk=article.pk)


# --- The state and the changes of state --------------------------------------------------------


def test_the_state_is_draft_scheduled_or_published_at_the_time_asked():
    now = timezone.now()
    scheduled = ArticleFactory.build(published_at=now + timedelta(hours=1))

    assert str(publishing.publication_state(DraftArticleFactory.build(), now)) == "Draft"
    assert str(publishing.publication_state(scheduled, now)) == "Scheduled"
    assert str(publishing.publication_state(scheduled, now + timedelta(hours=2))) == "Published"


def test_publishing_a_draft_without_a_time_publishes_it_now():
    article = DraftArticleFactory()
    before = timezone.now()

    publishing.publish(article)

    assert stored(article)["status"] == Article.Status.PUBLISHED
    assert before <= stored(article)["published_at"] <= timezone.now()
    assert list(Article.objects.published()) == [article]


def test_publishing_without_a_time_keeps_the_time_an_article_already_has():
    earlier = timezone.now() - timedelta(days=3)
    article = DraftArticleFactory(published_at=earlier)

    publishing.publish(article)

    assert stored(article)["published_at"] == earlier


def test_publishing_at_a_time_sets_that_time():
    article = ArticleFactory(published_at=timezone.now() + timedelta(days=2))
    now = timezone.now()

    publishing.publish(article, when=now)

    assert stored(article)["published_at"] == now


def test_scheduling_publishes_at_a_time_to_come_and_refuses_one_that_has_passed():
    article = DraftArticleFactory()
    tomorrow = timezone.now() + timedelta(days=1)

    publishing.schedule(article, tomorrow)
    with pytest.raises(ValueError, match="has passed"):
        publishing.schedule(DraftArticleFactory(), timezone.now() - timedelta(minutes=1))

    assert stored(article)["published_at"] == tomorrow
    assert str(publishing.publication_state(article)) == "Scheduled"
    assert not Article.objects.published().exists()


def test_unpublishing_makes_a_draft_and_revokes_the_preview_links():
    article = ArticleFactory()
    version = article.preview_version

    assert publishing.unpublish(article) is True

    assert stored(article)["status"] == Article.Status.DRAFT
    assert stored(article)["preview_version"] == article.preview_version == version + 1
    assert not Article.objects.published().exists()


def test_unpublishing_a_draft_changes_nothing():
    article = DraftArticleFactory()

    assert publishing.unpublish(article) is False

    assert stored(article) == {"status": Article.Status.DRAFT, "published_at": None, "preview_version": 1}


# --- Alt text before publishing ----------------------------------------------------------------


def test_figures_with_pictures_need_alt_text_that_is_not_blank_lead_figure_first(media_root):
    article = DraftArticleFactory()
    section = SectionFactory(article=article)
    lead = with_picture(LeadFigureFactory(article=article, alt_text=""))
    blank = with_picture(FigureFactory(section=section, alt_text="   "))
    with_picture(FigureFactory(section=section, alt_text="A crowd in the square"))
    FigureFactory(section=section, alt_text="")

    assert publishing.figures_missing_alt_text(article) == [lead, blank]
    assert publishing.figures_missing_alt_text(article, lead_figure=False) == [blank]
    assert not publishing.can_publish(article)


def test_an_article_whose_pictures_all_have_alt_text_may_be_published(media_root):
    article = DraftArticleFactory()
    with_picture(FigureFactory(section=SectionFactory(article=article)))
    FigureFactory(section=SectionFactory(article=article), alt_text="")

    assert publishing.can_publish(article)


def test_publishing_a_picture_without_alt_text_is_refused_saying_which_and_saves_nothing(media_root):
    article = DraftArticleFactory()
    section = SectionFactory(article=article, heading="At the border")
    with_picture(FigureFactory(section=section, alt_text="", caption="Trucks waiting\nat the crossing"))

    with pytest.raises(publishing.CannotPublish) as refusal:
        publishing.publish(article)

    assert refusal.value.message == (
        "Add alt text before publishing: the figure “Trucks waiting at the crossing” in section “At the border” "
        "has a picture without it."
    )
    assert stored(article) == {"status": Article.Status.DRAFT, "published_at": None, "preview_version": 1}


# --- The importer ------------------------------------------------------------------------------


def exported_with_a_picture_lacking_alt_text(tmp_path):
    """An article.v1 file whose figure shows a picture this site has, without alt text."""
    article = DraftArticleFactory(headline="Floods in the valley", slug="floods-in-the-valley")
    section = SectionFactory(article=article, position=1, heading="The river")
    ParagraphFactory(section=section, position=1)
    with_picture(FigureFactory(section=section, position=2, alt_text="", caption="The flooded bridge"))
    path = tmp_path / "floods.json"
    path.write_text(json.dumps(export_article(Article.objects.with_body().get(pk=article.pk))))
    return path


def counts():
    return Article.objects.count(), Section.objects.count(), Figure.objects.count()


def test_import_with_publish_refuses_a_picture_without_alt_text_in_one_line_writing_nothing(tmp_path, media_root):
    path = exported_with_a_picture_lacking_alt_text(tmp_path)
    before = counts()

    with pytest.raises(CommandError) as error:
        call_command("import_article", str(path), "--publish", "--slug", "floods-copy", stdout=StringIO())

    assert str(error.value) == (
        f"Cannot import {path}: Add alt text before publishing: the figure “The flooded bridge” "
        "in section “The river” has a picture without it."
    )
    assert counts() == before
    assert not Article.objects.filter(slug="floods-copy").exists()


def test_import_without_publish_keeps_such_an_article_as_a_draft(tmp_path, media_root):
    path = exported_with_a_picture_lacking_alt_text(tmp_path)

    call_command("import_article", str(path), "--slug", "floods-copy", stdout=StringIO())

    assert Article.objects.get(slug="floods-copy").status == Article.Status.DRAFT


def test_an_article_imported_in_the_admin_with_a_picture_lacking_alt_text_cannot_be_published_until_it_has(
    client, django_user_model, tmp_path, media_root
):
    path = exported_with_a_picture_lacking_alt_text(tmp_path)
    client.force_login(make_editor(django_user_model))
    client.post(
        reverse("admin:articles_article_import"),
        {"file": SimpleUploadedFile("floods.json", path.read_bytes()), "slug": "floods-copy"},
    )
    imported = Article.objects.get(slug="floods-copy")
    publish_action = {"action": "publish_now", "_selected_action": [imported.pk]}

    refused = client.post(reverse("admin:articles_article_changelist"), publish_action, follow=True)
    Figure.objects.filter(section__article=imported).update(alt_text="A bridge under brown water")
    client.post(reverse("admin:articles_article_changelist"), publish_action)

    messages = [str(message) for message in refused.context["messages"]]
    assert any("was not published" in message and "The flooded bridge" in message for message in messages)
    assert list(Article.objects.published()) == [imported]
