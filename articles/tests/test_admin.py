import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from pytest_django.asserts import assertInHTML

from articles.models import Article, Block, Figure, Paragraph, Quote, Section
from articles.tests.admin_helpers import change_form_data
from articles.tests.factories import (
    ArticleFactory,
    DraftArticleFactory,
    FigureFactory,
    ParagraphFactory,
    QuoteFactory,
    SectionFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db

# Inline prefixes on the section page: all three kinds reach the section through Block.section
# ("blocks"), so the admin numbers the second and third.
PARAGRAPHS, FIGURES, PULL_QUOTES = "blocks", "blocks-2", "blocks-3"


def change_url(obj):
    return reverse(f"admin:articles_{obj._meta.model_name}_change", args=[obj.pk])


def post_change_form(client, obj, changes, form_id=None):
    """Open `obj`'s change page, apply `changes` to the form as an editor would, and save."""
    url = change_url(obj)
    data = change_form_data(client.get(url), form_id or f"{obj._meta.model_name}_form")
    data.update(changes)
    response = client.post(url, data)
    errors = response.context and [response.context["errors"], response.context.get("inline_admin_formsets")]
    assert response.status_code == 302, errors
    return response


def add_inline_row(data, prefix, fields):
    """Fill the next empty row of an inline and tell the management form about it."""
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)
    for name, value in fields.items():
        data[f"{prefix}-{index}-{name}"] = value


def positions_in(section):
    return [
        (block.position, block.specific)
        for block in Block.objects.filter(section=section).select_related("paragraph", "figure", "pullquote")
    ]


def test_editor_swaps_two_paragraphs_and_edits_one_in_the_same_save(editor_client):
    section = SectionFactory()
    first = ParagraphFactory(section=section, position=1, text="Opening words.")
    second = ParagraphFactory(section=section, position=2, text="Closing words.")

    post_change_form(
        editor_client,
        section,
        {
            f"{PARAGRAPHS}-0-position": "2",
            f"{PARAGRAPHS}-0-text": "Opening words, corrected.",
            f"{PARAGRAPHS}-1-position": "1",
        },
    )

    assert positions_in(section) == [(1, second), (2, first)]
    first.refresh_from_db()
    assert first.text == "Opening words, corrected."
    assert "corrected" in first.text_html


def test_editor_swaps_a_paragraph_with_a_figure_across_inlines(editor_client):
    section = SectionFactory()
    paragraph = ParagraphFactory(section=section, position=1)
    figure = FigureFactory(section=section, position=2)

    post_change_form(editor_client, section, {f"{PARAGRAPHS}-0-position": "2", f"{FIGURES}-0-position": "1"})

    assert positions_in(section) == [(1, figure), (2, paragraph)]


def test_new_paragraph_and_figure_given_the_same_number_are_both_kept_in_order(editor_client):
    section = SectionFactory()
    opening = ParagraphFactory(section=section, position=1)
    closing = ParagraphFactory(section=section, position=2)
    url = change_url(section)
    data = change_form_data(editor_client.get(url), "section_form")
    add_inline_row(data, PARAGRAPHS, {"position": "2", "text": "A new second paragraph.", "section": section.pk})
    add_inline_row(data, FIGURES, {"position": "2", "caption": "A new figure", "section": section.pk})

    assert editor_client.post(url, data).status_code == 302

    new_paragraph = Paragraph.objects.get(text="A new second paragraph.")
    new_figure = Figure.objects.get(caption="A new figure")
    assert positions_in(section) == [(1, opening), (2, new_paragraph), (3, new_figure), (4, closing)]


def test_a_block_added_without_a_number_goes_to_the_end(editor_client):
    section = SectionFactory()
    existing = ParagraphFactory(section=section, position=7)
    url = change_url(section)
    data = change_form_data(editor_client.get(url), "section_form")
    add_inline_row(data, PULL_QUOTES, {"position": "", "text": "We will not back down", "section": section.pk})

    assert editor_client.post(url, data).status_code == 302

    assert [(position, str(block)) for position, block in positions_in(section)] == [
        (1, str(existing)),
        (2, "“We will not back down”"),
    ]


def test_deleting_a_block_closes_the_gap(editor_client):
    section = SectionFactory()
    first, middle, last = (ParagraphFactory(section=section, position=n) for n in (1, 2, 3))

    post_change_form(editor_client, section, {f"{PARAGRAPHS}-1-DELETE": "on"})

    assert positions_in(section) == [(1, first), (2, last)]


def test_figure_credit_parts_are_filled_from_the_credit_line(editor_client):
    section = SectionFactory()
    figure = FigureFactory(section=section, position=1, credit="", credit_source="", credit_photographer="")

    post_change_form(editor_client, section, {f"{FIGURES}-0-credit": "SPUTNIK/VLADIMIR SMIRNOV via REUTERS"})

    figure.refresh_from_db()
    assert figure.credit_parts == {"source": "SPUTNIK", "photographer": "VLADIMIR SMIRNOV", "distributor": "REUTERS"}


