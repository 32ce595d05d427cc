"""Who else has an article open in the admin: a heartbeat in the cache, shown on the change page."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles import presence
from articles.tests.admin_helpers import make_editor
from articles.tests.factories import ArticleFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_interface")]


def logged_in(user):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


@pytest.fixture
def ana(django_user_model):
    return make_editor(django_user_model, username="ana")


@pytest.fixture
def ben(django_user_model):
    return make_editor(django_user_model, username="ben")


def test_a_heartbeat_names_the_others_and_keeps_when_each_arrived(ana, ben):
    opened = timezone.now()
    presence.heartbeat(7, ana, now=opened)
    presence.heartbeat(7, ana, now=opened + datetime.timedelta(seconds=20))

    others = presence.heartbeat(7, ben, now=opened + datetime.timedelta(seconds=30))

    assert others == [{"name": "ana", "since": opened}]


def test_an_editor_not_heard_from_for_a_minute_is_gone(ana, ben):
    opened = timezone.now()
    presence.heartbeat(7, ana, now=opened)

    assert presence.heartbeat(7, ben, now=opened + presence.GONE_AFTER + datetime.timedelta(seconds=1)) == []


def test_an_editor_who_leaves_is_gone_at_once(ana, ben):
    presence.heartbeat(7, ana)
    presence.leave(7, ana)

    assert presence.heartbeat(7, ben) == []


def test_the_change_page_says_who_else_has_the_article_open(ana, ben):
    article = ArticleFactory()
    url = reverse("admin:articles_article_change", args=[article.pk])
    alone = logged_in(ana).get(url).content.decode()

    html = logged_in(ben).get(url).content.decode()

    assert 'id="presence"' in alone and "has had this article open" not in alone
    assert "ana has had this article open since" in html


def test_the_heartbeat_answers_with_the_sentence_to_show(ana, ben):
    article = ArticleFactory()
    url = reverse("admin:articles_article_presence", args=[article.pk])
    logged_in(ana).post(url)

    answer = logged_in(ben).post(url).json()

    assert answer["text"].startswith("ana has had this article open since")


def test_the_heartbeat_is_for_staff_who_may_see_the_article_and_only_by_post(ana, client):
    url = reverse("admin:articles_article_presence", args=[ArticleFactory().pk])

    assert client.post(url).status_code == 302  # to the admin's login page
    assert logged_in(ana).get(url).status_code == 405
