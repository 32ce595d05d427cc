"""Review in the admin: contributors submit, editors find submissions on the index and send them
back with a comment or publish them; contributors never publish; every step is in the history."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from articles import review
from articles.models import Article
from articles.tests.factories import DraftArticleFactory, ParagraphFactory, SectionFactory
from articles.tests.history_helpers import (
    change_url,
    edit,
    make_member,
    open_change_form,
    revisions_of,
    save_change_form,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_interface")]

INDEX, CHANGELIST = reverse("admin:index"), reverse("admin:articles_article_changelist")


@pytest.fixture
def contributor(django_user_model):
    return make_member(django_user_model, "Contributors", "carla")


@pytest.fixture
def editor(django_user_model):
    return make_member(django_user_model, "Editors", "elena")


@pytest.fixture
def as_contributor(client, contributor):
    client.force_login(contributor)
    return client


@pytest.fixture
def draft():
    article = DraftArticleFactory(headline="Floods in the valley")
    section = SectionFactory(article=article, position=1, heading="The storm")
    ParagraphFactory(section=section, position=1, text="Rain fell for three days.")
    return article


def as_user(client, user):
    client.force_login(user)
    return client


def submit(client, article, changes=None):
    return save_change_form(
        client, article, open_change_form(client, article), {"_submit_for_review": "1", **(changes or {})}
    )


def send_back(client, article, comment):
    return save_change_form(
        client, article, open_change_form(client, article), {"_send_back": "1", "review_comment": comment}
    )


def publish_from_the_form(client, article):
    """An editor publishes from the article's page: its Publish button."""
    return edit(client, article, {"_publish": "Publish"})


def comments(article):
    from articles.admin.change_messages import comment_text

    return [comment_text(revision.comment) for revision in revisions_of(article)]


def test_a_contributor_is_offered_submit_for_review_and_no_publishing(as_contributor, draft):
    page = as_contributor.get(change_url(draft)).content.decode()

    assert 'name="_submit_for_review"' in page
    assert 'name="status"' not in page and 'name="_publish"' not in page


def test_an_editor_is_not_offered_submit_for_review(client, editor, draft):
    page = as_user(client, editor).get(change_url(draft)).content.decode()

    assert 'name="_submit_for_review"' not in page and 'name="_publish"' in page


def test_submit_for_review_saves_the_form_and_submits(as_contributor, contributor, draft):
    response = submit(as_contributor, draft, {"headline": "Floods in the valley, checked"})

    assert response.status_code == 302 and response.url == change_url(draft)
    draft.refresh_from_db()
    submission = review.review_of(draft)
    assert draft.headline == "Floods in the valley, checked" and draft.status == Article.Status.DRAFT
    assert (submission.state, submission.submitted_by) == ("submitted", contributor)
    page = as_contributor.get(change_url(draft)).content.decode()
    assert "was submitted for review" in page and "Submitted for review by carla" in page


def test_a_refused_save_submits_nothing(as_contributor, draft):
    data = open_change_form(as_contributor, draft)
    edit(as_contributor, draft, {"standfirst": "Someone else saved first."})

    response = save_change_form(as_contributor, draft, data, {"_submit_for_review": "1", "headline": "Mine"})

    assert response.status_code == 200 and review.review_of(draft) is None


def test_a_contributor_submits_a_new_article_from_the_add_page(as_contributor):
    page = as_contributor.get(reverse("admin:articles_article_add")).content.decode()
    data = {
        "headline": "New story",
        "slug": "new-story",
        "language": "en",
        "_submit_for_review": "1",
        "sections-TOTAL_FORMS": "0",
        "sections-INITIAL_FORMS": "0",
        "lead_figure-TOTAL_FORMS": "0",
        "lead_figure-INITIAL_FORMS": "0",
    }

    response = as_contributor.post(reverse("admin:articles_article_add"), data)

    assert 'name="_submit_for_review"' in page
    article = Article.objects.get(slug="new-story")
    assert response.status_code == 302 and review.is_waiting(article)


def test_the_editors_index_lists_what_waits_for_review(client, as_contributor, editor, draft):
    submit(as_contributor, draft)

    page = as_user(client, editor).get(INDEX).content.decode()

    assert "Waiting for review" in page
    queue = page[page.index('id="review-queue"') : page.index("</table>", page.index('id="review-queue"'))]
    assert "Floods in the valley" in queue and "carla" in queue and change_url(draft) in queue


def test_an_empty_queue_says_so_and_contributors_see_no_queue(client, contributor, editor):
    assert "Nothing is waiting for review." in as_user(client, editor).get(INDEX).content.decode()
    assert "Waiting for review" not in as_user(client, contributor).get(INDEX).content.decode()


def test_the_article_list_filters_by_review_state(client, as_contributor, editor, draft):
    submit(as_contributor, draft)
    DraftArticleFactory(headline="Not submitted")

    listed = as_user(client, editor).get(CHANGELIST, {"review": "submitted"}).context["cl"].result_list

    assert list(listed) == [draft]


def test_an_editor_sees_who_submitted_and_may_send_back(client, as_contributor, editor, draft):
    submit(as_contributor, draft)

    page = as_user(client, editor).get(change_url(draft)).content.decode()

    assert "Submitted for review by carla" in page
    assert 'name="review_comment"' in page and 'name="_send_back"' in page


