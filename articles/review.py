"""Review: contributors, who may not publish, submit an article; an editor publishes it (or
schedules it) or sends it back with a comment, which the contributor reads until they submit again.

Where an article stands is an `ArticleReview` row beside it (none: not in review). The admin
calls these functions and records each step in the article's history as an entry made with
`history_entry` (stored untranslated, shown in the reader's language by `history_text`).
Publishing ends a review whatever state it is in: `publishing.publish` calls `clear_review`.
"""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import ArticleReview

State = ArticleReview.State

SUBMITTED, SENT_BACK, PUBLISHED = "submitted", "sent_back", "published"

COMMENT_REQUIRED = _("Say what should change: the contributor reads this comment on the article.")
NOT_WAITING = _("This article is no longer waiting for review: someone published it or sent it back meanwhile.")


class CannotSendBack(ValidationError):
    """Why an article cannot be sent back, in one sentence."""


def review_of(article):
    """The article's review (who submitted it, when, the comment), or None when it is not in review."""
    if article is None or article.pk is None:
        return None
    return ArticleReview.objects.select_related("submitted_by", "sent_back_by").filter(article=article).first()


def is_waiting(article):
    """Whether `article` was submitted and no editor has published it or sent it back since."""
    return ArticleReview.objects.filter(article=article, state=State.SUBMITTED).exists()


def submit_for_review(article, user, when=None):
    """`user` submits `article` for an editor to publish; an earlier comment is answered by it."""
    review, _created = ArticleReview.objects.update_or_create(
        article=article,
        defaults={
            "state": State.SUBMITTED,
            "submitted_by": user,
            "submitted_at": when or timezone.now(),
            "sent_back_by": None,
            "sent_back_at": None,
            "comment": "",
        },
    )
    return review


def checked_comment(comment):
    """The comment an editor sends an article back with, trimmed; an empty one is refused."""
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError(COMMENT_REQUIRED, code="comment_required")
    return comment


def send_back(article, user, comment, when=None):
    """`user`, an editor, sends the submitted `article` back to its contributor with `comment`.

    Raises `ValidationError` for an empty comment and `CannotSendBack` when the article is not
    waiting for review (published or sent back by someone else since the editor opened it)."""
    comment = checked_comment(comment)
    sent = ArticleReview.objects.filter(article=article, state=State.SUBMITTED).update(
        state=State.SENT_BACK, sent_back_by=user, sent_back_at=when or timezone.now(), comment=comment
    )
    if not sent:
        raise CannotSendBack(NOT_WAITING, code="not_waiting")
    return review_of(article)


def clear_review(article):
    """End the article's review, as publishing or scheduling it does; returns whether it was in review."""
    deleted, _rows = ArticleReview.objects.filter(article=article).delete()
    return bool(deleted)


def waiting_for_review():
    """The editors' queue: the submitted articles, the longest waiting first."""
    return (
        ArticleReview.objects.filter(state=State.SUBMITTED)
        .select_related("article", "submitted_by")
        .order_by("submitted_at", "article_id")
    )


def sent_back_to(user):
    """The articles `user` submitted that an editor sent back, the latest first."""
    return (
        ArticleReview.objects.filter(state=State.SENT_BACK, submitted_by=user)
        .select_related("article", "sent_back_by")
        .order_by("-sent_back_at", "-article_id")
    )


def history_entry(step, comment=""):
    """A step of review as an entry of the article's history (a change message's list item)."""
    entry = {"step": step}
    if comment:
        entry["comment"] = comment
    return {"review": entry}


def history_text(entry):
    """A step recorded by `history_entry`, in the current language."""
    step = entry.get("step")
    if step == SUBMITTED:
        return gettext("Submitted for review.")
    if step == SENT_BACK:
        return gettext("Sent back with a comment: “%(comment)s”") % {"comment": entry.get("comment", "")}
    if step == PUBLISHED:
        return gettext("Published: the review is over.")
    return ""
