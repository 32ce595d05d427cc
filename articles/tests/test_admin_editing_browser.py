"""An editor in Chromium: arranging blocks by dragging and by keyboard, previewing Markdown and the
article, and the credit line split as it is typed."""

import pytest
from django.contrib.auth.models import Permission

from articles.models import Block
from articles.tests.factories import (
    ArticleFactory,
    DraftArticleFactory,
    FigureFactory,
    ParagraphFactory,
    PullQuoteFactory,
    SectionFactory,
)

PASSWORD = "a-long-editor-password"


def log_in(page, live_server, django_user_model):
    # Transactional tests empty the tables, the Editors group included: grant its permissions directly.
    editor = django_user_model.objects.create_user(username="maria", password=PASSWORD, is_staff=True)
    editor.user_permissions.set(Permission.objects.filter(content_type__app_label__in=["articles", "taggit"]))
    # The admin links no icon, so Chromium asks for /favicon.ico; that 404 is not the editor's concern.
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204))
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "maria")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("input[type=submit]")


def build_article():
    article = ArticleFactory(headline="Flooding in the valley")
    section = SectionFactory(article=article, position=1, heading="The storm")
    ParagraphFactory(section=section, position=1, text="Rain fell for three days.")
    FigureFactory(section=section, position=2, caption="The river burst its banks")
    PullQuoteFactory(section=section, position=3, text="We lost everything")
    SectionFactory(article=article, position=2, heading="The damage")
    return article, section


def kinds_in(section):
    return [
        block.kind for block in Block.objects.filter(section=section).select_related("paragraph", "figure", "pullquote")
    ]


def arrange_url(live_server, article):
    return f"{live_server.url}/admin/articles/article/{article.pk}/arrange/"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_editor_drags_a_pull_quote_to_the_top_of_its_section(page, live_server, django_user_model):
    article, section = build_article()
    pull_quote = Block.objects.get(section=section, pullquote__isnull=False)
    paragraph = Block.objects.get(section=section, paragraph__isnull=False)
    log_in(page, live_server, django_user_model)
    page.goto(arrange_url(live_server, article))

    with page.expect_navigation():
        page.drag_and_drop(f"#block-{pull_quote.pk} .arrange-handle", f"#block-{paragraph.pk} .arrange-block__summary")

    assert kinds_in(section) == ["pullquote", "paragraph", "figure"]
    assert page.locator(".messagelist .success").count() == 1
    rows = page.locator(f"#section-{section.pk} .arrange-block").evaluate_all("rows => rows.map(row => row.id)")
    assert rows[0] == f"block-{pull_quote.pk}"
    assert page.console_errors == []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_editor_drags_a_section_above_another(page, live_server, django_user_model):
    article, storm = build_article()
    damage = article.sections.get(heading="The damage")
    log_in(page, live_server, django_user_model)
    page.goto(arrange_url(live_server, article))

    with page.expect_navigation():
        page.drag_and_drop(
            f"#section-{damage.pk} > .arrange-section__head .arrange-handle",
            f"#section-{storm.pk} .arrange-section__title",
        )

    assert list(article.sections.values_list("heading", flat=True)) == ["The damage", "The storm"]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_editor_moves_a_block_with_the_keyboard_alone(page, live_server, django_user_model):
    article, section = build_article()
    figure = Block.objects.get(section=section, figure__isnull=False)
    log_in(page, live_server, django_user_model)
    page.goto(arrange_url(live_server, article))

    move_up = page.locator(f"#block-{figure.pk} button[value='block:{figure.pk}:up']")
    move_up.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert kinds_in(section) == ["figure", "paragraph", "pullquote"]
    assert page.locator(f"#block-{figure.pk} button[value='block:{figure.pk}:up']").is_disabled()
    # The page comes back with focus on the moved row, so the editor can press again.
    assert page.evaluate("document.activeElement.value") == f"block:{figure.pk}:down"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert kinds_in(section) == ["paragraph", "figure", "pullquote"]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_editor_previews_a_draft_from_the_change_form(page, live_server, django_user_model):
    article = DraftArticleFactory(headline="Budget talks collapse")
    ParagraphFactory(
        section=SectionFactory(article=article, position=1), position=1, text="The vote was **postponed**."
    )
    log_in(page, live_server, django_user_model)
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")

    with page.context.expect_page() as opened:
        page.click("a.previewlink")
    preview = opened.value
    preview.wait_for_load_state()

    assert preview.locator(".preview-banner").is_visible()
    assert preview.locator("h1").inner_text() == "Budget talks collapse"
    assert preview.locator("strong", has_text="postponed").count() == 1

    signed_link = page.input_value("#signed-preview-url")
    page.context.clear_cookies()
    page.goto(signed_link)
    assert page.locator(".preview-banner").is_visible()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_markdown_preview_button_shows_the_sanitised_paragraph(page, live_server, django_user_model):
    paragraph = ParagraphFactory(text="Plain words.")
    log_in(page, live_server, django_user_model)
    page.goto(f"{live_server.url}/admin/articles/paragraph/{paragraph.pk}/change/")

    page.fill("#id_text", "Talks **collapsed** <img src=x onerror=alert(1)>")
    page.click(".markdown-preview__button")
    output = page.frame_locator(".markdown-preview__output iframe")
    output.locator("strong").wait_for()

    assert output.locator("strong").inner_text() == "collapsed"
    assert output.locator("img").count() == 0
    # Styled as on the article's page, by the reader's style sheet.
    font = output.locator(".block--paragraph p").evaluate("p => getComputedStyle(p).fontFamily")
    assert font.startswith("Charter")
    assert page.console_errors == []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_credit_parts_fill_in_as_the_editor_types_and_hand_edits_stay(page, live_server, django_user_model):
    article, section = build_article()
    log_in(page, live_server, django_user_model)
    page.goto(f"{live_server.url}/admin/articles/section/{section.pk}/change/")
    prefix = "#id_blocks-2-0-"

    assert page.input_value(f"{prefix}credit_source") == "REUTERS"
    page.locator(f"{prefix}credit").fill("")
    page.locator(f"{prefix}credit").type("SPUTNIK/VLADIMIR SMIRNOV via REUTERS")

    assert page.input_value(f"{prefix}credit_source") == "SPUTNIK"
    assert page.input_value(f"{prefix}credit_photographer") == "VLADIMIR SMIRNOV"
    assert page.input_value(f"{prefix}credit_distributor") == "REUTERS"

    page.fill(f"{prefix}credit_photographer", "Vladimir Smirnov")
    page.locator(f"{prefix}credit").type(" ")
    page.locator(f"{prefix}credit").fill("TASS/VLADIMIR SMIRNOV")

    assert page.input_value(f"{prefix}credit_source") == "TASS"
    assert page.input_value(f"{prefix}credit_photographer") == "Vladimir Smirnov"
    assert page.input_value(f"{prefix}credit_distributor") == ""
