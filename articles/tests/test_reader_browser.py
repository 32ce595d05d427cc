"""A reader in Chromium: the table of contents follows the reading, sources light up their
passages with and without JavaScript, every control can be reached and seen with the keyboard.

The screenshots land in artefacts/ (git-ignored) for a person to look at."""

from importlib import import_module
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from articles.models import Article, Source

from .factories import ArticleFactory, FigureFactory, ParagraphFactory, PullQuoteFactory, SectionFactory, SourceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTEFACTS = Path(settings.BASE_DIR) / "artefacts"
SEED_ARTICLE = Path(settings.BASE_DIR) / "articles" / "seed" / "000_a09af1157bd9f9d3.txt"
HEADINGS = ["", "Colaboración armamentística", "La peligrosa relación"]
DUPLICATE_IDS = """() => {
    const ids = [...document.querySelectorAll("[id]")].map(element => element.id);
    return ids.filter((id, index) => ids.indexOf(id) !== index);
}"""
PAGE_BACKGROUND = {
    ("light", "screen"): "rgb(253, 252, 249)",
    ("dark", "screen"): "rgb(20, 20, 19)",
    ("light", "print"): "rgb(255, 255, 255)",
}


def build_article_with_sections(source, other_source=None):
    """Three long sections whose paragraphs cite `source`; the first paragraph of each cites
    `other_source` instead, and the second section has a figure and a pull quote by it."""
    article = ArticleFactory(headline="Long read", language="es")
    for position, heading in enumerate(HEADINGS, start=1):
        section = SectionFactory(article=article, position=position, heading=heading)
        for paragraph_position in range(1, 7):
            paragraph = ParagraphFactory(
                section=section,
                position=paragraph_position,
                text="Una frase larga que ocupa sitio en la página para que haya que desplazarse. " * 6,
            )
            paragraph.sources.add(other_source if other_source and paragraph_position == 1 else source)
        if other_source and position == 2:
            FigureFactory(section=section, position=7).sources.add(other_source)
            PullQuoteFactory(section=section, position=8, speaker=other_source)
    return article


def passage_classes(page):
    return page.locator("[data-sources]").evaluate_all(
        "passages => passages.map(passage => [passage.dataset.sources, passage.className])"
    )


def assert_only_passages_citing(page, slug):
    passages = passage_classes(page)
    assert passages
    for sources, classes in passages:
        if slug in sources.split():
            assert "passage--cited" in classes and "passage--dimmed" not in classes
        else:
            assert "passage--dimmed" in classes and "passage--cited" not in classes


def test_section_nav_scrolls_to_its_section_and_a_chip_opens_the_source_page(page, live_server):
    source = SourceFactory(name="TASS", slug="tass")
    article = build_article_with_sections(source)
    target = article.sections.get(heading="La peligrosa relación")

    page.goto(live_server.url + article.get_absolute_url())
    heading = page.get_by_role("heading", name="La peligrosa relación", exact=True)
    expect(heading).not_to_be_in_viewport()

    page.get_by_role("navigation", name="In this article").get_by_role("link", name="La peligrosa relación").click()

    page.wait_for_url(f"**{article.get_absolute_url()}#{target.anchor}")
    expect(heading).to_be_in_viewport()

    page.locator(f"#{target.anchor} .chip").first.click()

    page.wait_for_url(f"**{source.get_absolute_url()}")
    expect(page.get_by_role("heading", level=1)).to_have_text("TASS")
    assert page.console_errors == []


def test_section_in_view_is_marked_current_in_the_contents_while_scrolling(page, live_server):
    article = build_article_with_sections(SourceFactory(name="TASS", slug="tass"))
    page.goto(live_server.url + article.get_absolute_url())
    contents = page.get_by_role("navigation", name="In this article")
    weapons = contents.get_by_role("link", name="Colaboración armamentística")
    relation = contents.get_by_role("link", name="La peligrosa relación")
    expect(contents.locator('[aria-current="true"]')).to_have_count(0)

    page.locator("#colaboracion-armamentistica p").nth(2).scroll_into_view_if_needed()
    expect(weapons).to_have_attribute("aria-current", "true")
    expect(relation).not_to_have_attribute("aria-current", "true")

    page.locator("#la-peligrosa-relacion p").nth(3).scroll_into_view_if_needed()
    expect(relation).to_have_attribute("aria-current", "true")
    expect(weapons).not_to_have_attribute("aria-current", "true")

    page.locator("#colaboracion-armamentistica p").first.scroll_into_view_if_needed()
    expect(weapons).to_have_attribute("aria-current", "true")
    assert page.console_errors == []


