"""What every reader page sends besides its content: a Content-Security-Policy and a
Permissions-Policy, no cookie (so shared caches may keep it), and 405 to anything but GET and HEAD."""

import pytest
from django.templatetags.static import static
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains

from articles.preview import preview_url
from articles.tests.factories import ArticleFactory, ParagraphFactory, SectionFactory, SourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader_pages():
    """Every kind of reader page, with an article, a topic and a source to show."""
    source = SourceFactory(name="KCNA")
    article = ArticleFactory(headline="Talks in Pyongyang", standfirst="Leaders met.")
    article.tags.add("Korea")
    paragraph = ParagraphFactory(section=SectionFactory(article=article, position=1), position=1)
    paragraph.sources.add(source)
    tag_slug = article.tags.get().slug
    return {
        "front": reverse("articles:article_list"),
        "article": article.get_absolute_url(),
        "topic": reverse("articles:tag_detail", kwargs={"slug": tag_slug}),
        "source": source.get_absolute_url(),
        "sources": reverse("articles:source_list"),
        "search": reverse("articles:search") + "?q=Pyongyang",
        "latest rss": reverse("articles:latest_feed_rss"),
        "latest atom": reverse("articles:latest_feed_atom"),
        "topic rss": reverse("articles:tag_feed_rss", kwargs={"slug": tag_slug}),
        "topic atom": reverse("articles:tag_feed_atom", kwargs={"slug": tag_slug}),
        "source rss": reverse("articles:source_feed_rss", kwargs={"slug": source.slug}),
        "source atom": reverse("articles:source_feed_atom", kwargs={"slug": source.slug}),
        "sitemap": reverse("articles:sitemap"),
        "sitemap of articles": reverse("articles:sitemap_section", kwargs={"section": "articles"}),
        "news sitemap": reverse("articles:news_sitemap"),
        "robots": reverse("articles:robots_txt"),
        "preview": preview_url(article),
    }


@pytest.fixture
def strict_client():
    """A client that is refused without a CSRF token, as a browser or a script would be."""
    return Client(enforce_csrf_checks=True)


def directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


def test_pages_carry_a_content_security_policy_without_inline_scripts(client, reader_pages):
    for name, address in reader_pages.items():
        policy = directives(client.get(address))
        assert policy["script-src"] == ["'self'"], name
        assert "'unsafe-inline'" not in policy["style-src"], name
        assert policy["default-src"] == ["'self'"], name
        assert policy["frame-ancestors"] == ["'none'"], name
        assert policy["object-src"] == ["'none'"], name


def test_the_admin_carries_the_policy_and_takes_its_own_styles_from_static_files(admin_client):
    response = admin_client.get(reverse("admin:articles_article_add"))
    policy = directives(response)
    assert policy["style-src"] == policy["script-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "<style" not in response.content.decode()
    assertContains(response, f'<link rel="stylesheet" href="{static("admin-extra/change-form.css")}">', html=True)


def test_every_response_refuses_camera_microphone_and_location(client, admin_client, reader_pages):
    responses = [client.get(address) for address in reader_pages.values()]
    responses += [client.get("/no-such-page/"), admin_client.get(reverse("admin:index"))]
    for response in responses:
        features = dict(item.strip().split("=") for item in response["Permissions-Policy"].split(","))
        assert features["camera"] == features["microphone"] == features["geolocation"] == "()"


def test_reader_pages_set_no_cookie_so_shared_caches_may_keep_them(client, reader_pages):
    for name, address in reader_pages.items():
        response = client.get(address)
        assert response.status_code == 200, name
        assert not response.cookies, (name, response.cookies)
        assert "csrfmiddlewaretoken" not in response.content.decode(), name


def test_the_language_selector_works_without_a_token_and_sets_only_the_language(strict_client, reader_pages):
    front = strict_client.get(reader_pages["front"]).content.decode()
    assert f'action="{reverse("set_language")}" method="post"' in front
    response = strict_client.post(reverse("set_language"), {"language": "en", "next": reader_pages["article"]})
    assert response.status_code == 302
    assert response["Location"] == reader_pages["article"]
    assert set(response.cookies) == {"django_language"}
    assert response.cookies["django_language"].value == "en"
    assert "Skip to content" in strict_client.get(reader_pages["article"]).content.decode()


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_reader_pages_answer_405_to_anything_but_get_and_head(strict_client, reader_pages, method):
    for name, address in reader_pages.items():
        response = getattr(strict_client, method)(address, data={})
        assert response.status_code == 405, (name, response.status_code)
        assert response["Allow"] == "GET, HEAD", name


def test_reader_pages_still_answer_head(client, reader_pages):
    for name, address in reader_pages.items():
        assert client.head(address).status_code == 200, name
