"""Review in Chromium: a contributor submits, an editor sends it back with a comment, the
contributor reads it and submits again, and the editor publishes."""

import os

import pytest

from articles import review
from articles.models import Article
from articles.tests.factories import DraftArticleFactory, ParagraphFactory, SectionFactory
from articles.tests.history_helpers import make_member
from articles.tests.test_conflict_browser import follow, logged_in_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COMMENT = "Say who measured the rainfall."


def publish(page):
    """The editor publishes the article open on `page`: its Publish button."""
    follow(page, "[name=_publish]")


def open_from_the_queue(page, live_server, headline):
    page.goto(f"{live_server.url}/admin/")
    screenshot(page, "editor-queue")
    follow(page, f"#review-queue a:text('{headline}')")


def screenshot(page, name):
    # Set REVIEW_SCREENSHOTS to a directory to look at the pages the test goes through.
    if os.environ.get("REVIEW_SCREENSHOTS"):
        page.screenshot(path=os.path.join(os.environ["REVIEW_SCREENSHOTS"], f"{name}.png"), full_page=True)


def test_contributor_submits_editor_sends_back_contributor_resubmits_editor_publishes(
    browser, live_server, django_user_model
):
    article = DraftArticleFactory(headline="Floods in the valley", standfirst="Rain fell.")
    ParagraphFactory(section=SectionFactory(article=article, position=1, heading="The storm"), position=1)
    make_member(django_user_model, "Contributors", "carla")
    make_member(django_user_model, "Editors", "elena")
    carla, elena = (logged_in_page(browser, live_server, username) for username in ("carla", "elena"))
    change_page = f"{live_server.url}/admin/articles/article/{article.pk}/change/"

    carla.goto(change_page)
    assert carla.locator("#id_status, input[name=_publish]").count() == 0
    carla.fill("#id_standfirst", "Rain fell for three days.")
    follow(carla, "input[name=_submit_for_review]")
    assert "Submitted for review by carla" in carla.locator("#review-note").inner_text()

    open_from_the_queue(elena, live_server, "Floods in the valley")
    screenshot(elena, "editor-submitted")
    assert "Submitted for review by carla" in elena.locator("#review-note").inner_text()
    follow(elena, "input[name=_send_back]")
    assert elena.locator("#review-actions .errorlist").inner_text().startswith("Say what should change")
    screenshot(elena, "editor-comment-required")
    elena.fill("#id_review_comment", COMMENT)
    follow(elena, "input[name=_send_back]")
    assert elena.locator(".messagelist .success").count() == 1

    carla.goto(f"{live_server.url}/admin/")
    screenshot(carla, "contributor-index")
    follow(carla, "#review-queue a:text('Floods in the valley')")
    screenshot(carla, "contributor-sent-back")
    note = carla.locator("#review-note").inner_text()
    assert "Sent back by elena" in note and COMMENT in note
    carla.fill("#id_standfirst", "Rain fell for three days, the weather service said.")
    follow(carla, "input[name=_submit_for_review]")
    assert COMMENT not in carla.locator("#content").inner_text()

    open_from_the_queue(elena, live_server, "Floods in the valley")
    publish(elena)

    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert article.standfirst == "Rain fell for three days, the weather service said."
    assert review.review_of(article) is None
    elena.goto(f"{live_server.url}/admin/")
    screenshot(elena, "editor-index-empty")
    assert elena.locator("#review-queue").inner_text().count("Nothing is waiting for review.") == 1
    for page in (carla, elena):
        page.context.close()
