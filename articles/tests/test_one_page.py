"""The whole article on its own change page (admin/one_page.py): one POST edits, adds and deletes
sections, blocks and quotes, as one revision, and a refused one keeps everything chosen."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article, Block, Figure, Paragraph
from articles.revisions import ensure_history
from articles.tests.admin_helpers import change_form_data
from articles.tests.factories import (
    ArticleFactory,
    DraftArticleFactory,
    FigureFactory,
    ParagraphFactory,
    PullQuoteFactory,
    QuoteFactory,
    SectionFactory,
    SourceFactory,
)
from articles.tests.history_helpers import change_url, make_member, revisions_of
from articles.tests.image_helpers import image_bytes, media_root, upload

__all__ = ["media_root"]

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_interface")]

PARAGRAPHS, FIGURES, PULL_QUOTES = "sections-0-blocks", "sections-0-blocks-2", "sections-0-blocks-3"
QUOTES = "sections-0-blocks-0-quotes"


@pytest.fixture
def article():
    article = ArticleFactory(headline="Floods")
    section = SectionFactory(article=article, position=1, heading="The storm")
    paragraph = ParagraphFactory(section=section, position=1, text="The river rose. “We lost everything,” said Ana.")
    QuoteFactory(paragraph=paragraph, position=1, text="We lost everything")
    FigureFactory(section=section, position=2, caption="The river", alt_text="Brown water")
    return article


def opened_page(client, article):
    return change_form_data(client.get(change_url(article)), "article_form")


def add_row(data, prefix, fields):
    """Fill a new row of the inline `prefix`, with its management form if the page had none."""
    data.setdefault(f"{prefix}-INITIAL_FORMS", "0")
    index = int(data.get(f"{prefix}-TOTAL_FORMS", "0"))
    for existing in range(index):
        if not any(
            value for key, value in data.items() if key.startswith(f"{prefix}-{existing}-") and key.endswith("text")
        ):
            index = existing
            break
    data[f"{prefix}-TOTAL_FORMS"] = str(max(index + 1, int(data.get(f"{prefix}-TOTAL_FORMS", "0"))))
    data.update({f"{prefix}-{index}-{name}": value for name, value in fields.items()})


def test_one_save_edits_a_heading_a_paragraph_a_quote_and_a_caption_as_one_revision(editor_client, article):
    ensure_history(article)
    before = len(revisions_of(article))
    data = opened_page(editor_client, article)
    data.update(
        {
            "sections-0-heading": "The great storm",
            f"{PARAGRAPHS}-0-text": "The river rose. “We lost it all,” said Ana.",
            f"{QUOTES}-0-text": "We lost it all",
            f"{FIGURES}-0-caption": "The river at noon",
        }
    )

    response = editor_client.post(change_url(article), data)

    assert response.status_code == 302
    section = article.sections.get()
    assert section.heading == "The great storm"
    paragraph = Paragraph.objects.get(section=section)
    assert paragraph.text == "The river rose. “We lost it all,” said Ana."
    assert paragraph.quotes.get().text == "We lost it all"
    assert Figure.objects.get(section=section).caption == "The river at noon"
    assert len(revisions_of(article)) == before + 1


def test_one_save_adds_a_pull_quote_and_deletes_the_figure(editor_client, article):
    data = opened_page(editor_client, article)
    data[f"{FIGURES}-0-DELETE"] = "on"
    add_row(data, PULL_QUOTES, {"position": "1", "text": "We lost everything"})

    response = editor_client.post(change_url(article), data)

    assert response.status_code == 302
    section = article.sections.get()
    kinds = list(Block.objects.filter(section=section).values_list("position", "kind"))
    assert kinds == [(1, "pullquote"), (2, "paragraph")]


def test_a_new_paragraph_takes_the_number_it_was_given_among_the_other_kinds(editor_client, article):
    data = opened_page(editor_client, article)
    add_row(data, PARAGRAPHS, {"position": "2", "text": "The water went down by night."})

    assert editor_client.post(change_url(article), data).status_code == 302

    section = article.sections.get()
    assert [(block.position, str(block.specific)[:9]) for block in section.blocks.with_specific()] == [
        (1, "The river"),
        (2, "The water"),
        (3, "The river"),
    ]


def test_a_figure_refused_for_its_alt_text_on_publishing_keeps_its_picture(editor_client, article, media_root):
    data = opened_page(editor_client, article)
    data[f"{FIGURES}-0-alt_text"] = ""
    data[f"{FIGURES}-0-image"] = upload("river.jpg", image_bytes("JPEG", size=(300, 200)))
    data["_publish"] = "Publish"

    refused = editor_client.post(change_url(article), data)

    assert refused.status_code == 200
    page = refused.content.decode()
    assert "Add alt text before publishing" in page
    assert "Picture kept: river.jpg" in page
    assert f'href="#id_{FIGURES}-0-alt_text"' in page
    again = change_form_data(refused, "article_form")
    again[f"{FIGURES}-0-alt_text"] = "The river over its banks"
    again["_publish"] = "Publish"
    assert editor_client.post(change_url(article), again).status_code == 302
    figure = Figure.objects.get(section__article=article)
    assert figure.image and (figure.image_width, figure.image_height) == (300, 200)


def test_publishing_a_draft_asks_for_alt_text_at_the_figure_and_takes_it_in_the_same_save(editor_client, media_root):
    article = DraftArticleFactory(headline="Floods")
    section = SectionFactory(article=article, heading="The storm")
    figure = FigureFactory(section=section, caption="The river", alt_text="")
    figure.image.save("river.jpg", upload("river.jpg", image_bytes("JPEG")), save=True)
    data = opened_page(editor_client, article)
    data["_publish"] = "Publish"

    refused = editor_client.post(change_url(article), data)

    assert refused.status_code == 200
    summary = [(entry["where"], entry["target"]) for entry in refused.context["error_summary"]]
    assert summary == [("Section “The storm” › Figure “The river”", f"id_{FIGURES}-0-alt_text")]
    again = change_form_data(refused, "article_form")
    again[f"{FIGURES}-0-alt_text"] = "The river over its banks"
    again["_publish"] = "Publish"
    assert editor_client.post(change_url(article), again).status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED


def test_the_error_summary_links_each_error_to_its_field(editor_client, article):
    data = opened_page(editor_client, article)
    data["headline"] = ""
    data[f"{QUOTES}-0-text"] = "Words nobody said"

    refused = editor_client.post(change_url(article), data)

    page = refused.content.decode()
    assert 'id="error-summary"' in page
    assert 'href="#id_headline"' in page
    assert f'href="#id_{QUOTES}-0-text"' in page
    assert "does not occur in the paragraph" in page


def test_a_quotes_speaker_and_outlet_become_sources_of_its_paragraph(editor_client, article):
    speaker, outlet = SourceFactory(name="Ana Ruiz"), SourceFactory(name="Radio Norte")
    data = opened_page(editor_client, article)
    data[f"{QUOTES}-0-speaker"] = str(speaker.pk)
    data[f"{QUOTES}-0-source"] = str(outlet.pk)

    assert editor_client.post(change_url(article), data).status_code == 302

    paragraph = Paragraph.objects.get(section__article=article)
    assert set(paragraph.sources.all()) == {speaker, outlet}


def test_a_quotes_speaker_becomes_a_source_of_its_paragraph_on_the_paragraphs_page_too(editor_client, article):
    speaker = SourceFactory(name="Ana Ruiz")
    paragraph = Paragraph.objects.get(section__article=article)
    data = change_form_data(editor_client.get(change_url(paragraph)), "paragraph_form")
    data["quotes-0-speaker"] = str(speaker.pk)

    assert editor_client.post(change_url(paragraph), data).status_code == 302

    assert list(paragraph.sources.all()) == [speaker]


def test_a_quote_edited_in_a_section_deleted_in_the_same_save_cites_nothing(editor_client, article):
    data = opened_page(editor_client, article)
    data[f"{QUOTES}-0-speaker"] = str(SourceFactory(name="Ana Ruiz").pk)
    data["sections-0-DELETE"] = "on"

    assert editor_client.post(change_url(article), data).status_code == 302

    assert not article.sections.exists()


def test_a_figures_credit_adds_the_sources_it_names(editor_client, article):
    agency = SourceFactory(name="Reuters")
    data = opened_page(editor_client, article)
    data[f"{FIGURES}-0-credit"] = "JANE DOE via REUTERS"

    assert editor_client.post(change_url(article), data).status_code == 302

    assert list(Figure.objects.get(section__article=article).sources.all()) == [agency]


def test_a_contributor_may_not_move_or_delete_a_published_articles_blocks(client, django_user_model, article):
    client.force_login(make_member(django_user_model, "Contributors", "cleo"))

    page = client.get(change_url(article)).content.decode()

    assert f'name="{PARAGRAPHS}-0-position"' not in page
    assert f'name="{PARAGRAPHS}-0-DELETE"' not in page
    assert f'name="{PARAGRAPHS}-0-text"' in page


def test_a_save_from_a_page_opened_before_another_save_is_refused_and_keeps_the_text(editor_client, article):
    data = opened_page(editor_client, article)
    Article.objects.filter(pk=article.pk).update(edit_version=article.edit_version + 1)
    data[f"{PARAGRAPHS}-0-text"] = "The river rose at dawn. “We lost everything,” said Ana."

    refused = editor_client.post(change_url(article), data)

    assert refused.status_code == 200
    assert "Someone else saved first" in refused.content.decode()
    assert "The river rose at dawn." in refused.content.decode()
    assert Paragraph.objects.get(section__article=article).text.startswith("The river rose. ")


def article_of_size(sections, blocks):
    article = ArticleFactory()
    for number in range(1, sections + 1):
        section = SectionFactory(article=article, position=number)
        for position in range(1, blocks + 1):
            paragraph = ParagraphFactory(section=section, position=position, text=f"Said “yes {position}”.")
            QuoteFactory(paragraph=paragraph, position=1, text=f"yes {position}")
        PullQuoteFactory(section=section, position=blocks + 1)
    return article


def queries_of_change_page(client, article):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(change_url(article)).status_code == 200
    return len(queries)


def test_the_change_page_reads_a_bounded_number_of_rows_per_section_and_block(editor_client):
    small = queries_of_change_page(editor_client, article_of_size(sections=2, blocks=2))
    large = queries_of_change_page(editor_client, article_of_size(sections=4, blocks=4))

    # Two sections of two paragraphs more cost a few queries each: the formsets of each
    # section's kinds and each paragraph's quotes; never one per field or per source.
    per_block = (large - small) / (4 * 4 + 4 - 2 * 2 - 2)
    assert per_block <= 6, (small, large)
    assert small <= 120, small


def test_a_stale_save_takes_the_other_editors_paragraph_and_keeps_this_editors_heading(
    client, django_user_model, article
):
    ana, ben = (make_member(django_user_model, "Editors", name) for name in ("ana", "ben"))
    client.force_login(ana)
    anas_page = opened_page(client, article)
    client.force_login(ben)
    bens_page = opened_page(client, article)
    bens_page[f"{PARAGRAPHS}-0-text"] = "The river rose at dawn. “We lost everything,” said Ana."
    assert client.post(change_url(article), bens_page).status_code == 302
    client.force_login(ana)
    anas_page["sections-0-heading"] = "The great storm"

    refused = client.post(change_url(article), anas_page)
    assert refused.status_code == 200
    again = change_form_data(refused, "article_form")
    assert again[f"{PARAGRAPHS}-0-text"].strip().startswith("The river rose at dawn.")
    assert client.post(change_url(article), again).status_code == 302

    section = article.sections.get()
    assert section.heading == "The great storm"
    assert Paragraph.objects.get(section=section).text.startswith("The river rose at dawn.")