def test_rendered_paragraph_html_is_not_an_editable_field(editor_client):
    section = SectionFactory()
    ParagraphFactory(section=section, position=1)

    data = change_form_data(editor_client.get(change_url(section)), "section_form")

    assert f"{PARAGRAPHS}-0-text" in data
    assert not any(name.endswith("text_html") for name in data)


def test_sections_swap_positions_and_anchors_on_the_article_page(editor_client):
    article = ArticleFactory()
    opening = SectionFactory(article=article, position=1, anchor="opening")
    closing = SectionFactory(article=article, position=2, anchor="closing")

    post_change_form(
        editor_client,
        article,
        {
            "sections-0-position": "2",
            "sections-0-anchor": "closing",
            "sections-1-position": "1",
            "sections-1-anchor": "opening",
        },
    )

    assert list(Section.objects.filter(article=article).values_list("pk", "position", "anchor")) == [
        (closing.pk, 1, "opening"),
        (opening.pk, 2, "closing"),
    ]


def test_a_section_may_take_the_anchor_of_one_deleted_in_the_same_save(editor_client):
    article = ArticleFactory()
    kept = SectionFactory(article=article, position=1, anchor="kept")
    SectionFactory(article=article, position=2, anchor="wanted")

    post_change_form(editor_client, article, {"sections-0-anchor": "wanted", "sections-1-DELETE": "on"})

    assert list(Section.objects.filter(article=article).values_list("pk", "position", "anchor")) == [
        (kept.pk, 1, "wanted")
    ]


def test_two_new_untitled_sections_get_distinct_anchors(editor_client):
    article = ArticleFactory()
    url = change_url(article)
    data = change_form_data(editor_client.get(url), "article_form")
    add_inline_row(data, "sections", {"position": "1", "heading": "", "anchor": ""})
    add_inline_row(data, "sections", {"position": "2", "heading": "", "anchor": ""})

    assert editor_client.post(url, data).status_code == 302

    assert list(article.sections.values_list("position", "anchor")) == [(1, "section-1"), (2, "section-2")]


def test_duplicate_anchors_are_refused_with_a_message_not_an_error_page(editor_client):
    article = ArticleFactory()
    SectionFactory(article=article, position=1, anchor="one")
    SectionFactory(article=article, position=2, anchor="two")
    url = change_url(article)
    data = change_form_data(editor_client.get(url), "article_form")
    data["sections-1-anchor"] = "one"

    response = editor_client.post(url, data)

    assert response.status_code == 200
    assert "anchor" in str(response.context["inline_admin_formsets"][1].formset.non_form_errors())


def test_quotes_swap_positions_on_the_paragraph_page(editor_client):
    paragraph = ParagraphFactory()
    first = QuoteFactory(paragraph=paragraph, position=1)
    second = QuoteFactory(paragraph=paragraph, position=2)
    speaker = SourceFactory(name="Edward Howell")

    post_change_form(
        editor_client,
        paragraph,
        {
            "quotes-0-position": "2",
            "quotes-0-speaker": str(speaker.pk),
            "quotes-1-position": "1",
        },
    )

    assert list(Quote.objects.filter(paragraph=paragraph).values_list("pk", "position", "speaker")) == [
        (second.pk, 1, None),
        (first.pk, 2, speaker.pk),
    ]


def test_moving_a_paragraph_to_another_section_numbers_both_sections(editor_client):
    source_section = SectionFactory()
    moving = ParagraphFactory(section=source_section, position=1)
    staying = ParagraphFactory(section=source_section, position=2)
    target_section = SectionFactory(article=source_section.article)
    resident = ParagraphFactory(section=target_section, position=1)

    post_change_form(editor_client, moving, {"section": str(target_section.pk), "position": "1"})

    assert positions_in(source_section) == [(1, staying)]
    assert positions_in(target_section) == [(1, moving), (2, resident)]


def test_a_section_given_a_taken_number_on_its_own_page_moves_in_before_it(editor_client):
    article = ArticleFactory()
    first = SectionFactory(article=article, position=1)
    second = SectionFactory(article=article, position=2)

    post_change_form(editor_client, second, {"position": "1"})

    assert list(article.sections.all()) == [second, first]


def test_publishing_without_a_time_publishes_now(editor_client):
    article = DraftArticleFactory()

    post_change_form(editor_client, article, {"_publish": "Publish"})

    assert Article.objects.published().filter(pk=article.pk).exists()


