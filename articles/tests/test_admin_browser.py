import pytest

from articles.tests.admin_helpers import make_editor
from articles.tests.factories import ArticleFactory, FigureFactory, ParagraphFactory, SectionFactory

PASSWORD = "a-long-editor-password"


def follow(page, selector):
    with page.expect_navigation():
        page.click(selector)


def document_order(page, *selectors):
    """The selectors sorted by where their elements stand in the page, top first."""
    return sorted(selectors, key=lambda selector: page.locator(selector).bounding_box()["y"])


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_editor_edits_a_paragraph_and_swaps_two_blocks_and_readers_see_it(page, live_server, django_user_model):
    article = ArticleFactory(headline="Talks resume in Geneva")
    section = SectionFactory(article=article, position=1, heading="The talks")
    paragraph = ParagraphFactory(section=section, position=1, text="Officials said the talks would continue.")
    figure = FigureFactory(section=section, position=2, caption="Delegates arrive for the talks")
    make_editor(django_user_model, username="maria", password=PASSWORD)

    # The admin links no icon, so Chromium asks for /favicon.ico; that 404 is not the editor's concern.
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204))
    page.goto(f"{live_server.url}/admin/")
    page.fill("#id_username", "maria")
    page.fill("#id_password", PASSWORD)
    follow(page, "input[type=submit]")
    follow(page, "a[href='/admin/articles/article/']")
    follow(page, f"#result_list a:text('{article.headline}')")
    follow(page, "#sections-group a.inlinechangelink")
    page.fill("#id_blocks-0-text", "Officials said the talks had **broken down**.")
    page.fill("#id_blocks-0-position", "2")
    page.fill("#id_blocks-2-0-position", "1")
    follow(page, "input[name=_save]")

    assert page.locator(".messagelist .success").count() == 1
    # The section page saved a draft of the published article: Publish puts it out.
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    follow(page, "input[name=_publish]")
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    paragraph_html = page.locator(f"#{paragraph.anchor}").inner_html()
    assert "<strong>broken down</strong>" in paragraph_html
    assert document_order(page, f"#{paragraph.anchor}", f"#figure-{figure.pk}") == [
        f"#figure-{figure.pk}",
        f"#{paragraph.anchor}",
    ]
    assert page.console_errors == []
