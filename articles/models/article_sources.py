"""Which sources each article cites, and how often: stored so that a source's page and the list
of sources read them instead of walking every article. articles/counts.py keeps them current."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ArticleSource(models.Model):
    """A source an article cites, with how many of its statements and photos cite it, counted as
    the article page's sources panel counts them (articles/reading.py)."""

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="source_uses")
    source = models.ForeignKey("articles.Source", on_delete=models.CASCADE, related_name="article_uses")
    statements = models.PositiveIntegerField(default=0)
    photos = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("source of an article")
        verbose_name_plural = _("sources of articles")
        # Source first: a source's page and the list of sources look rows up by source.
        constraints = [models.UniqueConstraint(fields=["source", "article"], name="article_source_unique")]

    def __str__(self):
        return f"{self.article} → {self.source}"