def test_article_changelist_filters_by_status_language_and_topic(editor_client):
    article = ArticleFactory(headline="Talks resume in Geneva", language="en")
    article.tags.add("Ukraine")
    DraftArticleFactory(headline="A draft about the weather", language="es")
    tag = article.tags.get()

    response = editor_client.get(
        reverse("admin:articles_article_changelist"),
        {"status__exact": "published", "language": "en", "tags__id__exact": tag.pk},
    )

    assert list(response.context["cl"].result_list) == [article]


def test_view_on_site_leads_to_the_public_article(editor_client):
    article = ArticleFactory()
    content_type = ContentType.objects.get_for_model(Article)

    response = editor_client.get(reverse("admin:view_on_site", args=[content_type.pk, article.pk]))

    assert response.status_code == 302
    assert response["Location"].endswith(article.get_absolute_url())


def test_view_on_site_of_a_draft_opens_its_staff_preview(editor_client):
    draft = DraftArticleFactory(headline="Still writing")

    preview_url = reverse("admin:articles_article_preview", args=[draft.pk])

    page = editor_client.get(reverse("admin:articles_article_change", args=[draft.pk])).content.decode()
    preview = editor_client.get(preview_url)

    assert f'<a href="{preview_url}" class="viewsitelink">' in page
    assert preview.status_code == 200 and "Still writing" in preview.content.decode()


def test_source_autocomplete_finds_sources_by_alias(editor_client):
    source = SourceFactory(name="Korean Central News Agency Test", aliases="KCNA-T")

    response = editor_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "articles",
            "model_name": "paragraph",
            "field_name": "sources",
            "term": "KCNA-T",
        },
    )

    assert [result["id"] for result in response.json()["results"]] == [str(source.pk)]


def test_an_editors_save_shows_on_the_public_page_at_once(editor_client):
    article = ArticleFactory()
    section = SectionFactory(article=article, position=1)
    ParagraphFactory(section=section, position=1, text="The talks would continue.")

    post_change_form(editor_client, section, {f"{PARAGRAPHS}-0-text": "The talks **broke down** on Tuesday."})

    page = editor_client.get(article.get_absolute_url())
    assert page.status_code == 200
    assert "<strong>broke down</strong> on Tuesday." in page.content.decode()
    assert "The talks would continue." not in page.content.decode()


def test_a_new_article_is_added_with_its_sections_in_order(editor_client):
    url = reverse("admin:articles_article_add")
    data = change_form_data(editor_client.get(url), "article_form")
    data.update({"headline": "Talks resume", "slug": "talks-resume", "language": "en", "status": "draft"})
    add_inline_row(data, "sections", {"position": "2", "heading": "Background"})
    add_inline_row(data, "sections", {"position": "1", "heading": "What happened"})

    assert editor_client.post(url, data).status_code == 302

    article = Article.objects.get(slug="talks-resume")
    assert list(article.sections.values_list("position", "heading", "anchor")) == [
        (1, "What happened", "what-happened"),
        (2, "Background", "background"),
    ]


def test_lead_figure_credit_parts_are_filled_from_the_credit_line(editor_client):
    article = ArticleFactory()
    url = change_url(article)
    data = change_form_data(editor_client.get(url), "article_form")
    data.update({"lead_figure-0-caption": "The leaders meet", "lead_figure-0-credit": "KCNA via REUTERS"})

    assert editor_client.post(url, data).status_code == 302

    article.refresh_from_db()
    assert article.lead_figure.credit_parts == {"source": "KCNA", "photographer": "", "distributor": "REUTERS"}


@pytest.mark.parametrize(
    ("page", "trail"),
    [
        ("arrange", '› <a href="{change}">Talks resume</a> › Arrange'),
        ("arrange_delete", '› <a href="{change}">Talks resume</a> › <a href="{arrange}">Arrange</a> › Delete'),
        ("history", '› <a href="{change}">Talks resume</a> › <a href="{history}">History</a>'),
        ("import", "› Import"),
    ],
)
def test_the_apps_own_admin_pages_show_the_admins_breadcrumb_trail(admin_client, english_interface, page, trail):
    article = ArticleFactory(headline="Talks resume")
    section = SectionFactory(article=article)
    urls = {
        "arrange": reverse("admin:articles_article_arrange", args=[article.pk]),
        "arrange_delete": reverse("admin:articles_article_arrange_delete", args=[article.pk, "section", section.pk]),
        "history": reverse("admin:articles_article_history", args=[article.pk]),
        "import": reverse("admin:articles_article_import"),
        "change": reverse("admin:articles_article_change", args=[article.pk]),
    }

    response = admin_client.get(urls[page])

    expected = (
        f'<div class="breadcrumbs"><a href="{reverse("admin:index")}">Home</a>'
        f' › <a href="{reverse("admin:app_list", args=["articles"])}">Articles</a>'
        f' › <a href="{reverse("admin:articles_article_changelist")}">Articles</a> {trail.format(**urls)}</div>'
    )
    assertInHTML(expected, response.content.decode())
