"""A reader in Chromium: the section navigation scrolls to its section, a chip leads to its source."""

import pytest
from playwright.sync_api import expect

from .factories import ArticleFactory, ParagraphFactory, SectionFactory, SourceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def build_article_with_sections(source):
    article = ArticleFactory(headline="Long read", language="es")
    for position, heading in enumerate(["", "Colaboración armamentística", "La peligrosa relación"], start=1):
        section = SectionFactory(article=article, position=position, heading=heading)
        for paragraph_position in range(1, 7):
            paragraph = ParagraphFactory(
                section=section,
                position=paragraph_position,
                text="Una frase larga que ocupa sitio en la página para que haya que desplazarse. " * 6,
            )
            paragraph.sources.add(source)
    return article


def test_section_nav_scrolls_to_its_section_and_a_chip_opens_the_source_page(page, live_server):
    source = SourceFactory(name="TASS", slug="tass")
    article = build_article_with_sections(source)
    target = article.sections.get(heading="La peligrosa relación")

    page.goto(live_server.url + article.get_absolute_url())
    heading = page.get_by_role("heading", name="La peligrosa relación", exact=True)
    expect(heading).not_to_be_in_viewport()

    page.get_by_role("navigation", name="En este artículo").get_by_role("link", name="La peligrosa relación").click()

    page.wait_for_url(f"**{article.get_absolute_url()}#{target.anchor}")
    expect(heading).to_be_in_viewport()

    page.locator(f"#{target.anchor} .chip").first.click()

    page.wait_for_url(f"**{source.get_absolute_url()}")
    expect(page.get_by_role("heading", level=1)).to_have_text("TASS")
    assert page.console_errors == []
