"""Two editors in Chromium, and one editor's refused save: nothing anyone chose or did is lost."""

from pathlib import Path

import pytest

from articles.models import Article, Block, Figure
from articles.tests.factories import ArticleFactory, FigureFactory, ParagraphFactory, PullQuoteFactory, SectionFactory
from articles.tests.history_helpers import make_member
from articles.tests.image_helpers import image_bytes
from articles.tests.test_conflict_browser import follow, logged_in_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SEOUL = Path(__file__).resolve().parent / "articles_to_import" / "seoul_warns_en.txt"


def kinds_in(section):
    return [
        block.kind for block in Block.objects.filter(section=section).select_related("paragraph", "figure", "pullquote")
    ]


def test_a_picture_refused_for_its_alt_text_is_kept_and_saved_once_it_has_one(
    browser, live_server, django_user_model, tmp_path
):
    section = SectionFactory(article=ArticleFactory(headline="Floods"), heading="The storm")
    figure = FigureFactory(section=section, position=1, alt_text="", caption="The river")
    make_member(django_user_model, "Editors", "ana")
    page = logged_in_page(browser, live_server, "ana")
    picture = tmp_path / "river.jpg"
    picture.write_bytes(image_bytes("JPEG", size=(320, 200)))
    page.goto(f"{live_server.url}/admin/articles/section/{section.pk}/change/")

    page.set_input_files("#id_blocks-2-0-image", str(picture))
    follow(page, "input[name=_save]")

    assert "Alt text is required" in page.locator(".field-alt_text .errorlist").inner_text()
    assert page.locator(".kept-upload").inner_text().startswith("Picture kept: river.jpg")
    page.fill("#id_blocks-2-0-alt_text", "A river over its banks")
    follow(page, "input[name=_save]")

    assert page.locator(".messagelist .success").count() == 1
    figure = Figure.objects.get(pk=figure.pk)
    assert figure.image and (figure.image_width, figure.image_height) == (320, 200)
    page.context.close()


def test_move_down_from_the_keyboard_keeps_focus_on_move_down(browser, live_server, django_user_model):
    section = SectionFactory(article=ArticleFactory(headline="Floods"), heading="The storm")
    paragraph = ParagraphFactory(section=section, position=1, text="Rain fell.")
    FigureFactory(section=section, position=2)
    PullQuoteFactory(section=section, position=3, text="We lost everything")
    make_member(django_user_model, "Editors", "ana")
    page = logged_in_page(browser, live_server, "ana")
    page.goto(f"{live_server.url}/admin/articles/article/{section.article.pk}/arrange/")
    move_down = f"block:{paragraph.pk}:down"

    page.locator(f"button[value='{move_down}']").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_function("value => document.activeElement && document.activeElement.value === value", arg=move_down)

    assert kinds_in(section) == ["figure", "paragraph", "pullquote"]
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert kinds_in(section) == ["figure", "pullquote", "paragraph"]
    page.context.close()


def test_a_move_from_a_stale_arrange_page_is_refused_and_undoes_nothing(browser, live_server, django_user_model):
    article = ArticleFactory(headline="Floods")
    storm = SectionFactory(article=article, position=1, heading="The storm")
    damage = SectionFactory(article=article, position=2, heading="The damage")
    SectionFactory(article=article, position=3, heading="What comes next")
    for username in ("ana", "ben"):
        make_member(django_user_model, "Editors", username)
    ana, ben = (logged_in_page(browser, live_server, username) for username in ("ana", "ben"))
    for page in (ana, ben):
        page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/arrange/")

    follow(ana, f"button[value='section:{storm.pk}:down']")
    follow(ben, f"button[value='section:{damage.pk}:down']")

    assert "Someone else saved first" in ben.locator(".messagelist .error").inner_text()
    assert list(article.sections.values_list("heading", flat=True)) == ["The damage", "The storm", "What comes next"]
    titles = ben.locator(".arrange-section__title").all_inner_texts()
    assert titles == ["1. The damage", "2. The storm", "3. What comes next"]
    # From the page as it is now, Ben's move goes ahead.
    follow(ben, f"button[value='section:{storm.pk}:down']")
    assert list(article.sections.values_list("heading", flat=True)) == ["The damage", "What comes next", "The storm"]
    for page in (ana, ben):
        page.context.close()


