import os
import shutil

import pytest
from django.utils import translation

from articles.tests.admin_helpers import make_editor

# Playwright's sync API runs an event loop in the test thread; Django's ORM would
# otherwise refuse the synchronous queries that live_server tests make alongside it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(autouse=True)
def nothing_noted_by_another_test():
    """Rows noted for their public data by a test are forgotten after it: its transaction is rolled
    back, never committed, and the keys it used are given again (SQLite reuses them), so a note
    left behind would make public, or hold back, another test's article of the same key."""
    from articles.public_changes import Pending, pending

    pending.__dict__.update(Pending().__dict__)
    yield
    pending.__dict__.update(Pending().__dict__)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright; never a downloaded browser.

    Without Chromium a developer's run skips the browser tests; CI fails instead.
    """
    if not shutil.which(CHROMIUM):
        message = f"{CHROMIUM} is missing: apt-get install -y chromium"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    console_errors = []
    page.on("console", lambda message: message.type == "error" and console_errors.append(message.text))
    page.console_errors = console_errors
    yield page
    context.close()


@pytest.fixture
def english_interface(settings, client):
    """The admin's messages as written, not their Spanish translation (the site's default).

    Asks for English as an English-speaking editor's browser would."""
    settings.LANGUAGE_CODE = "en"
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def editor_client(client, django_user_model):
    """A test client logged in as a member of the Editors group."""
    client.force_login(make_editor(django_user_model))
    return client
