"""Previews: staff see a draft as readers will, from the admin; a signed link, minted for those
who may change the article, shows it to anyone for a limited time, until the article is
unpublished or the links are revoked; neither is indexed."""

import re
from datetime import timedelta
from unittest import mock
from urllib.parse import urlsplit

import pytest
from django.contrib.admin import helpers
from django.contrib.auth.models import Permission
from django.core import signing
from django.urls import reverse
from pytest_django.asserts import assertInHTML

from articles.models import Article
from articles.preview import PREVIEW_MAX_AGE, preview_token, preview_url
from articles.revisions import restore
from articles.tests.admin_helpers import make_editor
from articles.tests.factories import ArticleFactory, DraftArticleFactory, ParagraphFactory, SectionFactory
from articles.tests.history_helpers import edit, revisions_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_interface")]


@pytest.fixture
def draft():
    article = DraftArticleFactory(headline="Budget talks collapse")
    ParagraphFactory(section=SectionFactory(article=article, heading="The vote"), text="The vote was **postponed**.")
    return article


def staff_preview_url(article):
    return reverse("admin:articles_article_preview", args=[article.pk])


def test_staff_preview_shows_the_draft_as_the_article_page_with_a_banner(client, django_user_model, draft):
    client.force_login(make_editor(django_user_model))

    response = client.get(staff_preview_url(draft))

    html = response.content.decode()
    assert response.status_code == 200
    assert [template.name for template in response.templates][0] == "articles/article_detail.html"
    assert "Budget talks collapse" in html and "<strong>postponed</strong>" in html
    assert 'class="preview-banner"' in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assertInHTML('<meta name="robots" content="noindex, nofollow">', html)


def test_the_public_page_of_a_draft_is_still_404(client, django_user_model, draft):
    client.force_login(make_editor(django_user_model))

    assert client.get(draft.get_absolute_url()).status_code == 404


def test_staff_preview_needs_a_staff_login(client, draft):
    response = client.get(staff_preview_url(draft))

    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_the_change_form_links_to_the_preview_and_offers_a_signed_link(client, django_user_model, draft):
    client.force_login(make_editor(django_user_model))

    html = client.get(reverse("admin:articles_article_change", args=[draft.pk])).content.decode()

    assert f'href="{staff_preview_url(draft)}"' in html
    assert "/preview/" in html and 'id="signed-preview-url"' in html


def test_a_signed_link_shows_the_draft_to_anyone(client, draft):
    response = client.get(preview_url(draft))

    assert response.status_code == 200
    assert "Budget talks collapse" in response.content.decode()
    assert 'class="preview-banner"' in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_a_tampered_signed_link_is_404(client, draft):
    other = DraftArticleFactory(headline="Secret plans")
    token = preview_token(draft)
    forged = token.replace(f"{draft.pk}:", f"{other.pk}:", 1)

    assert client.get(reverse("articles:preview", kwargs={"token": forged})).status_code == 404
    assert client.get(reverse("articles:preview", kwargs={"token": "not-a-token"})).status_code == 404


def test_a_signed_link_expires_after_seven_days(client, draft):
    url = preview_url(draft)
    signed_at = signing.TimestampSigner().timestamp()

    later = int(signing.b62_decode(signed_at)) + int(PREVIEW_MAX_AGE.total_seconds()) + 60
    with mock.patch("time.time", return_value=later):
        assert client.get(url).status_code == 404
    with mock.patch("time.time", return_value=later - int(timedelta(days=1).total_seconds())):
        assert client.get(url).status_code == 200


def revoke_url(article):
    return reverse("admin:articles_article_revoke_previews", args=[article.pk])


@pytest.fixture
def viewer(client, django_user_model):
    user = django_user_model.objects.create_user(username="viewer", password="x-long-password-1", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=["view_article"]))
    client.force_login(user)
    return client


def test_staff_who_may_only_view_the_article_get_no_signed_link(viewer, draft):
    preview = viewer.get(staff_preview_url(draft))
    change_page = viewer.get(reverse("admin:articles_article_change", args=[draft.pk]))

    assert preview.status_code == 200 and "Budget talks collapse" in preview.content.decode()
    assert "/preview/" not in preview.content.decode().replace(staff_preview_url(draft), "")
    assert change_page.status_code == 200 and 'id="signed-preview-url"' not in change_page.content.decode()


@pytest.mark.parametrize("how", ["action", "form"])
def test_a_signed_link_stops_working_when_the_article_is_unpublished(client, django_user_model, how):
    article = ArticleFactory(headline="Budget passes")
    url = preview_url(article)
    assert client.get(url).status_code == 200
    client.force_login(make_editor(django_user_model))

    if how == "action":
        client.post(
            reverse("admin:articles_article_changelist"),
            {"action": "unpublish", helpers.ACTION_CHECKBOX_NAME: [article.pk]},
        )
    else:
        edit(client, article, {"_unpublish": "Unpublish"})

    assert Article.objects.get(pk=article.pk).status == Article.Status.DRAFT
    assert client.get(url).status_code == 404
    assert client.get(preview_url(Article.objects.get(pk=article.pk))).status_code == 200


def offered_link(page):
    """The path of the signed link a change page offers."""
    html = page if isinstance(page, str) else page.content.decode()
    return urlsplit(re.search(r'id="signed-preview-url"[^>]* value="([^"]+)"', html).group(1)).path


def test_revoking_refuses_every_earlier_link_and_offers_a_new_one(client, django_user_model, draft):
    client.force_login(make_editor(django_user_model))
    old = preview_url(draft)
    change_page = client.get(reverse("admin:articles_article_change", args=[draft.pk])).content.decode()

    response = client.post(revoke_url(draft), follow=True)

    new = offered_link(response)
    assert f'action="{revoke_url(draft)}"' in change_page
    assert response.redirect_chain[-1][0].startswith(reverse("admin:articles_article_change", args=[draft.pk]))
    assert any("no longer work" in str(message) for message in response.context["messages"])
    assert offered_link(change_page) != new
    client.logout()
    assert (client.get(old).status_code, client.get(new).status_code) == (404, 200)


def test_revoking_needs_the_permission_to_change_the_article_and_a_post(client, viewer, django_user_model, draft):
    url = preview_url(draft)

    refused = viewer.post(revoke_url(draft))
    client.force_login(make_editor(django_user_model))
    by_get = client.get(revoke_url(draft))

    assert (refused.status_code, by_get.status_code) == (403, 405)
    assert client.get(url).status_code == 200


def test_restoring_an_earlier_revision_does_not_bring_back_revoked_links(client, django_user_model, draft):
    editor = make_editor(django_user_model)
    client.force_login(editor)
    edit(client, draft, {"standfirst": "Changed."})
    url = preview_url(Article.objects.get(pk=draft.pk))
    client.post(revoke_url(draft))

    restore(revisions_of(draft)[-1].version_set.get(content_type__model="article"), editor)

    assert client.get(url).status_code == 404
