"""Two editors on the Arrange page: a move or deletion sent from a page opened before the other
editor's save changes nothing, and says so with the article as it is now (never a 404)."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Article, Block
from articles.tests.admin_helpers import make_editor
from articles.tests.factories import ArticleFactory, FigureFactory, ParagraphFactory, SectionFactory
from articles.tests.history_helpers import revisions_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_interface")]

SAVED_FIRST = "Someone else saved first"


@pytest.fixture
def article():
    article = ArticleFactory(headline="Flooding in the valley")
    storm = SectionFactory(article=article, position=1, heading="The storm")
    SectionFactory(article=article, position=2, heading="The damage")
    SectionFactory(article=article, position=3, heading="What comes next")
    ParagraphFactory(section=storm, position=1, text="Rain fell for three days.")
    FigureFactory(section=storm, position=2, caption="The river burst its banks")
    return article


@pytest.fixture
def ana(editor_client):
    return editor_client


@pytest.fixture
def ben(django_user_model):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(make_editor(django_user_model, username="ben"))
    return client


def arrange_url(article):
    return reverse("admin:articles_article_arrange", args=[article.pk])


def open_arrange(client, article):
    """The version the Arrange page carries in its form, as the browser would post it back."""
    html = client.get(arrange_url(article)).content.decode()
    return {"opened_version": re.search(r'name="opened_version" value="(\d+)"', html)[1]}


def headings(article):
    return list(article.sections.values_list("heading", flat=True))


def test_a_move_from_a_page_opened_before_another_editors_move_changes_nothing(ana, ben, article):
    storm, damage, _next = article.sections.all()
    anas_page, bens_page = open_arrange(ana, article), open_arrange(ben, article)
    ana.post(arrange_url(article), {"move": f"section:{storm.pk}:down", **anas_page})
    saved_revisions = len(revisions_of(article))

    refused = ben.post(arrange_url(article), {"move": f"section:{damage.pk}:down", **bens_page})

    assert refused.status_code == 409
    assert SAVED_FIRST in refused.content.decode()
    assert headings(article) == ["The damage", "The storm", "What comes next"]
    # The page shows the order as it is now, with the version to move from.
    assert [section.heading for section in refused.context["sections"]] == headings(article)
    assert refused.context["article"].edit_version == Article.objects.get(pk=article.pk).edit_version
    assert len(revisions_of(article)) == saved_revisions


def test_a_dragged_order_from_a_stale_page_does_not_undo_the_other_editors_move(ana, ben, article):
    storm, damage, next_steps = article.sections.all()
    anas_page, bens_page = open_arrange(ana, article), open_arrange(ben, article)
    ana.post(arrange_url(article), {"move": f"section:{next_steps.pk}:up", **anas_page})

    refused = ben.post(
        arrange_url(article), {"order": f"sections:{article.pk}:{damage.pk},{storm.pk},{next_steps.pk}", **bens_page}
    )

    assert refused.status_code == 409
    assert headings(article) == ["The storm", "What comes next", "The damage"]


def test_moving_a_block_another_editor_deleted_is_refused_with_the_message_not_a_404(ana, ben, article):
    figure = Block.objects.get(figure__isnull=False)
    anas_page, bens_page = open_arrange(ana, article), open_arrange(ben, article)
    delete = reverse("admin:articles_article_arrange_delete", args=[article.pk, "block", figure.pk])
    assert ana.post(delete, anas_page).status_code == 302

    refused = ben.post(arrange_url(article), {"move": f"block:{figure.pk}:up", **bens_page})

    assert refused.status_code == 409
    assert SAVED_FIRST in refused.content.decode()


def test_a_delete_confirmed_from_a_stale_page_deletes_nothing(ana, ben, article):
    storm, damage, _next = article.sections.all()
    delete = reverse("admin:articles_article_arrange_delete", args=[article.pk, "section", damage.pk])
    bens_page = open_arrange(ben, article)
    assert ben.get(delete, bens_page).status_code == 200
    ana.post(arrange_url(article), {"move": f"section:{storm.pk}:down", **open_arrange(ana, article)})

    refused = ben.post(delete, bens_page)

    assert refused.status_code == 409
    assert SAVED_FIRST in refused.content.decode()
    assert headings(article) == ["The damage", "The storm", "What comes next"]


def test_the_delete_link_of_a_row_deleted_since_answers_with_the_message_not_a_404(ana, ben, article):
    figure = Block.objects.get(figure__isnull=False)
    bens_link = reverse("admin:articles_article_arrange_delete", args=[article.pk, "block", figure.pk])
    bens_page = open_arrange(ben, article)
    ana.post(bens_link, open_arrange(ana, article))

    refused = ben.get(bens_link, bens_page)

    assert refused.status_code == 409
    assert SAVED_FIRST in refused.content.decode()


def test_a_move_without_the_version_it_was_made_from_is_refused(ana, article):
    storm = article.sections.get(heading="The storm")

    refused = ana.post(arrange_url(article), {"move": f"section:{storm.pk}:down"})

    assert refused.status_code == 409
    assert headings(article) == ["The storm", "The damage", "What comes next"]


def test_moves_from_the_page_as_it_comes_back_after_a_move_go_ahead(ana, article):
    storm = article.sections.get(heading="The storm")
    ana.post(arrange_url(article), {"move": f"section:{storm.pk}:down", **open_arrange(ana, article)})

    response = ana.post(arrange_url(article), {"move": f"section:{storm.pk}:down", **open_arrange(ana, article)})

    assert response.status_code == 302
    assert headings(article) == ["The damage", "What comes next", "The storm"]
