"""What belongs to a published article stays there unless an Editor moves it: Contributors
correct its text but do not reorder, delete or re-parent its sections, blocks, quotes or lead
figure, on any page, nor move parts of a draft into it."""

import pytest
from django.contrib.admin import helpers
from django.urls import reverse

from articles.models import Article, Block, LeadFigure, Paragraph, Quote, Section
from articles.permissions import may_restructure
from articles.tests.admin_helpers import opened
from articles.tests.factories import (
    ArticleFactory,
    DraftArticleFactory,
    LeadFigureFactory,
    ParagraphFactory,
    QuoteFactory,
    SectionFactory,
)
from articles.tests.history_helpers import (
    change_url,
    edit,
    make_member,
    open_change_form,
    revisions_of,
    save_change_form,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_interface")]

REFUSED_MOVE = "Only an editor may move parts into or out of a published article."


@pytest.fixture
def published():
    article = ArticleFactory(headline="Talks resume in Geneva")
    LeadFigureFactory(article=article)
    talks = SectionFactory(article=article, position=1, heading="The talks")
    paragraph = ParagraphFactory(section=talks, position=1, text="Officials said “the talks would continue” today.")
    QuoteFactory(paragraph=paragraph, position=1, text="the talks would continue")
    QuoteFactory(paragraph=paragraph, position=2, text="today")
    ParagraphFactory(section=talks, position=2, text="A second round is planned for May.")
    SectionFactory(article=article, position=2, heading="What comes next")
    return article


@pytest.fixture
def draft():
    article = DraftArticleFactory(headline="A draft of mine")
    ParagraphFactory(section=SectionFactory(article=article, position=1, heading="Notes"), position=1, text="Notes.")
    return article


@pytest.fixture
def contributor(client, django_user_model):
    client.force_login(make_member(django_user_model, "Contributors", "carla"))
    return client


@pytest.fixture
def editor(client, django_user_model):
    client.force_login(make_member(django_user_model, "Editors", "maria"))
    return client


def order(article):
    """Every section, block and quote of `article` with its number, in reading order."""
    return [
        (section.heading, section.position, [(block.pk, block.position) for block in section.blocks.all()])
        for section in article.sections.all()
    ] + list(Quote.objects.filter(paragraph__section__article=article).values_list("pk", "position"))


@pytest.mark.parametrize("status", [Article.Status.PUBLISHED, Article.Status.DRAFT])
def test_only_those_who_may_publish_restructure_published_work(django_user_model, status):
    article = ArticleFactory(status=status)
    contributor = make_member(django_user_model, "Contributors", "carla")
    editor = make_member(django_user_model, "Editors", "maria")

    assert may_restructure(editor, article) is True
    assert may_restructure(contributor, article) is (status == Article.Status.DRAFT)


def test_a_contributor_cannot_move_a_section_out_of_a_published_article(contributor, published, draft):
    section = published.sections.get(position=1)

    page = contributor.get(change_url(section)).content.decode()
    save_change_form(contributor, section, open_change_form(contributor, section), {"article": str(draft.pk)})

    assert 'name="article"' not in page
    assert Section.objects.get(pk=section.pk).article_id == published.pk
    assert draft.sections.count() == 1


def test_a_contributor_cannot_move_a_paragraph_out_of_a_published_article(contributor, published, draft):
    paragraph = Paragraph.objects.filter(section__article=published).first()

    page = contributor.get(change_url(paragraph)).content.decode()
    save_change_form(
        contributor, paragraph, open_change_form(contributor, paragraph), {"section": str(draft.sections.get().pk)}
    )

    assert 'name="section"' not in page
    assert Paragraph.objects.get(pk=paragraph.pk).section.article_id == published.pk


@pytest.mark.parametrize("kind", ["section", "paragraph"])
def test_a_contributor_cannot_move_part_of_a_draft_into_a_published_article(contributor, published, draft, kind):
    if kind == "section":
        row, changes = draft.sections.get(), {"article": str(published.pk)}
    else:
        row, changes = Paragraph.objects.get(section__article=draft), {"section": str(published.sections.first().pk)}

    response = save_change_form(contributor, row, open_change_form(contributor, row), changes)

    assert response.status_code == 200 and REFUSED_MOVE in response.content.decode()
    assert Block.objects.get(section__article=draft).section.article_id == draft.pk


def test_a_contributor_moves_a_paragraph_from_one_draft_to_another(contributor, draft):
    other = SectionFactory(article=DraftArticleFactory(), position=1)
    paragraph = Paragraph.objects.get(section__article=draft)

    edit(contributor, paragraph, {"section": str(other.pk)})

    assert Paragraph.objects.get(pk=paragraph.pk).section == other


@pytest.mark.parametrize(
    ("page", "field"),
    [
        ("article", "sections-0-position"),
        ("section", "position"),
        ("section", "blocks-0-position"),
        ("paragraph", "position"),
        ("paragraph", "quotes-0-position"),
    ],
)
def test_a_contributor_cannot_renumber_the_parts_of_a_published_article(contributor, published, page, field):
    row = {
        "article": published,
        "section": published.sections.get(position=1),
        "paragraph": Paragraph.objects.filter(section__article=published).first(),
    }[page]
    before = order(published)

    form = contributor.get(change_url(row)).content.decode()
    save_change_form(contributor, row, open_change_form(contributor, row), {field: "3"})

    assert f'name="{field}"' not in form
    assert order(published) == before


def test_a_contributor_corrects_a_published_heading_and_it_keeps_its_place(contributor, published):
    before = order(published)

    edit(contributor, published, {"sections-0-heading": "The talks, corrected", "standfirst": "Corrected."})

    assert published.sections.get(position=1).heading == "The talks, corrected"
    assert [(number, blocks) for _heading, number, blocks in order(published)[:2]] == [
        (number, blocks) for _heading, number, blocks in before[:2]
    ]


def test_a_contributor_adds_a_section_at_the_end_of_a_published_article(contributor, published):
    edit(contributor, published, {"sections-2-heading": "Reactions"})

    assert list(published.sections.values_list("heading", flat=True)) == ["The talks", "What comes next", "Reactions"]


def test_a_contributor_cannot_reorder_a_published_article_on_the_arrange_page(contributor, published):
    arrange = reverse("admin:articles_article_arrange", args=[published.pk])
    talks = published.sections.get(position=1)
    before = order(published)

    page = contributor.get(arrange).content.decode()
    moved = contributor.post(arrange, {"move": f"section:{talks.pk}:down", **opened(published)})
    dragged = contributor.post(
        arrange, {"order": f"blocks:{talks.pk}:{','.join(reversed(block_pks(talks)))}", **opened(published)}
    )

    assert 'name="move"' not in page and 'draggable="true"' not in page
    assert (moved.status_code, dragged.status_code) == (403, 403)
    assert order(published) == before


def test_a_contributor_reorders_a_draft_on_the_arrange_page(contributor, draft):
    SectionFactory(article=draft, position=2, heading="More notes")
    notes = draft.sections.get(heading="Notes")

    arrange = reverse("admin:articles_article_arrange", args=[draft.pk])
    contributor.post(arrange, {"move": f"section:{notes.pk}:down", **opened(draft)})

    assert list(draft.sections.values_list("heading", flat=True)) == ["More notes", "Notes"]


def block_pks(section):
    return [str(pk) for pk in section.blocks.values_list("pk", flat=True)]


@pytest.mark.parametrize("model", [Section, Paragraph])
def test_a_contributor_cannot_bulk_delete_parts_of_a_published_article(contributor, published, model):
    rows = list(model.objects.filter(**{"article" if model is Section else "section__article": published}))
    changelist = reverse(f"admin:articles_{model._meta.model_name}_changelist")

    response = contributor.post(
        changelist,
        {"action": "delete_selected", "post": "yes", helpers.ACTION_CHECKBOX_NAME: [row.pk for row in rows]},
    )

    assert response.status_code == 403
    assert model.objects.filter(pk__in=[row.pk for row in rows]).count() == len(rows)


def test_a_contributor_cannot_delete_a_paragraph_or_the_lead_figure_of_a_published_article(contributor, published):
    paragraph = Paragraph.objects.filter(section__article=published).first()

    refused = contributor.post(reverse("admin:articles_paragraph_delete", args=[paragraph.pk]), {"post": "yes"})
    edit(contributor, published, {"lead_figure-0-DELETE": "on"})

    assert refused.status_code == 403
    assert Paragraph.objects.filter(pk=paragraph.pk).exists()
    assert LeadFigure.objects.filter(article=published).exists()


def test_an_editor_moving_a_section_out_of_a_published_article_shows_in_both_histories(editor, published, draft):
    section = published.sections.get(position=1)

    edit(editor, section, {"article": str(draft.pk)})

    assert list(draft.sections.values_list("heading", flat=True)) == ["The talks", "Notes"]
    assert list(published.sections.values_list("heading", "position")) == [("What comes next", 1)]
    left, arrived = revisions_of(published)[0], revisions_of(draft)[0]
    assert left == arrived and left.user.username == "maria"
    moved = left.version_set.get(content_type__model="section", object_id=str(section.pk))
    assert moved.field_dict["article_id"] == draft.pk


def test_an_editor_bulk_deleting_paragraphs_records_it_in_the_articles_history(editor, published):
    paragraph = Paragraph.objects.filter(section__article=published).first()

    response = editor.post(
        reverse("admin:articles_paragraph_changelist"),
        {"action": "delete_selected", "post": "yes", helpers.ACTION_CHECKBOX_NAME: [paragraph.pk]},
    )

    assert response.status_code == 302 and not Paragraph.objects.filter(pk=paragraph.pk).exists()
    newest = revisions_of(published)[0]
    assert newest.user.username == "maria"
    assert not newest.version_set.filter(content_type__model="paragraph", object_id=str(paragraph.pk)).exists()
    assert newest.version_set.filter(content_type__model="paragraph").exists()
