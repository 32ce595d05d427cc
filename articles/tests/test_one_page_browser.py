"""The whole article on its own page, in Chromium: edit in place, add, move (mouse and keyboard)
and delete blocks, and a picture refused for its alt text kept until it is saved."""

import pytest

from articles.models import Block, Figure, Paragraph, Section
from articles.tests.factories import ArticleFactory, FigureFactory, ParagraphFactory, SectionFactory
from articles.tests.history_helpers import PASSWORD, make_member, revisions_of
from articles.tests.image_helpers import image_bytes
from articles.tests.test_conflict_browser import follow, logged_in_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PARAGRAPHS = "sections-0-blocks"


def reading_order(section):
    return [str(block.specific)[:12] for block in Block.objects.filter(section=section).with_specific()]


@pytest.fixture
def storm(django_user_model):
    make_member(django_user_model, "Editors", "ana")
    article = ArticleFactory(headline="Floods")
    section = SectionFactory(article=article, position=1, heading="The storm")
    ParagraphFactory(section=section, position=1, text="First the rain.")
    FigureFactory(section=section, position=2, caption="The river", alt_text="Brown water")
    ParagraphFactory(section=section, position=3, text="Then the river.")
    return section


def open_article(browser, live_server, section):
    page = logged_in_page(browser, live_server, "ana")
    page.goto(f"{live_server.url}/admin/articles/article/{section.article.pk}/change/")
    return page


def test_an_editor_fixes_a_paragraph_and_a_heading_on_the_article_page(browser, live_server, storm):
    page = open_article(browser, live_server, storm)

    page.fill("#id_sections-0-heading", "The great storm")
    page.fill(f"#id_{PARAGRAPHS}-0-text", "First the rain came.")
    follow(page, "input[name=_draft]")

    assert page.locator(".messagelist .success").count() == 1
    assert Section.objects.get(pk=storm.pk).heading == "The great storm"
    assert Paragraph.objects.get(section=storm, position=1).text == "First the rain came."
    assert len(revisions_of(storm.article)) == 2  # the article before its first change, and this save
    page.context.close()


def test_a_paragraph_added_moved_from_the_keyboard_and_a_figure_deleted_in_one_save(browser, live_server, storm):
    page = open_article(browser, live_server, storm)

    page.locator(f"#{PARAGRAPHS}-group .djn-add-handler.djn-model-articles-paragraph").last.click()
    new_row = page.locator(f"#{PARAGRAPHS}-group > fieldset > .djn-items > .djn-inline-form:not(.djn-empty-form)").last
    new_id = new_row.get_attribute("id")
    page.fill(f"#id_{new_id}-text", "Now the clean-up.")
    move_up = page.locator(f"#{new_id} > h3 .one-page-move__up")
    move_up.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.classList.contains('one-page-move__up')")
    page.keyboard.press("Enter")
    page.check("#id_sections-0-blocks-2-0-DELETE")
    follow(page, "input[name=_draft]")

    assert page.locator(".messagelist .success").count() == 1
    assert reading_order(storm) == ["Now the clea", "First the ra", "Then the riv"]
    assert not Figure.objects.filter(section=storm).exists()
    page.context.close()


def test_dragging_a_paragraph_above_another_leaves_the_figure_between_them(browser, live_server, storm):
    page = open_article(browser, live_server, storm)
    handle = page.locator(f"#{PARAGRAPHS}-1 > h3")
    target = page.locator(f"#{PARAGRAPHS}-0 > h3")

    target.scroll_into_view_if_needed()
    start, end = handle.bounding_box(), target.bounding_box()
    page.mouse.move(start["x"] + 20, start["y"] + start["height"] / 2)
    page.mouse.down()
    for step in range(1, 21):
        page.mouse.move(end["x"] + 20, start["y"] + (end["y"] - 10 - start["y"]) * step / 20)
    page.mouse.up()
    page.wait_for_function(f"() => document.querySelector('[name=\"{PARAGRAPHS}-1-position\"]').value === '1'")
    follow(page, "input[name=_draft]")

    assert reading_order(storm) == ["Then the riv", "The river", "First the ra"]
    page.context.close()


def test_a_picture_refused_for_its_alt_text_on_the_article_page_is_kept_and_saved(
    browser, live_server, storm, tmp_path
):
    page = open_article(browser, live_server, storm)
    picture = tmp_path / "flood.jpg"
    picture.write_bytes(image_bytes("JPEG", size=(320, 200)))

    page.locator("#sections-0-blocks-2-group .djn-add-handler.djn-model-articles-figure").last.click()
    figure_id = page.locator("#sections-0-blocks-2-group .djn-inline-form:not(.djn-empty-form)").last.get_attribute(
        "id"
    )
    page.set_input_files(f"#id_{figure_id}-image", str(picture))
    page.fill(f"#id_{figure_id}-caption", "The square under water")
    follow(page, "input[name=_publish]")

    assert "Add alt text before publishing" in page.locator(f"#{figure_id} .field-alt_text .errorlist").inner_text()
    assert page.locator(f'#error-summary a[href="#id_{figure_id}-alt_text"]').count() == 1
    assert page.locator(f"#{figure_id} .kept-upload").inner_text().startswith("Picture kept: flood.jpg")
    page.locator(f'#error-summary a[href="#id_{figure_id}-alt_text"]').click()
    page.keyboard.type("The main square under brown water")
    follow(page, "input[name=_publish]")

    assert page.locator(".messagelist .success").count() == 1
    figure = Figure.objects.get(section=storm, caption="The square under water")
    assert figure.image and (figure.image_width, figure.image_height) == (320, 200)
    assert figure.alt_text == "The main square under brown water"
    page.context.close()


def test_without_javascript_the_page_saves_an_edit_and_a_new_paragraph(browser, live_server, storm):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB", java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "ana")
    page.fill("#id_password", PASSWORD)
    follow(page, "input[type=submit]")
    page.goto(f"{live_server.url}/admin/articles/article/{storm.article.pk}/change/")

    page.fill(f"#id_{PARAGRAPHS}-1-text", "Then the river, brown and fast.")
    page.fill(f"#id_{PARAGRAPHS}-2-text", "Last, the clean-up.")
    follow(page, "input[name=_draft]")

    assert page.locator(".messagelist .success").count() == 1
    assert reading_order(storm) == ["First the ra", "The river", "Then the riv", "Last, the cl"]
    assert Paragraph.objects.get(section=storm, position=3).text == "Then the river, brown and fast."
    context.close()
