"""Draft, scheduled and published in the admin; who may publish; alt text before publishing;
what readers see of publication and update times and corrections."""

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from articles.publishing import figures_missing_alt_text
from articles.tests.admin_helpers import change_form_data, make_editor
from articles.tests.factories import (
    ArticleFactory,
    DraftArticleFactory,
    FigureFactory,
    LeadFigureFactory,
    SectionFactory,
)
from articles.tests.image_helpers import image_bytes, media_root

__all__ = ["media_root"]

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_interface")]

CHANGELIST = "admin:articles_article_changelist"


@pytest.fixture
def contributor_client(client, django_user_model):
    """A staff member of the "Contributors" group, which may not publish."""
    user = django_user_model.objects.create_user(username="contributor", password="a-long-password", is_staff=True)
    user.groups.add(Group.objects.get(name="Contributors"))
    assert not user.has_perm("articles.publish_article")
    client.force_login(user)
    return client


@pytest.fixture
def publisher_client(client, django_user_model):
    """An editor: the "Editors" group may publish."""
    user = make_editor(django_user_model, username="publisher")
    assert user.has_perm("articles.publish_article")
    client.force_login(user)
    return client


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def post_article(client, article, changes):
    data = change_form_data(client.get(change_url(article)), "article_form")
    data.update(changes)
    return client.post(change_url(article), data)


def with_picture(figure):
    figure.image.save("photo.jpg", ContentFile(image_bytes("JPEG")), save=True)
    return figure


def test_the_article_list_tells_draft_scheduled_and_published_apart(publisher_client):
    ArticleFactory(headline="Out already")
    ArticleFactory(headline="Out tomorrow", published_at=timezone.now() + timedelta(days=1))
    DraftArticleFactory(headline="Still writing")

    html = publisher_client.get(reverse(CHANGELIST)).content.decode()

    assert 'publication-state--published">Published<' in html
    assert 'publication-state--scheduled">Scheduled for ' in html
    assert 'publication-state--draft">Draft<' in html


def test_a_scheduled_article_appears_by_itself_when_its_time_comes(client):
    release = timezone.now() + timedelta(hours=2)
    article = ArticleFactory(headline="Embargoed results", published_at=release)

    assert client.get(article.get_absolute_url()).status_code == 404
    with mock.patch("django.utils.timezone.now", return_value=release + timedelta(minutes=1)):
        assert list(Article.objects.published()) == [article]


def test_an_editor_without_the_publish_permission_cannot_publish_from_the_form(contributor_client):
    article = DraftArticleFactory()

    response = post_article(contributor_client, article, {"status": "published", "published_at_0": "2026-01-01"})

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT and article.published_at is None


@pytest.mark.parametrize("button", ["_publish", "_schedule"])
def test_a_crafted_publish_or_schedule_from_a_contributor_is_refused_and_saves_nothing(contributor_client, button):
    article = DraftArticleFactory(headline="Still writing")
    page = contributor_client.get(change_url(article)).content.decode()
    tomorrow = timezone.localtime() + timedelta(days=1)

    response = post_article(
        contributor_client,
        article,
        {
            button: "1",
            "headline": "Published behind the editors' back",
            "schedule_at_0": tomorrow.strftime("%Y-%m-%d"),
            "schedule_at_1": "10:00:00",
        },
    )

    assert 'name="_publish"' not in page and 'name="_schedule"' not in page and 'name="_draft"' in page
    assert response.status_code == 302 and response.url == change_url(article)
    shown = [str(message) for message in contributor_client.get(response.url).context["messages"]]
    assert any(
        "You may not publish, schedule or unpublish articles: nothing was saved." in message for message in shown
    )
    article.refresh_from_db()
    assert (article.headline, article.status) == ("Still writing", Article.Status.DRAFT)


def test_an_editor_without_the_publish_permission_cannot_move_a_published_articles_time(contributor_client):
    published_at = timezone.now() - timedelta(days=1)
    article = ArticleFactory(published_at=published_at)

    page = contributor_client.get(change_url(article)).content.decode()
    post_article(
        contributor_client, article, {"published_at_0": "2030-01-01", "published_at_1": "10:00:00", "status": "draft"}
    )

    assert 'name="status"' not in page
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED and article.published_at == published_at


def test_an_editor_without_the_publish_permission_is_not_offered_the_publishing_actions(contributor_client):
    ArticleFactory()

    action_form = contributor_client.get(reverse(CHANGELIST)).context["action_form"]
    offered = {name for name, label in action_form.fields["action"].choices} if action_form else set()

    assert {"publish_now", "unpublish"}.isdisjoint(offered)


