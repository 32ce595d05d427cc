"""Two editors in Chromium: one takes over the article, the other is told and loses nothing."""

import pytest
from django.conf import settings

from articles.models import Article
from articles.tests.factories import ArticleFactory
from articles.tests.history_helpers import make_member
from articles.tests.test_conflict_browser import follow, logged_in_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTEFACTS = settings.BASE_DIR / "artefacts"


def test_one_editor_takes_over_and_the_other_is_told_and_keeps_their_text(browser, live_server, django_user_model):
    article = ArticleFactory(headline="Floods")
    for username in ("ana", "ben"):
        make_member(django_user_model, "Editors", username)
    ana, ben = (logged_in_page(browser, live_server, username) for username in ("ana", "ben"))
    change_page = f"{live_server.url}/admin/articles/article/{article.pk}/change/"
    ana.goto(change_page)
    ana.fill("#id_headline", "Floods reach the town")
    ben.goto(change_page)

    ben.click(".presence-take-over button")

    ben.wait_for_function("() => document.querySelector('.presence-take-over').hidden")
    # Ana's page learns of it at its next heartbeat (sent also when the window gets focus).
    ana.evaluate("() => window.dispatchEvent(new Event('focus'))")
    warning = ana.locator("#presence-warning")
    warning.wait_for()
    assert warning.inner_text().startswith("ben took over at")
    ARTEFACTS.mkdir(exist_ok=True)
    ana.screenshot(path=ARTEFACTS / "admin-presence-taken-over-1280.png")

    # Ben saves from the page he took over from; Ana's save is then refused, her text kept.
    ben.fill("#id_standfirst", "Ben's standfirst.")
    follow(ben, "input[name=_draft]")
    assert ben.locator(".messagelist .success").count() == 1
    follow(ana, "input[name=_draft]")
    assert ana.locator("#id_headline").input_value() == "Floods reach the town"
    assert "ben took over this article at" in ana.locator("#presence").inner_text()
    saved = Article.objects.get(pk=article.pk)
    assert (saved.headline, saved.standfirst) == ("Floods", "Ben's standfirst.")
    for page in (ana, ben):
        page.context.close()
