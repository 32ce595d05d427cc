"""What readers are served of an article, stored when it is made public (articles/publishing.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..content_queryset import ContentQuerySet
from .articles import Article


class PublicVersion(models.Model):
    """The article's page as readers get it, rendered once when it is made public rather than at
    every request: for each interface language (the labels differ), the page's head (its
    metadata), and its body before and after the related reading, which changes with other
    articles and is rendered per request. Absolute addresses in them start with
    `articles.public_pages.ORIGIN`, replaced by the request's own scheme and host when served.

    Written by `articles.public_pages.render_public_version`, never edited; `code` is the
    fingerprint of the templates and code it was rendered with (articles/pagecache.py): a
    version rendered by other code is not served (the page is rendered from the article's rows).
    """

    article = models.OneToOneField(Article, on_delete=models.CASCADE, primary_key=True, related_name="public_version")
    headline = models.CharField(_("headline"), max_length=300, blank=True, default="")
    language = models.CharField(_("language"), max_length=12, blank=True, default="")
    # The sources cited, most used first: what related reading is chosen by.
    source_ids = models.JSONField(default=list)
    # {language: {"head": …, "start": …, "end": …}}
    pages = models.JSONField(default=dict)
    code = models.CharField(max_length=32, blank=True, default="")
    rendered_at = models.DateTimeField(_("rendered"), auto_now=True)

    # Writing one moves the content version: a page cached from the one before must not be served.
    objects = ContentQuerySet.as_manager()

    class Meta:
        verbose_name = _("public version")
        verbose_name_plural = _("public versions")

    def __str__(self):
        return self.headline

    def page(self, language, code):
        """The stored parts of the page in `language` rendered by the code `code` (any code when
        None), or None."""
        if code is not None and self.code != code:
            return None
        return self.pages.get(language)
