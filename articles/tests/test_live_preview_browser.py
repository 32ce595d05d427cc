"""The live preview in Chromium: typed text shows beside the form within seconds, nothing saved,
at a phone's width or a desktop's. The screenshots land in artefacts/ (git-ignored)."""

import pytest
from django.conf import settings

from articles.models import Article
from articles.tests.factories import ParagraphFactory, SectionFactory
from articles.tests.test_admin_editing_browser import build_article, log_in

ARTEFACTS = settings.BASE_DIR / "artefacts"


def change_url(live_server, article):
    return f"{live_server.url}/admin/articles/article/{article.pk}/change/"


def frame_width(page):
    return page.locator("#live-preview .live-preview__frame").evaluate("frame => frame.contentWindow.innerWidth")


def settled(page):
    """Wait until no preview is waiting to be sent or on its way: one still running when the test
    ends would hold the test database as it is emptied."""
    page.wait_for_timeout(100)
    page.wait_for_function("() => document.getElementById('live-preview').dataset.state === 'idle'")


def preview_frame(page):
    return page.frame_locator("#live-preview .live-preview__frame")


def open_with_the_preview(page, live_server, django_user_model, article):
    """An editor opens `article`'s page and its preview panel; the panel's frame once it shows."""
    log_in(page, live_server, django_user_model)
    page.goto(change_url(live_server, article))
    page.click(".live-preview-toggle")
    frame = preview_frame(page)
    frame.locator("h1.article__headline").wait_for()
    return frame


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_typed_headline_and_heading_show_in_the_live_preview_without_saving(page, live_server, django_user_model):
    article, _section = build_article()
    frame = open_with_the_preview(page, live_server, django_user_model, article)

    page.fill("#id_headline", "Floods reach the town")
    page.fill("#id_sections-0-heading", "The storm breaks")

    frame.locator("h1.article__headline", has_text="Floods reach the town").wait_for(timeout=5000)
    frame.locator("h2", has_text="The storm breaks").first.wait_for(timeout=5000)
    assert frame.locator(".block--paragraph", has_text="Rain fell for three days.").count() == 1
    assert Article.objects.get(pk=article.pk).headline == "Flooding in the valley"
    assert article.sections.get(position=1).heading == "The storm"
    ARTEFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTEFACTS / "admin-live-preview-1280.png")
    settled(page)
    assert page.console_errors == []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_preview_switches_between_phone_and_desktop_widths_and_says_when_the_form_is_refused(
    page, live_server, django_user_model
):
    article, _section = build_article()
    open_with_the_preview(page, live_server, django_user_model, article)
    assert frame_width(page) == 360

    page.click("#live-preview [data-width=desktop]")

    assert frame_width(page) == 1280
    assert page.get_attribute("#live-preview [data-width=desktop]", "aria-pressed") == "true"
    ARTEFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTEFACTS / "admin-live-preview-desktop-1280.png")

    page.fill("#id_headline", "")
    status = page.locator("#live-preview .live-preview__status")
    status.filter(has_text="Fix the errors").wait_for(timeout=5000)

    page.click("#live-preview [data-width=phone]")
    assert frame_width(page) == 360
    settled(page)
    assert page.console_errors == []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_panel_opens_from_its_button_stays_open_and_hides(page, live_server, django_user_model):
    article, _section = build_article()
    log_in(page, live_server, django_user_model)
    page.goto(change_url(live_server, article))
    panel = page.locator("#live-preview")
    assert panel.is_hidden()
    page.click(".live-preview-toggle")
    preview_frame(page).locator("h1.article__headline").wait_for()
    page.reload()
    preview_frame(page).locator("h1.article__headline").wait_for()

    page.click("#live-preview .live-preview__hide")

    assert panel.is_hidden()
    page.reload()
    assert panel.is_hidden()
    page.click(".live-preview-toggle")
    assert panel.is_visible()
    preview_frame(page).locator("h1.article__headline").wait_for()
    settled(page)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_on_a_narrow_screen_the_preview_waits_below_the_form_behind_its_button(browser, live_server, django_user_model):
    article, _section = build_article()
    context = browser.new_context(viewport={"width": 800, "height": 900})
    page = context.new_page()
    try:
        log_in(page, live_server, django_user_model)
        page.goto(change_url(live_server, article))
        panel = page.locator("#live-preview")
        assert panel.is_hidden()

        page.click(".live-preview-toggle")

        preview_frame(page).locator("h1.article__headline").wait_for()
        below = panel.evaluate(
            "panel => panel.getBoundingClientRect().top >= "
            "document.getElementById('article_form').getBoundingClientRect().bottom"
        )
        assert below
        ARTEFACTS.mkdir(exist_ok=True)
        page.screenshot(path=ARTEFACTS / "admin-live-preview-800.png", full_page=True)
        settled(page)
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_change_made_by_a_script_without_an_event_still_reaches_the_preview(page, live_server, django_user_model):
    article, _section = build_article()
    frame = open_with_the_preview(page, live_server, django_user_model, article)

    page.evaluate("() => { document.getElementById('id_sections-0-heading').value = 'Moved by a script'; }")

    frame.locator("h2", has_text="Moved by a script").first.wait_for(timeout=8000)
    settled(page)
    assert article.sections.get(position=1).heading == "The storm"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_preview_follows_the_section_being_edited(page, live_server, django_user_model):
    article, _section = build_article()
    for position in range(3, 9):
        section = SectionFactory(article=article, position=position, heading=f"Part {position}")
        ParagraphFactory(section=section, position=1, text="Words. " * 120)
    frame = open_with_the_preview(page, live_server, django_user_model, article)

    page.fill("#id_sections-7-heading", "The last part")

    heading = frame.locator("h2", has_text="The last part").first
    heading.wait_for(timeout=5000)
    top = heading.evaluate("h => h.getBoundingClientRect().top")
    height = page.locator("#live-preview .live-preview__frame").evaluate("f => f.contentWindow.innerHeight")
    assert 0 <= top < height
    settled(page)
