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
    # The article's address and last change as made public, for sitemaps (a column to sort and
    # aggregate; the summary below has them too).
    slug = models.SlugField(_("slug"), max_length=200, blank=True, default="")
    updated_at = models.DateTimeField(_("updated"), null=True, blank=True)
    # The sources cited, most used first: what related reading is chosen by.
    source_ids = models.JSONField(default=list)
    # {language: {"head": …, "start": …, "end": …}}
    pages = models.JSONField(default=dict)
    # What lists, feeds, sitemaps, search results and related reading show of the article
    # (articles/public_summaries.py): its headline, standfirst, byline, address, times, reading
    # time, lead picture and topics, as they were made public.
    summary = models.JSONField(default=dict)
    # Every passage that cites a source, in reading order, as a source's page lists it
    # (articles/public_citations.py).
    citations = models.JSONField(default=list)
    code = models.CharField(max_length=32, blank=True, default="")
    rendered_at = models.DateTimeField(_("rendered"), auto_now=True)

    # Writing one moves the content version: a page cached from the one before must not be served.
    objects = ContentQuerySet.as_manager()

    class Meta:
        verbose_name = _("public version")
        verbose_name_plural = _("public versions")
        # The sitemap index's last change: read from the newest, not aggregated over every article.
        indexes = [models.Index(fields=["updated_at"], name="public_version_updated")]

    def __str__(self):
        return self.headline

    def page(self, language, code):
        """The stored parts of the page in `language` rendered by the code `code` (any code when
        None), or None."""
        if code is not None and self.code != code:
            return None
        return self.pages.get(language)


class PublicTopic(models.Model):
    """A topic an article had when it was made public: what topic pages, their feeds and sitemaps,
    and related reading list it under, whatever its topics are being changed to meanwhile.
    Written with its `PublicVersion` (articles/public_summaries.py), never edited."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="public_topics")
    tag = models.ForeignKey("taggit.Tag", on_delete=models.CASCADE, related_name="public_articles")
    # The article's last change as made public: a topic's last change in the sitemap.
    updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("public topic of an article")
        verbose_name_plural = _("public topics of articles")
        # Topic first: a topic's page and related reading look its newest articles up by topic,
        # and the sitemap its last change.
        constraints = [models.UniqueConstraint(fields=["tag", "article"], name="public_topic_unique")]
        indexes = [models.Index(fields=["tag", "updated_at"], name="public_topic_updated")]

    def __str__(self):
        return f"{self.article_id} → {self.tag_id}"