def test_sending_back_without_a_comment_shows_the_error_at_the_field(client, as_contributor, editor, draft):
    submit(as_contributor, draft)

    response = send_back(as_user(client, editor), draft, "   ")

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["review_comment"] == [str(review.COMMENT_REQUIRED)]
    page = response.content.decode()
    field_row = page[page.index('id="review-actions"') :]
    assert str(review.COMMENT_REQUIRED) in field_row[: field_row.index('name="review_comment"')]
    assert review.is_waiting(draft)


def test_the_contributor_reads_the_comment_until_submitting_again(client, contributor, editor, draft):
    submit(as_user(client, contributor), draft)
    response = send_back(as_user(client, editor), draft, "Name the source of the rainfall figure.")
    assert response.status_code == 302

    as_user(client, contributor)
    page = client.get(change_url(draft)).content.decode()
    index = client.get(INDEX).content.decode()
    submit(client, draft)
    after = client.get(change_url(draft)).content.decode()

    assert "Sent back by elena" in page and "Name the source of the rainfall figure." in page
    assert "Sent back to you" in index and "Name the source of the rainfall figure." in index
    assert "Name the source of the rainfall figure." not in after and review.is_waiting(draft)


def test_a_contributor_cannot_send_back(as_contributor, draft):
    submit(as_contributor, draft)

    send_back(as_contributor, draft, "Looks good to me")

    assert review.is_waiting(draft)


def test_an_editor_publishing_from_the_form_ends_the_review(client, as_contributor, editor, draft):
    submit(as_contributor, draft)

    publish_from_the_form(as_user(client, editor), draft)

    assert review.review_of(draft) is None
    assert Article.objects.get(pk=draft.pk).status == Article.Status.PUBLISHED
    assert "Nothing is waiting for review." in client.get(INDEX).content.decode()


def test_an_editors_save_that_does_not_publish_keeps_the_article_waiting(client, as_contributor, editor, draft):
    submit(as_contributor, draft)

    edit(as_user(client, editor), draft, {"headline": "Floods in the valley, edited"})

    assert review.is_waiting(draft) and Article.objects.get(pk=draft.pk).status == Article.Status.DRAFT


def test_an_editor_publishing_from_the_list_ends_the_review(client, as_contributor, editor, draft):
    submit(as_contributor, draft)

    as_user(client, editor).post(CHANGELIST, {"action": "publish_now", "_selected_action": [draft.pk]})

    assert review.review_of(draft) is None and Article.objects.get(pk=draft.pk).status == Article.Status.PUBLISHED


@pytest.mark.parametrize(
    "crafted",
    [
        {"status": "published", "published_at_0": "2026-01-01", "published_at_1": "10:00:00"},
        {"_publish": "1"},
        {"_publish": "1", "status": "published", "_submit_for_review": "1"},
    ],
)
def test_a_contributors_crafted_publish_from_the_form_is_refused(as_contributor, draft, crafted):
    save_change_form(as_contributor, draft, open_change_form(as_contributor, draft), crafted)

    draft.refresh_from_db()
    assert (draft.status, draft.published_at) == (Article.Status.DRAFT, None)


def test_a_contributors_crafted_publish_action_is_refused(as_contributor, draft):
    submit(as_contributor, draft)

    as_contributor.post(CHANGELIST, {"action": "publish_now", "_selected_action": [draft.pk]})

    assert Article.objects.get(pk=draft.pk).status == Article.Status.DRAFT and review.is_waiting(draft)


def test_a_contributor_granted_change_but_not_publish_still_cannot_publish(client, django_user_model, draft):
    user = django_user_model.objects.create_user(username="intern", password="a-long-password", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__in=["change_article", "view_article"]))
    as_user(client, user)

    save_change_form(client, draft, open_change_form(client, draft), {"status": "published", "_publish": "1"})

    assert Article.objects.get(pk=draft.pk).status == Article.Status.DRAFT


def test_every_step_is_in_the_history(client, contributor, editor, draft):
    submit(as_user(client, contributor), draft, {"headline": "Floods, first try"})
    send_back(as_user(client, editor), draft, "Add who measured the rain.")
    submit(as_user(client, contributor), draft)
    publish_from_the_form(as_user(client, editor), draft)

    history = comments(draft)

    assert history[0].endswith("Published: the review is over.")
    assert history[1:4] == [
        "Submitted for review.",
        "Sent back with a comment: “Add who measured the rain.”",
        "Changed headline. Submitted for review.",
    ]
    page = client.get(reverse("admin:articles_article_history", args=[draft.pk])).content.decode()
    assert "Sent back with a comment: “Add who measured the rain.”" in page


def test_history_entries_of_review_follow_the_readers_language(client, contributor, editor, draft):
    submit(as_user(client, contributor), draft)
    send_back(as_user(client, editor), draft, "Más fuentes.")

    page = client.get(reverse("admin:articles_article_history", args=[draft.pk]), HTTP_ACCEPT_LANGUAGE="es")

    text = page.content.decode()
    assert "Enviado a revisión." in text and "Devuelto con un comentario: “Más fuentes.”" in text


def test_staff_who_may_only_view_articles_are_not_offered_submit_for_review(client, django_user_model, draft):
    user = django_user_model.objects.create_user(username="reader", password="a-long-password", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename="view_article"))

    page = as_user(client, user).get(change_url(draft)).content.decode()

    assert "Floods in the valley" in page and 'name="_submit_for_review"' not in page
