"""The interface in Spanish (default) or English, chosen by the browser or the selector; one URL per page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertInHTML

from articles.tests.factories import ArticleFactory, ParagraphFactory, SectionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    published = timezone.make_aware(datetime.datetime(2025, 6, 5, 10, 30))
    article = ArticleFactory(headline="Kim recibe a Shoigu", language="es", published_at=published)
    ParagraphFactory(section=SectionFactory(article=article, position=1, heading="Contexto"), position=1)
    return article


def test_interface_is_spanish_by_default(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Saltar al contenido" in html
    assert "En este artículo" in html


def test_dates_are_localised(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    assert "5 de junio de 2025" in html
    english = client.get(article.get_absolute_url(), headers={"accept-language": "en"}).content.decode()
    assert "June 5, 2025" in english


def test_browser_language_english_gives_an_english_interface(client, article):
    html = client.get(reverse("articles:article_list"), headers={"accept-language": "en-GB,en;q=0.9"}).content.decode()
    assert "Skip to content" in html
    assert '<html lang="en">' in html


def test_article_content_keeps_its_own_language_whatever_the_interface(client, article):
    html = client.get(article.get_absolute_url(), headers={"accept-language": "en"}).content.decode()
    assert '<html lang="es">' in html
    assert 'class="skip-link" href="#content" lang="en"' in html


def test_selector_switches_language_and_returns_to_the_same_address(client, article):
    response = client.post(reverse("set_language"), {"language": "en", "next": article.get_absolute_url()})
    assert response.status_code == 302
    assert response["Location"] == article.get_absolute_url()
    assert "Skip to content" in client.get(article.get_absolute_url()).content.decode()


def test_urls_carry_no_language_prefix(client, article):
    assert not article.get_absolute_url().startswith(("/es/", "/en/"))
    assert client.get("/en" + article.get_absolute_url()).status_code == 404


def test_selector_is_on_every_page_with_both_languages(client, article):
    html = client.get(reverse("articles:article_list")).content.decode()
    assert f'action="{reverse("set_language")}"' in html
    assertInHTML('<option value="es" lang="es" selected>Español</option>', html)
    assertInHTML('<option value="en" lang="en">English</option>', html)
