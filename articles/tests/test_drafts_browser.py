"""An editor in Chromium saves a draft of a published article, then publishes it; a reader in
another browser sees the change only once it is published."""

import pytest

from articles.tests.factories import ArticleFactory, ParagraphFactory, SectionFactory
from articles.tests.test_admin_editing_browser import log_in


@pytest.fixture
def reader_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_save_draft_keeps_the_public_headline_until_publish(page, reader_page, live_server, django_user_model):
    article = ArticleFactory(headline="Talks resume in Geneva", slug="talks-resume")
    ParagraphFactory(section=SectionFactory(article=article, position=1), position=1, text="They met on Monday.")
    public_url = f"{live_server.url}{article.get_absolute_url()}"
    log_in(page, live_server, django_user_model)
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")

    page.fill("#id_headline", "Talks collapse in Geneva")
    with page.expect_navigation():
        page.get_by_role("button", name="Save draft").click()

    assert page.locator(".publication-notice .unpublished-changes").is_visible()
    reader_page.goto(public_url)
    assert reader_page.locator("h1").inner_text() == "Talks resume in Geneva"

    with page.expect_navigation():
        page.get_by_role("button", name="Publish", exact=True).click()

    assert page.locator(".publication-notice .unpublished-changes").count() == 0
    reader_page.goto(public_url)
    assert reader_page.locator("h1").inner_text() == "Talks collapse in Geneva"
    assert page.console_errors == []
