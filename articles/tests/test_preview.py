"""Previews: staff see a draft as readers will, from the admin; a signed link shows it to anyone
for a limited time; neither is indexed."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core import signing
from django.urls import reverse

from articles.preview import PREVIEW_MAX_AGE, preview_token, preview_url
from articles.tests.admin_helpers import make_editor
from articles.tests.factories import DraftArticleFactory, ParagraphFactory, SectionFactory

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
    assert '<meta name="robots" content="noindex, nofollow">' in html


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