def test_publishing_is_refused_while_a_sections_figure_has_no_alt_text(publisher_client, media_root):
    article = DraftArticleFactory()
    section = SectionFactory(article=article, heading="At the border")
    with_picture(FigureFactory(section=section, alt_text="", caption="Trucks waiting at the crossing"))

    response = post_article(publisher_client, article, {"_publish": "Publish"})

    assert response.status_code == 200
    assert "Add alt text before publishing" in response.content.decode()
    assert "Trucks waiting at the crossing" in response.content.decode()
    assert "At the border" in response.content.decode()
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_alt_text_of_spaces_only_counts_as_missing_for_a_sections_figure(media_root):
    article = DraftArticleFactory()
    blank = with_picture(FigureFactory(section=SectionFactory(article=article), alt_text="   "))

    assert figures_missing_alt_text(article) == [blank]


def test_publishing_is_refused_while_the_lead_figure_has_no_alt_text_and_allowed_once_it_has(
    publisher_client, media_root
):
    article = DraftArticleFactory()
    with_picture(LeadFigureFactory(article=article, alt_text="", caption="The minister arrives"))

    refused = post_article(publisher_client, article, {"_publish": "Publish", "lead_figure-0-alt_text": ""})
    accepted = post_article(
        publisher_client, article, {"_publish": "Publish", "lead_figure-0-alt_text": "The minister steps out of a car"}
    )

    assert refused.status_code == 200 and "the lead figure" in refused.content.decode()
    assert accepted.status_code == 302
    assert Article.objects.published().filter(pk=article.pk).exists()


def test_removing_a_pictures_alt_text_in_a_published_article_is_refused(publisher_client, media_root):
    section = SectionFactory(article=ArticleFactory())
    figure = with_picture(FigureFactory(section=section, alt_text="A flooded street"))
    url = reverse("admin:articles_section_change", args=[section.pk])
    data = change_form_data(publisher_client.get(url), "section_form")
    data["blocks-2-0-alt_text"] = ""

    response = publisher_client.post(url, data)

    assert response.status_code == 200
    assert "Alt text is required: this figure is in a published article." in response.content.decode()
    figure.refresh_from_db()
    assert figure.alt_text == "A flooded street"


def test_a_figure_without_a_picture_needs_no_alt_text(publisher_client):
    article = DraftArticleFactory()
    FigureFactory(section=SectionFactory(article=article), alt_text="")

    assert post_article(publisher_client, article, {"_publish": "Publish"}).status_code == 302


def test_publish_action_publishes_now_and_skips_articles_with_pictures_lacking_alt_text(publisher_client, media_root):
    ready = DraftArticleFactory(headline="Ready to go")
    not_ready = DraftArticleFactory(headline="Missing a description")
    with_picture(FigureFactory(section=SectionFactory(article=not_ready), alt_text=""))

    response = publisher_client.post(
        reverse(CHANGELIST), {"action": "publish_now", "_selected_action": [ready.pk, not_ready.pk]}, follow=True
    )

    assert list(Article.objects.published()) == [ready]
    messages = [str(message) for message in response.context["messages"]]
    assert any("Missing a description" in message and "alt text" in message for message in messages)


def test_publish_action_brings_a_scheduled_article_out_now(publisher_client):
    article = ArticleFactory(published_at=timezone.now() + timedelta(days=3))

    publisher_client.post(reverse(CHANGELIST), {"action": "publish_now", "_selected_action": [article.pk]})

    assert list(Article.objects.published()) == [article]


def test_unpublish_action_takes_the_article_down_everywhere(publisher_client, client):
    article = ArticleFactory(headline="Retracted story")

    publisher_client.post(reverse(CHANGELIST), {"action": "unpublish", "_selected_action": [article.pk]})

    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert not Article.objects.published().exists()
    client.logout()
    assert client.get(article.get_absolute_url()).status_code == 404
    listings = [reverse("articles:article_list"), reverse("articles:latest_feed_rss")]
    listings.append(reverse("articles:sitemap_section", kwargs={"section": "articles"}))
    for listing in listings:
        assert "retracted-story" not in client.get(listing).content.decode().lower()
    assert "Retracted story" not in client.get(reverse("articles:search"), {"q": "Retracted"}).content.decode()


def test_dateline_shows_an_update_only_when_it_is_well_after_publication(client):
    published_at = timezone.now() - timedelta(days=2)
    article = ArticleFactory(published_at=published_at)
    Article.objects.filter(pk=article.pk).update(updated_at=published_at + timedelta(minutes=5))
    quick_fix = client.get(article.get_absolute_url()).content.decode()
    Article.objects.filter(pk=article.pk).update(updated_at=published_at + timedelta(days=1))
    later_change = client.get(article.get_absolute_url()).content.decode()

    assert "Updated" not in quick_fix
    assert 'class="dateline__updated"' in later_change


def test_correction_note_is_shown_at_the_end_in_an_aside_with_a_heading(client):
    article = ArticleFactory(correction_note="An earlier version gave the wrong date for the vote.")
    plain = ArticleFactory()

    html = client.get(article.get_absolute_url()).content.decode()

    assert '<aside class="correction-note"' in html
    assert "An earlier version gave the wrong date for the vote." in html
    assert re.search(r'<h2 [^>]*id="correction-note-heading"[^>]*>Correction</h2>', html)
    assert "correction-note" not in client.get(plain.get_absolute_url()).content.decode()
