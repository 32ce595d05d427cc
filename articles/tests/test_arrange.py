"""The article's "Arrange" page: every section and block in reading order, moved with buttons
(no JavaScript needed) or by a dragged order, always saved through save_in_order."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from articles.models import Block
from articles.tests.admin_helpers import change_form_data, opened
from articles.tests.factories import (
    ArticleFactory,
    FigureFactory,
    ParagraphFactory,
    PullQuoteFactory,
    QuoteFactory,
    SectionFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_interface")]


@pytest.fixture
def article():
    article = ArticleFactory(headline="Flooding in the valley")
    first = SectionFactory(article=article, position=1, heading="The storm")
    SectionFactory(article=article, position=2, heading="The damage")
    SectionFactory(article=article, position=3, heading="What comes next")
    paragraph = ParagraphFactory(section=first, position=1, text="Rain fell for three days.")
    QuoteFactory(paragraph=paragraph, position=1, text="three days")
    FigureFactory(section=first, position=2, caption="The river burst its banks")
    PullQuoteFactory(section=first, position=3, text="We lost everything")
    return article


def arrange_url(article):
    return reverse("admin:articles_article_arrange", args=[article.pk])


def headings(article):
    return list(article.sections.values_list("heading", flat=True))


def block_kinds(section):
    return [
        block.kind for block in Block.objects.filter(section=section).select_related("paragraph", "figure", "pullquote")
    ]


def test_arrange_page_lists_sections_blocks_and_quotes_in_reading_order(editor_client, article):
    html = editor_client.get(arrange_url(article)).content.decode()

    in_order = [
        "The storm",
        "Rain fell for three days.",
        "three days",
        "The river burst its banks",
        "We lost everything",
        "The damage",
        "What comes next",
    ]
    assert [html.index(text) for text in in_order] == sorted(html.index(text) for text in in_order)
    assert html.count('name="move"') == 2 * (3 + 3)
    assert html.count('draggable="true"') == 6


def test_a_paragraph_added_from_the_arrange_page_lands_at_the_end_of_its_section(editor_client, article):
    section = article.sections.get(heading="The damage")
    add_url = reverse("admin:articles_paragraph_add") + f"?section={section.pk}&arrange={article.pk}"
    assert add_url.replace("&", "&amp;") in editor_client.get(arrange_url(article)).content.decode()

    data = change_form_data(editor_client.get(add_url), "paragraph_form")
    data["text"] = "Roads were closed."
    response = editor_client.post(add_url, {**data, "_save": "Save"})

    added = section.blocks.get()
    assert added.specific.text == "Roads were closed."
    assert response.status_code == 302 and response["Location"] == f"{arrange_url(article)}#block-{added.pk}"


def test_saving_a_section_opened_from_the_arrange_page_goes_back_there(editor_client, article):
    storm = article.sections.get(heading="The storm")
    change_url = reverse("admin:articles_section_change", args=[storm.pk]) + f"?arrange={article.pk}"
    assert change_url.replace("&", "&amp;") in editor_client.get(arrange_url(article)).content.decode()

    data = change_form_data(editor_client.get(change_url), "section_form")
    data["heading"] = "The storm arrives"
    response = editor_client.post(change_url, {**data, "_save": "Save"})

    assert response.status_code == 302 and response["Location"] == f"{arrange_url(article)}#section-{storm.pk}"
    assert headings(article)[0] == "The storm arrives"


def test_article_change_form_links_to_the_arrange_page(editor_client, article):
    html = editor_client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()

    assert f'href="{arrange_url(article)}"' in html


def test_move_down_button_moves_a_section_below_the_next(editor_client, article):
    storm = article.sections.get(heading="The storm")

    response = editor_client.post(arrange_url(article), {"move": f"section:{storm.pk}:down", **opened(article)})

    assert response.status_code == 302 and response["Location"] == f"{arrange_url(article)}#section-{storm.pk}"
    assert headings(article) == ["The damage", "The storm", "What comes next"]
    assert list(article.sections.values_list("position", flat=True)) == [1, 2, 3]


def test_move_up_button_moves_a_block_above_the_previous_of_another_kind(editor_client, article):
    section = article.sections.get(heading="The storm")
    pull_quote = Block.objects.get(section=section, pullquote__isnull=False)

    editor_client.post(arrange_url(article), {"move": f"block:{pull_quote.pk}:up", **opened(article)})

    assert block_kinds(section) == ["paragraph", "pullquote", "figure"]


def test_moving_the_first_section_up_changes_nothing(editor_client, article):
    storm = article.sections.get(heading="The storm")

    editor_client.post(arrange_url(article), {"move": f"section:{storm.pk}:up", **opened(article)})

    assert headings(article) == ["The storm", "The damage", "What comes next"]


def test_a_dragged_order_of_blocks_is_saved(editor_client, article):
    section = article.sections.get(heading="The storm")
    paragraph, figure, pull_quote = Block.objects.filter(section=section)

    editor_client.post(
        arrange_url(article),
        {"order": f"blocks:{section.pk}:{figure.pk},{pull_quote.pk},{paragraph.pk}", **opened(article)},
    )

    assert block_kinds(section) == ["figure", "pullquote", "paragraph"]


def test_a_dragged_order_of_sections_is_saved(editor_client, article):
    storm, damage, next_steps = article.sections.all()

    editor_client.post(
        arrange_url(article),
        {"order": f"sections:{article.pk}:{next_steps.pk},{storm.pk},{damage.pk}", **opened(article)},
    )

    assert headings(article) == ["What comes next", "The storm", "The damage"]


def test_an_order_naming_another_articles_section_is_refused(editor_client, article):
    storm, damage, next_steps = article.sections.all()
    stranger = SectionFactory(article=ArticleFactory(), position=1)

    response = editor_client.post(
        arrange_url(article),
        {"order": f"sections:{article.pk}:{stranger.pk},{storm.pk},{damage.pk}", **opened(article)},
    )

    assert response.status_code == 404
    assert headings(article) == ["The storm", "The damage", "What comes next"]


def test_insert_section_after_opens_the_add_form_that_places_it_between(editor_client, article):
    html = editor_client.get(arrange_url(article)).content.decode()
    add_url = reverse("admin:articles_section_add") + f"?article={article.pk}&amp;position=2&amp;arrange={article.pk}"
    assert add_url in html

    add_page = editor_client.get(add_url.replace("&amp;", "&"))
    data = change_form_data(add_page, "section_form")
    data["heading"] = "Rescue efforts"
    response = editor_client.post(add_url.replace("&amp;", "&"), data)

    assert response.status_code == 302
    assert headings(article) == ["The storm", "Rescue efforts", "The damage", "What comes next"]


def test_deleting_a_block_asks_first_then_closes_the_gap(editor_client, article):
    section = article.sections.get(heading="The storm")
    figure = Block.objects.get(section=section, figure__isnull=False)
    delete_url = reverse("admin:articles_article_arrange_delete", args=[article.pk, "block", figure.pk])
    assert f'href="{delete_url}?opened_version=1"' in editor_client.get(arrange_url(article)).content.decode()

    confirmation = editor_client.get(delete_url)
    assert confirmation.status_code == 200 and "Are you sure" in confirmation.content.decode()
    assert Block.objects.filter(pk=figure.pk).exists()

    response = editor_client.post(delete_url, opened(article))

    assert response.status_code == 302 and response["Location"] == arrange_url(article)
    assert block_kinds(section) == ["paragraph", "pullquote"]
    assert list(section.blocks.values_list("position", flat=True)) == [1, 2]


def test_deleting_a_section_lists_its_blocks_and_renumbers_the_rest(editor_client, article):
    storm = article.sections.get(heading="The storm")
    delete_url = reverse("admin:articles_article_arrange_delete", args=[article.pk, "section", storm.pk])

    confirmation = editor_client.get(delete_url).content.decode()
    editor_client.post(delete_url, opened(article))

    assert "Rain fell for three days." in confirmation
    assert list(article.sections.values_list("heading", "position")) == [("The damage", 1), ("What comes next", 2)]


def test_a_contributor_may_not_delete_parts_of_a_published_article_from_the_arrange_page(
    client, django_user_model, article
):
    contributor = django_user_model.objects.create_user(
        username="contributor", password="a-long-password", is_staff=True
    )
    contributor.groups.add(Group.objects.get(name="Contributors"))
    client.force_login(contributor)
    section = article.sections.get(heading="The storm")
    figure = Block.objects.get(section=section, figure__isnull=False)

    page = client.get(arrange_url(article)).content.decode()
    refused = client.post(reverse("admin:articles_article_arrange_delete", args=[article.pk, "block", figure.pk]))

    assert 'name="move"' not in page and 'class="deletelink"' not in page
    assert refused.status_code == 403
    assert Block.objects.filter(pk=figure.pk).exists()


def test_a_viewer_without_change_permission_sees_the_order_but_cannot_move(client, django_user_model, article):
    viewer = django_user_model.objects.create_user(username="viewer", password="a-long-password", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_article"))
    client.force_login(viewer)
    storm = article.sections.get(heading="The storm")

    page = client.get(arrange_url(article))
    refused = client.post(arrange_url(article), {"move": f"section:{storm.pk}:down", **opened(article)})

    assert page.status_code == 200 and 'name="move"' not in page.content.decode()
    assert refused.status_code == 403
    assert headings(article) == ["The storm", "The damage", "What comes next"]