def test_each_editor_sees_who_else_has_the_article_open(browser, live_server, django_user_model):
    article = ArticleFactory(headline="Floods")
    for username in ("ana", "ben"):
        make_member(django_user_model, "Editors", username)
    ana, ben = (logged_in_page(browser, live_server, username) for username in ("ana", "ben"))
    change_page = f"{live_server.url}/admin/articles/article/{article.pk}/change/"

    ana.goto(change_page)
    assert ana.locator("#presence").is_hidden()
    ben.goto(change_page)
    assert ben.locator("#presence").inner_text().startswith("ana has had this article open since")

    # Ana's page learns of Ben at its next heartbeat (sent also when the window gets focus).
    ana.evaluate("() => window.dispatchEvent(new Event('focus'))")
    ana.wait_for_function("() => document.getElementById('presence').textContent.indexOf('ben') === 0")
    assert ana.locator("#presence").is_visible()
    for page in (ana, ben):
        page.context.close()


def test_two_editors_on_the_same_paragraph_the_second_must_choose(browser, live_server, django_user_model):
    article = ArticleFactory(headline="Floods")
    section = SectionFactory(article=article, position=1, heading="The storm")
    paragraph = ParagraphFactory(section=section, position=1, text="Rain fell for three days.")
    for username in ("ana", "ben"):
        make_member(django_user_model, "Editors", username)
    ana, ben = (logged_in_page(browser, live_server, username) for username in ("ana", "ben"))
    for page in (ana, ben):
        page.goto(f"{live_server.url}/admin/articles/section/{section.pk}/change/")

    ana.fill("#id_blocks-0-text", "Rain fell for four days.")
    follow(ana, "input[name=_save]")
    ben.fill("#id_blocks-0-text", "Rain fell for three long days.")
    follow(ben, "input[name=_save]")

    clash = ben.locator(".edit-conflict__clash")
    assert "Someone else saved first" in ben.locator(".errorlist.nonfield").inner_text()
    assert "Rain fell for three long days." in clash.locator(".edit-conflict__version").nth(0).inner_text()
    assert "Rain fell for four days." in clash.locator(".edit-conflict__version").nth(1).inner_text()
    assert ben.locator(".field-text .errorlist, tr.errors .errorlist").count() >= 1
    follow(ben, "input[name=_save]")
    assert "choose your version or theirs" in ben.locator(".errorlist.nonfield").inner_text()
    paragraph.refresh_from_db()
    assert paragraph.text == "Rain fell for four days."

    ben.check("input[name='conflict_choice-blocks-0-text'][value=mine]")
    follow(ben, "input[name=_save]")

    assert ben.locator(".messagelist .success").count() == 1
    paragraph.refresh_from_db()
    assert paragraph.text == "Rain fell for three long days."
    for page in (ana, ben):
        page.context.close()


def test_an_import_refused_for_its_slug_keeps_the_file_in_the_browser(browser, live_server, django_user_model):
    ArticleFactory(slug="seoul-warns")
    make_member(django_user_model, "Editors", "ana")
    page = logged_in_page(browser, live_server, "ana")
    page.goto(f"{live_server.url}/admin/articles/article/import/")

    page.set_input_files("#id_file", str(SEOUL))
    page.fill("#id_slug", "seoul-warns")
    follow(page, "#import_form input[type=submit]")
    assert page.locator(".kept-upload").inner_text().startswith("File kept: seoul_warns_en.txt")
    page.fill("#id_slug", "seoul-warns-again")
    follow(page, "#import_form input[type=submit]")

    assert Article.objects.filter(slug="seoul-warns-again").exists()
    page.context.close()
