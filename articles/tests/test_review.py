"""The rules of review (articles/review.py): submitting, sending back, and publishing ending it."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from articles import publishing, review
from articles.models import ArticleReview
from articles.tests.factories import ArticleFactory, DraftArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(django_user_model):
    return (
        django_user_model.objects.create_user(username="carla", password="a-long-password"),
        django_user_model.objects.create_user(username="elena", password="a-long-password"),
    )


def test_an_article_is_not_in_review_until_submitted():
    article = DraftArticleFactory()

    assert (review.review_of(article), review.is_waiting(article)) == (None, False)


def test_submitting_puts_the_article_in_the_queue_with_who_and_when(people):
    contributor, _editor = people
    article = DraftArticleFactory(headline="Floods")
    when = timezone.now() - timedelta(hours=1)

    review.submit_for_review(article, contributor, when=when)

    submission = review.review_of(article)
    assert (submission.state, submission.submitted_by, submission.submitted_at) == (
        ArticleReview.State.SUBMITTED,
        contributor,
        when,
    )
    assert review.is_waiting(article)
    assert [item.article for item in review.waiting_for_review()] == [article]


def test_the_queue_lists_the_longest_waiting_first(people):
    contributor, _editor = people
    later, earlier = DraftArticleFactory(), DraftArticleFactory()
    review.submit_for_review(later, contributor, when=timezone.now())
    review.submit_for_review(earlier, contributor, when=timezone.now() - timedelta(days=1))

    assert [item.article for item in review.waiting_for_review()] == [earlier, later]


def test_sending_back_keeps_the_comment_and_leaves_the_queue(people):
    contributor, editor = people
    article = DraftArticleFactory()
    review.submit_for_review(article, contributor)

    review.send_back(article, editor, "  Name the source of the second quote.  ")

    sent = review.review_of(article)
    assert (sent.state, sent.sent_back_by, sent.comment) == (
        ArticleReview.State.SENT_BACK,
        editor,
        "Name the source of the second quote.",
    )
    assert not review.is_waiting(article) and list(review.waiting_for_review()) == []
    assert [item.article for item in review.sent_back_to(contributor)] == [article]
    assert list(review.sent_back_to(editor)) == []


@pytest.mark.parametrize("comment", ["", "   ", "\n\t", None])
def test_sending_back_without_a_comment_is_refused_and_changes_nothing(people, comment):
    contributor, editor = people
    article = DraftArticleFactory()
    review.submit_for_review(article, contributor)

    with pytest.raises(ValidationError) as refusal:
        review.send_back(article, editor, comment)

    assert refusal.value.code == "comment_required"
    assert review.is_waiting(article)


def test_an_article_not_waiting_for_review_cannot_be_sent_back(people):
    contributor, editor = people
    article = DraftArticleFactory()

    with pytest.raises(review.CannotSendBack):
        review.send_back(article, editor, "Too late")
    review.submit_for_review(article, contributor)
    review.send_back(article, editor, "First comment")
    with pytest.raises(review.CannotSendBack):
        review.send_back(article, editor, "Second comment")

    assert review.review_of(article).comment == "First comment"


def test_submitting_again_answers_the_comment(people):
    contributor, editor = people
    article = DraftArticleFactory()
    review.submit_for_review(article, contributor)
    review.send_back(article, editor, "Shorten the headline.")

    review.submit_for_review(article, contributor)

    again = review.review_of(article)
    assert (again.state, again.comment, again.sent_back_by, again.sent_back_at) == (
        ArticleReview.State.SUBMITTED,
        "",
        None,
        None,
    )


def test_publishing_ends_the_review(people):
    contributor, _editor = people
    article = DraftArticleFactory()
    review.submit_for_review(article, contributor)

    publishing.publish(article)

    assert review.review_of(article) is None and list(review.waiting_for_review()) == []


def test_scheduling_ends_the_review(people):
    contributor, editor = people
    article = DraftArticleFactory()
    review.submit_for_review(article, contributor)
    review.send_back(article, editor, "Check the figures.")

    publishing.schedule(article, timezone.now() + timedelta(days=1))

    assert review.review_of(article) is None


def test_clearing_says_whether_the_article_was_in_review(people):
    contributor, _editor = people
    article = ArticleFactory()

    assert review.clear_review(article) is False
    review.submit_for_review(article, contributor)
    assert review.clear_review(article) is True


def test_deleting_the_article_deletes_its_review(people):
    contributor, _editor = people
    article = DraftArticleFactory()
    review.submit_for_review(article, contributor)

    article.delete()

    assert not ArticleReview.objects.exists()


def test_history_entries_are_stored_untranslated_and_read_in_the_current_language():
    entry = review.history_entry(review.SENT_BACK, "Más fuentes")

    assert entry == {"review": {"step": "sent_back", "comment": "Más fuentes"}}
    with translation.override("en"):
        assert review.history_text(entry["review"]) == "Sent back with a comment: “Más fuentes”"
        assert review.history_text(review.history_entry(review.SUBMITTED)["review"]) == "Submitted for review."
    with translation.override("es"):
        assert review.history_text(review.history_entry(review.SUBMITTED)["review"]) == "Enviado a revisión."
