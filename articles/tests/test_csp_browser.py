"""The Content-Security-Policy in Chromium: the admin's pages (Django's own templates, nested
inlines, widgets) and the reader's pages work under it without a single violation."""

import pytest
from django.urls import reverse
from taggit.models import Tag

from articles.preview import preview_url
from articles.tests.factories import (
    ArticleFactory,
    FigureFactory,
    LeadFigureFactory,
    ParagraphFactory,
    PullQuoteFactory,
    QuoteFactory,
    SectionFactory,
    SourceFactory,
)
from articles.tests.image_helpers import image_bytes, upload

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-owner-password"
# Collected before any page script runs; Chromium reports each refused script, style or frame here.
RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
});
"""


@pytest.fixture
def watched_page(page):
    page.add_init_script(RECORD_VIOLATIONS)
    # The admin links no icon, so Chromium asks for /favicon.ico; that 404 is not a policy matter.
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204))
    return page


def violations(page):
    return page.evaluate("window.cspViolations") + [error for error in page.console_errors if "ecurity" in error]


def build_article():
    kcna = SourceFactory(name="KCNA")
    article = ArticleFactory(headline="Talks in Pyongyang", language="en")
    article.tags.add("Korea")
    lead = LeadFigureFactory(article=article, image=upload("lead.jpg", image_bytes()))
    lead.sources.add(kcna)
    section = SectionFactory(article=article, position=1, heading="The talks")
    paragraph = ParagraphFactory(section=section, position=1, text='He said "we are ready", KCNA reported.')
    paragraph.sources.add(kcna)
    QuoteFactory(paragraph=paragraph, text="we are ready", source=kcna)
    FigureFactory(section=section, position=2, image=upload("figure.png", image_bytes("PNG"), "image/png"))
    PullQuoteFactory(section=section, position=3, speaker=kcna)
    return article, kcna


def log_in(page, live_server, django_user_model):
    django_user_model.objects.create_superuser(username="owner", password=PASSWORD)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "owner")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("input[type=submit]")


def test_the_admin_pages_work_under_the_content_security_policy(watched_page, live_server, django_user_model):
    page = watched_page
    article, kcna = build_article()
    section = article.sections.get()
    log_in(page, live_server, django_user_model)
    addresses = [
        reverse("admin:index"),
        reverse("admin:articles_article_changelist"),
        reverse("admin:articles_article_add"),
        reverse("admin:articles_article_arrange", args=[article.pk]),
        reverse("admin:articles_article_history", args=[article.pk]),
        reverse("admin:articles_article_import"),
        reverse("admin:articles_article_preview", args=[article.pk]),
        reverse("admin:articles_markdown_preview"),
        reverse("admin:articles_source_changelist"),
        reverse("admin:articles_source_change", args=[kcna.pk]),
        reverse("admin:auth_user_add"),
        reverse("admin:password_change"),
    ]
    for address in addresses:
        response = page.goto(live_server.url + address)
        assert response.status == 200, address
        assert "'unsafe-inline'" not in response.headers["content-security-policy"]
        assert violations(page) == [], address

    # Widgets that build markup as they open: a new inline row, the calendar, the autocomplete,
    # the Markdown preview and the figure's thumbnail.
    # The article's page shows its sections' blocks too (admin/one_page.py): both pictures, and
    # its "add" links are buttons.
    page.goto(live_server.url + reverse("admin:articles_article_change", args=[article.pk]))
    page.locator(".add-row button.add-handler:visible").first.click()
    page.locator(".one-page-move button:visible").first.click()
    page.locator(".datetimeshortcuts a:visible").first.click()
    page.locator(".select2-selection:visible").first.click()
    page.wait_for_selector(".select2-results__option")
    page.keyboard.press("Escape")
    assert page.locator("img.admin-thumbnail").count() == 2
    assert violations(page) == []

    page.goto(live_server.url + reverse("admin:articles_section_change", args=[section.pk]))
    page.locator(".add-row a:visible").first.click()
    page.locator(".markdown-preview__button:visible").first.click()
    page.wait_for_selector(".markdown-preview__output:not([hidden])")
    assert page.locator("img.admin-thumbnail").count() == 1
    assert violations(page) == []


def test_the_reader_pages_work_under_the_content_security_policy(watched_page, live_server):
    page = watched_page
    article, kcna = build_article()
    addresses = [
        reverse("articles:article_list"),
        article.get_absolute_url(),
        article.get_absolute_url() + f"?source={kcna.slug}",
        reverse("articles:tag_detail", kwargs={"slug": Tag.objects.get(name="Korea").slug}),
        kcna.get_absolute_url(),
        reverse("articles:source_list"),
        reverse("articles:search") + "?q=ready",
        preview_url(article),
    ]
    for address in addresses:
        response = page.goto(live_server.url + address)
        assert response.status == 200, address
        assert response.headers["content-security-policy"]
        assert violations(page) == [], address
    assert page.console_errors == []
