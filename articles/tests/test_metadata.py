"""The article page's head: JSON-LD NewsArticle, Open Graph and Twitter tags, canonical links."""

import json
import re
from io import BytesIO, StringIO
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from pytest_django.asserts import assertInHTML

from articles.metadata import LOGO, news_article, news_language, open_graph_locale
from articles.models import Article, PullQuote, Quote, Source
from articles.views import ARTICLES_PER_PAGE

from .factories import (
    ArticleFactory,
    DraftArticleFactory,
    LeadFigureFactory,
    PullQuoteFactory,
    SectionFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db

SEED = Path(__file__).resolve().parents[1] / "seed" / "000_a09af1157bd9f9d3.txt"
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)
ISO_DATETIME_WITH_ZONE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$")
BREAKOUT = "</script><script>alert(1)</script>"


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def json_ld(html):
    [data] = JSON_LD.findall(html)
    return json.loads(data)


def import_seed():
    call_command("import_article", str(SEED), "--publish", "--tags", "Rusia, OTAN", stdout=StringIO())
    return Article.objects.get()


def with_lead_image(article, width=1200, height=800):
    buffer = BytesIO()
    Image.new("RGB", (width, height), "red").save(buffer, format="PNG")
    lead_figure = LeadFigureFactory(article=article, alt_text="Two men shaking hands")
    lead_figure.image.save("lead.png", ContentFile(buffer.getvalue()))
    return lead_figure


def test_article_page_describes_the_article_as_a_news_article(client):
    article = ArticleFactory(
        headline="Talks resume", standfirst="Both sides meet again.", language="es", byline="Ana Pérez"
    )
    article.tags.add("OTAN", "Rusia")
    url = f"http://testserver{article.get_absolute_url()}"

    data = json_ld(page(client, article.get_absolute_url()))

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Talks resume"
    assert data["description"] == "Both sides meet again."
    assert data["inLanguage"] == "es"
    assert data["url"] == url
    assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
    assert sorted(data["keywords"]) == ["OTAN", "Rusia"]
    assert data["author"] == {"@type": "Person", "name": "Ana Pérez"}
    assert "image" not in data


def test_json_ld_dates_are_iso_8601_with_a_time_zone_offset(client):
    article = ArticleFactory()

    data = json_ld(page(client, article.get_absolute_url()))

    for key in ("datePublished", "dateModified"):
        assert ISO_DATETIME_WITH_ZONE.match(data[key]), data[key]
    assert data["datePublished"] == timezone.localtime(article.published_at).isoformat(timespec="seconds")


def test_publisher_is_the_site_with_a_logo_and_stands_in_for_a_missing_byline(client):
    article = ArticleFactory(byline="")

    data = json_ld(page(client, article.get_absolute_url()))

    publisher = data["publisher"]
    assert publisher["@type"] == "Organization"
    assert publisher["name"] == "Lector de noticias"
    assert publisher["url"] == "http://testserver/"
    assert publisher["logo"]["@type"] == "ImageObject"
    assert publisher["logo"]["url"].startswith("http://testserver/") and publisher["logo"]["url"].endswith(LOGO)
    assert finders.find(LOGO)
    assert data["author"] == publisher


def test_lead_image_is_the_news_article_image_and_the_open_graph_and_twitter_image(client):
    article = ArticleFactory()
    lead_figure = with_lead_image(article)
    image_url = f"http://testserver{lead_figure.image.url}"

    html = page(client, article.get_absolute_url())
    data = json_ld(html)

    assert data["image"]["@type"] == "ImageObject"
    assert data["image"]["url"] == image_url
    assert (data["image"]["width"], data["image"]["height"]) == (1200, 800)
    assert data["image"]["creditText"] == lead_figure.credit
    assertInHTML(f'<meta property="og:image" content="{image_url}">', html)
    assertInHTML('<meta property="og:image:alt" content="Two men shaking hands">', html)
    assertInHTML('<meta name="twitter:card" content="summary_large_image">', html)
    assertInHTML(f'<meta name="twitter:image" content="{image_url}">', html)


def test_article_without_a_picture_gets_a_summary_card_and_no_image_tags(client):
    article = ArticleFactory()
    LeadFigureFactory(article=article)

    html = page(client, article.get_absolute_url())

    assertInHTML('<meta name="twitter:card" content="summary">', html)
    assert "og:image" not in html
    assert "twitter:image" not in html


def test_seed_quotes_are_quotations_with_their_speaker_and_the_report_they_rely_on(client):
    article = import_seed()

    data = json_ld(page(client, article.get_absolute_url()))

    quotations = data["hasPart"]
    assert len(quotations) == Quote.objects.count() + PullQuote.objects.count()
    assert all(quotation["@type"] == "Quotation" and quotation["text"] for quotation in quotations)
    first = quotations[0]
    assert first["text"].startswith("Las conversaciones cubrirán")
    # An organisation speaking leaves the speaker empty (issue 10); the report it relies on stays.
    assert "spokenByCharacter" not in first
    assert first["isBasedOn"]["@type"] == "CreativeWork"
    assert first["isBasedOn"]["name"] == "TASS"
    assert first["isBasedOn"]["publisher"]["name"] == "TASS"
    assert first["url"].startswith(data["url"] + "#quote-")
    kim = next(quotation for quotation in quotations if quotation["text"].startswith("apoyará"))
    assert kim["spokenByCharacter"] == {"@type": "Person", "name": "Kim Jong-un"}
    assert kim["isBasedOn"]["name"] == "KCNA"


