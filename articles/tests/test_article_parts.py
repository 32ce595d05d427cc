"""Section and paragraph pages name their article and go back to it after "Save"."""

import pytest
from django.urls import reverse

from articles.tests.admin_helpers import change_form_data
from articles.tests.factories import ArticleFactory, ParagraphFactory, SectionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_interface")]


@pytest.fixture
def paragraph():
    article = ArticleFactory(headline="Flooding in the valley")
    return ParagraphFactory(section=SectionFactory(article=article, heading="The storm"), text="Rain fell.")


def article_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def test_a_section_page_names_its_article_in_the_title_and_the_breadcrumbs(editor_client, paragraph):
    section = paragraph.section
    html = editor_client.get(reverse("admin:articles_section_change", args=[section.pk])).content.decode()

    assert "<title>The storm | Change section of “Flooding in the valley”" in html
    assert f'› <a href="{article_url(section.article)}">Flooding in the valley</a>' in html
    assert "› The storm" in html


def test_a_paragraph_page_leads_through_its_article_and_section(editor_client, paragraph):
    html = editor_client.get(reverse("admin:articles_paragraph_change", args=[paragraph.pk])).content.decode()

    section_url = reverse("admin:articles_section_change", args=[paragraph.section.pk])
    assert "<title>Rain fell. | Change paragraph of “Flooding in the valley”" in html
    assert f'<a href="{article_url(paragraph.section.article)}">Flooding in the valley</a>' in html
    assert f'› <a href="{section_url}">The storm</a>' in html


def test_the_add_paragraph_page_opened_for_a_section_names_the_article(editor_client, paragraph):
    url = reverse("admin:articles_paragraph_add") + f"?section={paragraph.section.pk}"

    html = editor_client.get(url).content.decode()

    assert "<title>Add a paragraph to “Flooding in the valley”" in html


@pytest.mark.parametrize("kind", ["section", "paragraph"])
def test_saving_a_section_or_paragraph_goes_back_to_its_article(editor_client, paragraph, kind):
    obj = paragraph.section if kind == "section" else paragraph
    url = reverse(f"admin:articles_{kind}_change", args=[obj.pk])
    data = change_form_data(editor_client.get(url), f"{kind}_form")

    response = editor_client.post(url, {**data, "_save": "Save"})

    assert response.status_code == 302
    assert response["Location"] == article_url(paragraph.section.article)


def test_save_and_continue_stays_on_the_section_page(editor_client, paragraph):
    url = reverse("admin:articles_section_change", args=[paragraph.section.pk])
    data = change_form_data(editor_client.get(url), "section_form")

    response = editor_client.post(url, {**data, "_continue": "Save and continue editing"})

    assert response.status_code == 302 and response["Location"] == url