def test_next_section_and_back_to_top_links_move_the_reader(page, live_server):
    article = build_article_with_sections(SourceFactory(name="TASS", slug="tass"))
    page.goto(live_server.url + article.get_absolute_url())

    page.locator("#colaboracion-armamentistica").get_by_role("link", name="Next section").click()
    page.wait_for_url("**#la-peligrosa-relacion")
    expect(page.get_by_role("heading", name="La peligrosa relación", exact=True)).to_be_in_viewport()

    page.locator("#la-peligrosa-relacion").get_by_role("link", name="Back to top").click()
    page.wait_for_url("**#top")
    expect(page.get_by_role("heading", level=1)).to_be_in_viewport()


def test_narrow_screen_contents_open_and_close(page, live_server):
    article = build_article_with_sections(SourceFactory(name="TASS", slug="tass"))
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(live_server.url + article.get_absolute_url())
    contents = page.get_by_role("navigation", name="In this article")
    summary = contents.locator("summary")
    link = contents.get_by_role("link", name="La peligrosa relación")
    expect(link).to_be_hidden()

    summary.click()
    expect(link).to_be_visible()
    expect(contents.locator("details")).to_have_attribute("open", "")
    ARTEFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTEFACTS / "reader-contents-open-360.png")

    summary.press("Enter")
    expect(link).to_be_hidden()

    summary.click()
    link.click()
    page.wait_for_url("**#la-peligrosa-relacion")
    expect(contents.locator("details")).not_to_have_attribute("open", "")
    assert page.console_errors == []


def test_wide_screen_shows_the_contents_as_a_sidebar_even_without_javascript(browser, live_server):
    article = build_article_with_sections(SourceFactory(name="TASS", slug="tass"))
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + article.get_absolute_url())

    link = page.get_by_role("navigation", name="In this article").get_by_role("link", name="La peligrosa relación")
    expect(link).to_be_visible()
    assert page.locator(".section-nav").evaluate("nav => getComputedStyle(nav).position") == "sticky"
    context.close()


def test_choosing_a_source_in_the_panel_highlights_its_passages_in_place(page, live_server):
    tass = SourceFactory(name="TASS", slug="tass")
    kcna = SourceFactory(name="KCNA", slug="kcna", kind=Source.Kind.STATE_MEDIA)
    article = build_article_with_sections(tass, kcna)
    page.goto(live_server.url + article.get_absolute_url())
    page.evaluate("window.notReloaded = true")
    panel = page.get_by_role("complementary", name="Sources in this article")
    status = page.get_by_role("status")
    expect(status).to_be_hidden()

    panel.get_by_role("link", name="KCNA", exact=True).click()

    assert_only_passages_citing(page, "kcna")
    expect(page).to_have_url(live_server.url + article.get_absolute_url() + "?source=kcna")
    expect(panel.get_by_role("link", name="KCNA", exact=True)).to_have_attribute("aria-current", "true")
    expect(status).to_be_visible()
    expect(status).to_contain_text("KCNA (5)")
    expect(page.locator(".passage--cited .passage-flag")).to_have_count(5)

    panel.get_by_role("link", name="TASS", exact=True).click()
    assert_only_passages_citing(page, "tass")
    expect(page).to_have_url(live_server.url + article.get_absolute_url() + "?source=tass")

    panel.get_by_role("link", name="TASS", exact=True).click()
    expect(page.locator(".passage--cited, .passage--dimmed")).to_have_count(0)
    expect(page).to_have_url(live_server.url + article.get_absolute_url())
    expect(status).to_be_hidden()
    assert page.evaluate("window.notReloaded") is True
    assert page.console_errors == []


def test_source_query_parameter_highlights_passages_without_javascript(browser, live_server):
    tass = SourceFactory(name="TASS", slug="tass")
    kcna = SourceFactory(name="KCNA", slug="kcna", kind=Source.Kind.STATE_MEDIA)
    article = build_article_with_sections(tass, kcna)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    page = context.new_page()

    page.goto(live_server.url + article.get_absolute_url())
    page.get_by_role("complementary", name="Sources in this article").get_by_role(
        "link", name="KCNA", exact=True
    ).click()

    page.wait_for_url("**?source=kcna#source-filter")
    assert_only_passages_citing(page, "kcna")
    expect(page.get_by_role("status")).to_contain_text("KCNA")

    page.get_by_role("link", name="Show all passages").click()
    page.wait_for_url(f"**{article.get_absolute_url()}#sources")
    expect(page.locator(".passage--cited, .passage--dimmed")).to_have_count(0)
    context.close()