def test_pull_quotes_are_quotations_too(client):
    article = ArticleFactory()
    speaker = SourceFactory(name="Edward Howell", kind=Source.Kind.PERSON, url="https://example.org/howell")
    PullQuoteFactory(section=SectionFactory(article=article), text="A strategic alignment", speaker=speaker)

    [quotation] = json_ld(page(client, article.get_absolute_url()))["hasPart"]

    assert quotation["text"] == "A strategic alignment"
    assert quotation["spokenByCharacter"] == {
        "@type": "Person",
        "name": "Edward Howell",
        "url": "https://example.org/howell",
    }
    assert "isBasedOn" not in quotation


def test_building_the_json_ld_makes_no_query(django_assert_num_queries):
    import_seed()
    article = Article.objects.published().with_body().get()
    list(article.tags.all())

    with django_assert_num_queries(0):
        data = news_article(article, RequestFactory().get(article.get_absolute_url()))

    assert data["hasPart"]


def test_a_headline_cannot_close_the_json_ld_script_element(client):
    article = ArticleFactory(headline=f"Breaking {BREAKOUT} & more", standfirst="<b>bold</b>")

    html = page(client, article.get_absolute_url())

    assert BREAKOUT not in html
    assert "<script>alert(1)" not in html
    [script] = JSON_LD.findall(html)
    assert "<" not in script and ">" not in script and "&" not in script
    assert "\\u003C/script\\u003E\\u003Cscript\\u003Ealert(1)" in script
    assert json.loads(script)["headline"] == f"Breaking {BREAKOUT} & more"


def test_json_ld_tag_escapes_as_json_script_does():
    rendered = Template("{% load article_metadata %}{% json_ld data %}").render(Context({"data": {"a": "<&>"}}))

    assert rendered == '<script type="application/ld+json">{"a": "\\u003C\\u0026\\u003E"}</script>'


def test_article_page_has_open_graph_twitter_and_canonical_tags(client):
    article = ArticleFactory(headline="Talks resume", standfirst="Both sides meet again.", language="pt-BR")
    article.tags.add("OTAN")
    url = f"http://testserver{article.get_absolute_url()}"

    html = page(client, f"{article.get_absolute_url()}?utm_source=feed")
    data = json_ld(html)

    for tag in [
        f'<link rel="canonical" href="{url}">',
        '<meta name="description" content="Both sides meet again.">',
        '<meta property="og:type" content="article">',
        '<meta property="og:site_name" content="Lector de noticias">',
        '<meta property="og:title" content="Talks resume">',
        '<meta property="og:description" content="Both sides meet again.">',
        f'<meta property="og:url" content="{url}">',
        '<meta property="og:locale" content="pt_BR">',
        f'<meta property="article:published_time" content="{data["datePublished"]}">',
        f'<meta property="article:modified_time" content="{data["dateModified"]}">',
        '<meta property="article:tag" content="OTAN">',
        '<meta name="twitter:card" content="summary">',
        '<meta name="twitter:title" content="Talks resume">',
        '<meta name="twitter:description" content="Both sides meet again.">',
    ]:
        assert tag in html


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("articles:article_list", {}),
        ("articles:tag_detail", {"slug": "otan"}),
        ("articles:source_detail", {"slug": "tass"}),
    ],
)
def test_list_tag_and_source_pages_have_a_canonical_link_without_the_query_string(client, name, kwargs):
    ArticleFactory().tags.add("OTAN")
    SourceFactory(name="TASS")
    path = reverse(name, kwargs=kwargs)

    html = page(client, f"{path}?source=tass&page=1")

    assertInHTML(f'<link rel="canonical" href="http://testserver{path}">', html)
    assert html.count('rel="canonical"') == 1


def test_later_pages_of_a_list_keep_their_page_number_in_the_canonical_link(client):
    for _ in range(ARTICLES_PER_PAGE + 1):
        ArticleFactory()

    html = page(client, f"{reverse('articles:article_list')}?page=2&utm_source=x")

    assertInHTML('<link rel="canonical" href="http://testserver/?page=2">', html)


def test_a_correction_note_is_a_correction_comment(client):
    article = ArticleFactory(correction_note="An earlier version misnamed the agency.")

    data = json_ld(page(client, article.get_absolute_url()))

    assert data["correction"] == {"@type": "CorrectionComment", "text": "An earlier version misnamed the agency."}


@pytest.mark.parametrize(
    ("language", "locale", "news"), [("es", "es", "es"), ("pt-BR", "pt_BR", "pt"), ("zh-TW", "zh_TW", "zh-tw")]
)
def test_article_language_as_open_graph_locale_and_google_news_language(language, locale, news):
    assert open_graph_locale(language) == locale
    assert news_language(language) == news


def test_a_draft_without_a_publication_time_has_no_date_published():
    draft = DraftArticleFactory()

    data = news_article(draft, RequestFactory().get("/"))

    assert "datePublished" not in data
    assert ISO_DATETIME_WITH_ZONE.match(data["dateModified"])
