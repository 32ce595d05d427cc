"""Topics named with accents, ñ or other scripts get ASCII addresses, and every page showing them works."""

import xml.etree.ElementTree as ET
from importlib import import_module

import pytest
from django.apps import apps
from django.urls import reverse
from taggit.models import Tag

from articles.topics import topic_slug_base

from .admin_helpers import change_form_data
from .factories import ArticleFactory

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Japón", "japon"),
        ("Política exterior", "politica-exterior"),
        ("España", "espana"),
        ("Łódź", "lodz"),
        ("Straße", "strasse"),
        ("Россия", "rossiya"),
        ("OTAN", "otan"),
    ],
)
def test_a_topic_gets_an_ascii_address_transliterated_from_its_name(name, slug):
    article = ArticleFactory()
    article.tags.add(name)

    assert Tag.objects.get(name=name).slug == slug


def test_a_topic_whose_name_gives_no_letters_still_gets_an_address():
    article = ArticleFactory()
    article.tags.add("¡¿…?!", "—")

    slugs = sorted(Tag.objects.values_list("slug", flat=True))

    assert slugs == ["topic", "topic-2"]


def test_a_topic_whose_address_is_taken_gets_another_in_either_order(client):
    first, second = ArticleFactory(), ArticleFactory()
    first.tags.add("Japón")
    first.tags.add("Japon")
    second.tags.add("Espana")
    second.tags.add("España")

    slugs = dict(Tag.objects.values_list("name", "slug"))

    assert slugs["Japón"] == "japon" and slugs["Japon"].startswith("japon")
    assert slugs["Espana"] == "espana" and slugs["España"].startswith("espana")
    assert len(set(slugs.values())) == 4
    for slug in slugs.values():
        assert client.get(reverse("articles:tag_detail", kwargs={"slug": slug})).status_code == 200


def test_a_long_name_in_another_script_fits_the_address_column():
    article = ArticleFactory()
    article.tags.add("北" * 100)

    slug = Tag.objects.get().slug

    assert 0 < len(slug) <= 100
    assert topic_slug_base("北" * 100) == slug


def test_pages_feeds_and_the_sitemap_answer_for_an_article_with_accented_topics(client):
    article = ArticleFactory(headline="Tokio y Madrid")
    article.tags.add("Japón", "Política exterior", "España")

    article_page = client.get(article.get_absolute_url())
    front_page = client.get(reverse("articles:article_list"))
    sitemap = client.get(reverse("articles:sitemap_section", kwargs={"section": "topics"}))

    assert article_page.status_code == front_page.status_code == sitemap.status_code == 200
    assert 'href="/tags/japon/"' in article_page.content.decode()
    assert 'href="/tags/politica-exterior/"' in front_page.content.decode()
    locations = [loc.text for loc in ET.fromstring(sitemap.content).iter(f"{SITEMAP}loc")]
    assert "http://testserver/tags/espana/" in locations
    topic_page = client.get("/tags/japon/")
    assert topic_page.status_code == 200
    assert "Tokio y Madrid" in topic_page.content.decode()
    for suffix in ("feed.rss", "feed.atom"):
        feed = client.get(f"/tags/politica-exterior/{suffix}")
        assert feed.status_code == 200
        assert "Tokio y Madrid" in feed.content.decode()


@pytest.mark.parametrize("path", ["/tags/japón/", "/tags/jap%C3%B3n/", "/tags/japón/feed.rss", "/tags/japón/feed.atom"])
def test_an_old_unicode_address_is_not_found_rather_than_an_error(client, path):
    ArticleFactory().tags.add("Japón")

    assert client.get(path).status_code == 404


def test_the_migration_gives_existing_unicode_and_empty_slugs_ascii_addresses_and_keeps_working_ones(client):
    article = ArticleFactory()
    article.tags.add("Japón", "Rusia", "Japon", "?!")
    # As taggit left them before: Unicode slugs, and an empty one for a name without letters.
    Tag.objects.filter(name="Japón").update(slug="japón")
    Tag.objects.filter(name="?!").update(slug="")
    Tag.objects.filter(name="Japon").update(slug="japon")
    migration = import_module("articles.migrations.0011_ascii_topic_slugs")

    migration.give_topics_ascii_addresses(apps, None)

    slugs = dict(Tag.objects.values_list("name", "slug"))
    assert slugs == {"Japón": "japon-2", "Rusia": "rusia", "Japon": "japon", "?!": "topic"}
    assert client.get(article.get_absolute_url()).status_code == 200


def test_a_topic_typed_in_the_article_form_with_an_accent_gets_an_ascii_address(editor_client):
    article = ArticleFactory()
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = change_form_data(editor_client.get(url), "article_form")
    data["tags"] = "Japón, Política exterior"

    response = editor_client.post(url, data)

    assert response.status_code == 302
    assert sorted(article.tags.values_list("slug", flat=True)) == ["japon", "politica-exterior"]
    assert editor_client.get(article.get_absolute_url()).status_code == 200


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("Japón, Polí\x01tica", "control character"),
        ("Japón, " + "x" * 101, "at most 100 characters"),
    ],
)
def test_the_article_form_refuses_a_topic_with_a_control_character_or_too_long(
    editor_client, english_interface, typed, message
):
    article = ArticleFactory()
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = change_form_data(editor_client.get(url), "article_form")
    data["tags"] = typed

    response = editor_client.post(url, data)

    assert response.status_code == 200
    assert message in str(response.context["adminform"].form.errors["tags"])
    assert not Tag.objects.exists()


def test_the_topic_admin_fills_an_ascii_address_and_refuses_a_unicode_one(editor_client, english_interface):
    tag = Tag.objects.create(name="Japón")
    url = reverse("admin:taggit_tag_change", args=[tag.pk])
    data = change_form_data(editor_client.get(url), "tag_form")

    refused = editor_client.post(url, {**data, "slug": "japón-nuevo"})
    control = editor_client.post(url, {**data, "name": "Ja\x7fpón"})
    accepted = editor_client.post(url, {**data, "slug": "japon-nuevo"})

    assert refused.status_code == 200 and "slug" in refused.context["adminform"].form.errors
    assert control.status_code == 200 and "control character" in str(control.context["adminform"].form.errors)
    assert accepted.status_code == 302
    assert Tag.objects.get().slug == "japon-nuevo"
