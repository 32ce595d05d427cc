import pytest

from articles.tests.factories import ArticleFactory, ParagraphFactory, SectionFactory
from articles.tests.history_helpers import PASSWORD, make_member

CONFLICT = "Someone else saved first: this article changed after you opened it."


def follow(page, selector):
    with page.expect_navigation():
        page.click(selector)


def logged_in_page(browser, live_server, username):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    # The admin links no icon, so Chromium asks for /favicon.ico; that 404 is not the editor's concern.
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204))
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    follow(page, "input[type=submit]")
    return page


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_second_editor_to_save_sees_the_conflict_and_keeps_their_text(browser, live_server, django_user_model):
    article = ArticleFactory(headline="Talks resume in Geneva", standfirst="Delegates return.")
    ParagraphFactory(section=SectionFactory(article=article, position=1, heading="The talks"), position=1)
    for username in ("ana", "ben"):
        make_member(django_user_model, "Editors", username)
    ana, ben = (logged_in_page(browser, live_server, username) for username in ("ana", "ben"))
    change_page = f"{live_server.url}/admin/articles/article/{article.pk}/change/"
    for page in (ana, ben):
        page.goto(change_page)

    ana.fill("#id_headline", "Talks collapse in Geneva")
    follow(ana, "input[name=_draft]")
    ben.fill("#id_standfirst", "Delegates return, briefly.")
    follow(ben, "input[name=_draft]")

    assert ana.locator(".messagelist .success").count() == 1
    assert CONFLICT in ben.locator(".errorlist.nonfield").inner_text()
    assert ben.locator("#edit-conflict ins").first.inner_text() == "collapse"
    assert ben.input_value("#id_standfirst") == "Delegates return, briefly."
    # Ben left the headline alone: it now shows Ana's, so saving again keeps both changes.
    assert ben.input_value("#id_headline") == "Talks collapse in Geneva"

    follow(ben, "input[name=_draft]")

    assert ben.locator(".messagelist .success").count() == 1
    article.refresh_from_db()
    assert (article.headline, article.standfirst) == ("Talks collapse in Geneva", "Delegates return, briefly.")
    for page in (ana, ben):
        page.context.close()