def test_every_control_is_reached_with_the_tab_key_and_shows_its_focus(page, live_server):
    tass = SourceFactory(name="TASS", slug="tass")
    article = build_article_with_sections(tass, SourceFactory(name="KCNA", slug="kcna"))
    article.tags.add("OTAN")
    page.goto(live_server.url + article.get_absolute_url())
    focusable = page.locator("a[href], summary, button, input").evaluate_all(
        "elements => elements.filter(element => element.checkVisibility()).length"
    )

    reached = []
    for _ in range(focusable + 5):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            """() => {
                const element = document.activeElement;
                const style = getComputedStyle(element);
                return {tag: element.tagName, text: element.textContent.trim().slice(0, 40),
                        outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
                        inViewport: element.getBoundingClientRect().bottom > 0};
            }"""
        )
        if focused["tag"] == "BODY":
            break
        assert focused["outline"], f"no visible focus on {focused}"
        assert focused["inViewport"], f"focused element out of sight: {focused}"
        reached.append(focused["text"])

    assert len(reached) >= focusable
    assert "La peligrosa relación" in reached
    assert "KCNA" in reached


def test_screenshots_of_the_seed_article_wide_narrow_dark_and_print(browser, live_server):
    # Transactional tests empty the tables the migrations filled: put the known sources back.
    import_module("articles.migrations.0002_seed_sources").seed_sources(apps, None)
    call_command("import_article", str(SEED_ARTICLE), publish=True, tags="Rusia, Corea del Norte, OTAN, Ucrania")
    article = Article.objects.get()
    url = live_server.url + article.get_absolute_url()
    kcna = Source.objects.get(name="KCNA")
    topic = reverse("articles:tag_detail", kwargs={"slug": article.tags.get(name="OTAN").slug})
    ARTEFACTS.mkdir(exist_ok=True)
    shots = [
        ("article-desktop-1280.png", {"width": 1280, "height": 900}, "light", "screen", url),
        ("article-mobile-360.png", {"width": 360, "height": 740}, "light", "screen", url),
        ("article-dark-1280.png", {"width": 1280, "height": 900}, "dark", "screen", url + "?source=tass"),
        ("article-print.png", {"width": 900, "height": 1200}, "light", "print", url + "?source=tass"),
        ("front-page-1280.png", {"width": 1280, "height": 900}, "light", "screen", live_server.url + "/"),
        ("front-page-dark-360.png", {"width": 360, "height": 740}, "dark", "screen", live_server.url + "/"),
        (
            "sources-1280.png",
            {"width": 1280, "height": 900},
            "light",
            "screen",
            live_server.url + reverse("articles:source_list"),
        ),
        (
            "source-kcna-360.png",
            {"width": 360, "height": 740},
            "light",
            "screen",
            live_server.url + kcna.get_absolute_url(),
        ),
        ("topic-dark-1280.png", {"width": 1280, "height": 900}, "dark", "screen", live_server.url + topic),
    ]
    for name, viewport, scheme, media, address in shots:
        context = browser.new_context(viewport=viewport, color_scheme=scheme)
        page = context.new_page()
        errors, elsewhere = [], []
        page.on("console", lambda message, errors=errors: message.type == "error" and errors.append(message.text))
        page.on(
            "request",
            lambda request, elsewhere=elsewhere: (
                request.url.startswith(live_server.url) or elsewhere.append(request.url)
            ),
        )
        page.emulate_media(media=media)
        page.goto(address)
        page.screenshot(path=ARTEFACTS / f"reader-{name}", full_page=True)
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert background == PAGE_BACKGROUND[scheme, media]
        assert elsewhere == []
        assert page.evaluate(DUPLICATE_IDS) == []
        if media == "print":
            assert page.locator(".section-nav").is_hidden()
            assert page.locator(".sources-panel").is_hidden()
            assert page.locator(".chips").first.is_visible()
            assert page.locator(".figure__credit").first.is_visible()
        assert errors == []
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        context.close()
