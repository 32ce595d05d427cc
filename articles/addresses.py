"""The addresses of published articles. When the slug of a published (or scheduled) article
changes, its old address keeps leading readers to it with a permanent redirect, and no other
article may take that address. A draft's slug was never public and leaves nothing behind.

The reader's page looks for a published article with the slug first: should a live article
ever hold another's old address (one restored from a revision, say), the live article wins.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .content_queryset import ContentQuerySet


class ArticleSlugRedirectQuerySet(ContentQuerySet):
    def record_change(self, article, old_slug, was_published):
        """`article` has moved from `old_slug` to its present slug; `was_published`: it was
        published (or scheduled) under the old one."""
        # Taking back one of its own old addresses makes it the address again.
        self.filter(old_slug=article.slug, article=article).delete()
        if was_published and old_slug != article.slug:
            self.update_or_create(old_slug=old_slug, defaults={"article": article})

    def held_by_another(self, slug, article_pk=None):
        """The old address `slug`, if it leads to an article other than `article_pk`."""
        others = self.filter(old_slug=slug)
        return others.exclude(article_id=article_pk) if article_pk is not None else others


class ArticleSlugRedirect(models.Model):
    old_slug = models.SlugField(_("old slug"), max_length=200, unique=True)
    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="old_slugs", verbose_name=_("article")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ArticleSlugRedirectQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("old address of an article")
        verbose_name_plural = _("old addresses of articles")

    def __str__(self):
        return self.old_slug


def old_address_error(slug, article_pk=None):
    """The error for an article (`article_pk`, or a new one) given another article's old slug, or None."""
    held = ArticleSlugRedirect.objects.held_by_another(slug, article_pk).select_related("article").first()
    if held is None:
        return None
    return ValidationError(
        _("“%(slug)s” used to be the address of “%(article)s” and still leads readers there. Choose another slug."),
        code="old_address",
        params={"slug": slug, "article": held.article},
    )
