"""Where an article stands in review: submitted by a contributor and waiting for an editor, or
sent back with the editor's comment (articles/review.py holds the rules).

Kept beside the article rather than on it: review is the newsroom's bookkeeping, not what the
article says, so it is in no revision (restoring an old text does not resubmit it), moves no
content version and makes nothing public again."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .articles import Article


class ArticleReview(models.Model):
    """One per article in review; an article without one is not in review."""

    class State(models.TextChoices):
        SUBMITTED = "submitted", _("waiting for review")
        SENT_BACK = "sent_back", _("sent back")

    article = models.OneToOneField(
        Article, on_delete=models.CASCADE, related_name="review", verbose_name=_("article"), primary_key=True
    )
    state = models.CharField(_("review state"), max_length=20, choices=State.choices)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    sent_back_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent back by"),
    )
    sent_back_at = models.DateTimeField(_("sent back"), null=True, blank=True)
    comment = models.TextField(_("review comment"), blank=True, default="")

    class Meta:
        verbose_name = _("article review")
        verbose_name_plural = _("article reviews")
        indexes = [models.Index(fields=["state", "submitted_at"], name="article_review_queue")]

    def __str__(self):
        return f"{self.article}: {self.get_state_display()}"
