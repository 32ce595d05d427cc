"""Who else has an article open in the admin: a heartbeat in the cache, shown on the change page."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles import presence
from articles.content_version import current_version
from articles.tests.admin_helpers import make_editor
from articles.tests.factories import ArticleFactory
from articles.tests.history_helpers import edit, open_change_form, save_change_form

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

    seen = presence.heartbeat(7, ben, now=opened + datetime.timedelta(seconds=30))

    assert seen.others == [{"name": "ana", "since": opened}]


def test_an_editor_not_heard_from_for_a_minute_is_gone(ana, ben):
    opened = timezone.now()
    presence.heartbeat(7, ana, now=opened)

    assert presence.heartbeat(7, ben, now=opened + presence.GONE_AFTER + datetime.timedelta(seconds=1)).others == []


def test_an_editor_who_leaves_is_gone_at_once(ana, ben):
    presence.heartbeat(7, ana)
    presence.leave(7, ana)

    assert presence.heartbeat(7, ben).others == []


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


def test_taking_over_tells_the_others_at_their_next_heartbeat(ana, ben):
    article = ArticleFactory()
    opened = timezone.now()
    presence.heartbeat(article.pk, ana, now=opened)
    presence.heartbeat(article.pk, ben, now=opened + datetime.timedelta(seconds=5))

    presence.take_over(article.pk, ben, now=opened + datetime.timedelta(seconds=10))

    seen_by_ana = presence.heartbeat(article.pk, ana, now=opened + datetime.timedelta(seconds=20))
    assert seen_by_ana.taken_over == {"name": "ben", "at": opened + datetime.timedelta(seconds=10)}
    assert seen_by_ana.others == [
        {
            "name": "ben",
            "since": opened + datetime.timedelta(seconds=5),
            "took_over_at": opened + datetime.timedelta(seconds=10),
        }
    ]
    assert not seen_by_ana.holding
    seen_by_ben = presence.heartbeat(article.pk, ben, now=opened + datetime.timedelta(seconds=25))
    assert seen_by_ben.holding and seen_by_ben.taken_over is None


def test_taking_over_moves_the_edit_version_so_the_others_pages_are_out_of_date(ana, ben):
    article = ArticleFactory()
    version = article.edit_version

    before, after = presence.take_over(article.pk, ben)

    article.refresh_from_db()
    assert (before, after) == (version, version + 1)
    assert article.edit_version == version + 1


def test_taking_over_changes_nothing_readers_see(ana, ben):
    article = ArticleFactory()
    number = current_version().number
    updated_at = article.updated_at

    presence.take_over(article.pk, ben)

    article.refresh_from_db()
    assert current_version().number == number
    assert article.updated_at == updated_at


def test_loading_the_page_again_puts_the_editor_back_in_step(ana, ben):
    article = ArticleFactory()
    presence.heartbeat(article.pk, ana)
    presence.take_over(article.pk, ben)

    reloaded = presence.heartbeat(article.pk, ana, page_loaded=True)

    assert reloaded.taken_over is None
    assert presence.heartbeat(article.pk, ana).taken_over is None
    assert reloaded.others[0]["name"] == "ben"


def test_taking_over_back_hands_the_article_to_the_other_editor(ana, ben):
    article = ArticleFactory()
    presence.heartbeat(article.pk, ana)
    presence.take_over(article.pk, ben)

    presence.take_over(article.pk, ana)

    seen_by_ben = presence.heartbeat(article.pk, ben)
    assert seen_by_ben.taken_over["name"] == "ana" and not seen_by_ben.holding
    assert presence.heartbeat(article.pk, ana).holding


def test_the_take_over_button_shows_when_someone_else_has_the_article_open(ana, ben):
    article = ArticleFactory()
    url = reverse("admin:articles_article_change", args=[article.pk])
    alone = logged_in(ana).get(url).content.decode()

    html = logged_in(ben).get(url).content.decode()

    assert '<p class="presence-take-over" hidden>' in alone
    assert '<p class="presence-take-over">' in html
    assert 'id="take-over-form"' in html


def test_after_a_take_over_the_others_save_is_refused_and_their_text_kept(ana, ben):
    article = ArticleFactory(headline="Floods")
    anas_client, bens_client = logged_in(ana), logged_in(ben)
    anas_form = open_change_form(anas_client, article)
    bens_client.get(reverse("admin:articles_article_change", args=[article.pk]))

    taken = bens_client.post(
        reverse("admin:articles_article_take_over", args=[article.pk]),
        {"opened_version": anas_form["opened_version"]},
        HTTP_ACCEPT="application/json",
    ).json()
    heartbeat = anas_client.post(reverse("admin:articles_article_presence", args=[article.pk])).json()
    refused = save_change_form(anas_client, article, anas_form, {"headline": "Floods reach the town"})

    assert taken["opened_version"] == int(anas_form["opened_version"]) + 1
    assert heartbeat["warning"].startswith("ben took over at")
    assert refused.status_code == 200
    assert "Floods reach the town" in refused.content.decode()
    assert "ben took over this article at" in refused.content.decode()
    article.refresh_from_db()
    assert article.headline == "Floods"


def test_the_editor_who_took_over_saves_from_the_same_page(ana, ben):
    article = ArticleFactory(headline="Floods")
    bens_client = logged_in(ben)
    bens_form = open_change_form(bens_client, article)
    logged_in(ana).get(reverse("admin:articles_article_change", args=[article.pk]))
    taken = bens_client.post(
        reverse("admin:articles_article_take_over", args=[article.pk]),
        {"opened_version": bens_form["opened_version"]},
        HTTP_ACCEPT="application/json",
    ).json()

    saved = save_change_form(
        bens_client, article, bens_form, {"opened_version": str(taken["opened_version"]), "headline": "Ben's"}
    )

    assert saved.status_code == 302
    article.refresh_from_db()
    assert article.headline == "Ben's"


def test_a_page_someone_saved_since_does_not_go_on_at_the_new_version(ana, ben):
    article = ArticleFactory(headline="Floods")
    bens_client = logged_in(ben)
    bens_form = open_change_form(bens_client, article)
    edit(logged_in(ana), article, {"headline": "Ana's"})

    taken = bens_client.post(
        reverse("admin:articles_article_take_over", args=[article.pk]),
        {"opened_version": bens_form["opened_version"]},
        HTTP_ACCEPT="application/json",
    ).json()

    assert taken["opened_version"] is None


def test_without_javascript_taking_over_loads_the_change_page_again(ana, ben):
    article = ArticleFactory()
    url = reverse("admin:articles_article_take_over", args=[article.pk])

    response = logged_in(ben).post(url)

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:articles_article_change", args=[article.pk])
    assert presence.heartbeat(article.pk, ben).holding


def test_only_those_who_may_change_the_article_take_over(django_user_model, client):
    article = ArticleFactory()
    viewer = django_user_model.objects.create_user(username="vera", password="a-long-password", is_staff=True)
    viewer.user_permissions.set(Permission.objects.filter(codename="view_article"))
    url = reverse("admin:articles_article_take_over", args=[article.pk])

    assert logged_in(viewer).post(url).status_code == 403
    assert client.post(url).status_code == 302  # to the admin's login page
    assert logged_in(viewer).get(url).status_code == 405
