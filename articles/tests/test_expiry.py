"""An optional expiry time, after which a published article leaves the site by itself."""

from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone, translation

from articles import publishing
from articles.content_version import current_version
from articles.models import Article
from articles.tests.admin_helpers import change_form_data, make_editor
from articles.tests.factories import ArticleFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_interface")]


def test_an_article_past_its_expiry_time_is_not_published():
    now = timezone.now()
    leaving = ArticleFactory(expire_at=now + timedelta(hours=1))
    gone = ArticleFactory(expire_at=now - timedelta(minutes=1))
    kept = ArticleFactory()

    assert set(Article.objects.published()) == {leaving, kept}
    assert gone not in Article.objects.published()


def test_the_state_of_an_article_past_its_expiry_time_is_expired():
    now = timezone.now()
    article = ArticleFactory(published_at=now - timedelta(days=1), expire_at=now + timedelta(hours=1))

    assert publishing.publication_state(article, now=now) == "Published"
    assert publishing.publication_state(article, now=now + timedelta(hours=1)) == "Expired"


def test_a_scheduled_article_says_when_it_appears_in_either_language(settings):
    settings.TIME_ZONE = "UTC"
    now = timezone.now()
    article = ArticleFactory(published_at=datetime(2030, 12, 5, 10, 0, tzinfo=UTC))

    with translation.override("en"):
        assert str(publishing.publication_label(article, now=now)) == "Scheduled for Dec. 5, 2030, 10 a.m."
    with translation.override("es"):
        assert str(publishing.publication_label(article, now=now)).startswith(
            "Programado para el 5 de diciembre de 2030"
        )


def test_an_article_leaves_the_site_on_the_first_request_after_its_expiry_time(client, settings, monkeypatch):
    start = timezone.now()
    article = ArticleFactory(headline="Leaving at noon", expire_at=start + timedelta(hours=3))
    front_page = reverse("articles:article_list")
    assert "Leaving at noon" in client.get(front_page).content.decode()
    assert client.get(article.get_absolute_url()).status_code == 200

    monkeypatch.setattr(timezone, "now", lambda: start + timedelta(hours=3))

    assert "Leaving at noon" not in client.get(front_page).content.decode()
    assert client.get(article.get_absolute_url()).status_code == 404


def test_the_next_change_time_is_the_earliest_publication_or_expiry_to_come():
    now = timezone.now()
    ArticleFactory(published_at=now + timedelta(hours=5))
    ArticleFactory(expire_at=now + timedelta(hours=2))
    ArticleFactory(expire_at=now - timedelta(hours=2))

    assert current_version().next_publication == now + timedelta(hours=2)


def test_the_next_change_time_is_an_expiry_when_nothing_is_scheduled():
    now = timezone.now()
    ArticleFactory(expire_at=now + timedelta(hours=2))

    assert current_version().next_publication == now + timedelta(hours=2)


def test_publishing_an_expired_article_again_removes_its_passed_expiry():
    now = timezone.now()
    article = ArticleFactory(published_at=now - timedelta(days=2), expire_at=now - timedelta(days=1))

    publishing.publish(article, when=now)

    article.refresh_from_db()
    assert article.expire_at is None
    assert article in Article.objects.published()


def test_editors_set_the_expiry_time_when_they_publish_and_contributors_only_see_it(client, django_user_model):
    article = ArticleFactory()
    url = reverse("admin:articles_article_change", args=[article.pk])
    client.force_login(make_editor(django_user_model))
    page = client.get(url)
    assert 'name="leave_at_0"' in page.content.decode()
    leaving = timezone.localtime() + timedelta(days=2)
    data = {
        **change_form_data(page, "article_form"),
        "_publish": "Publish",
        "leave_at_0": leaving.strftime("%Y-%m-%d"),
        "leave_at_1": leaving.strftime("%H:%M:%S"),
    }
    assert client.post(url, data).status_code == 302
    article.refresh_from_db()
    assert article.expire_at == leaving.replace(microsecond=0)

    contributor = django_user_model.objects.create_user(
        username="contributor", password="a-long-password", is_staff=True
    )
    contributor.groups.add(Group.objects.get(name="Contributors"))
    client.force_login(contributor)
    page = client.get(url).content.decode()
    assert 'name="leave_at_0"' not in page and 'name="expire_at_0"' not in page
    assert "Expiry time" in page
