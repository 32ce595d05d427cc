"""The sitemap (front page, articles, topics, sources) and the Google News sitemap of the last two days."""

from datetime import timedelta

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from .models import Article, Source

NEWS_WINDOW = timedelta(days=2)


class FrontPageSitemap(Sitemap):
    def items(self):
        return ["articles:article_list"]

    def location(self, name):
        return reverse(name)


class ArticleSitemap(Sitemap):
    def items(self):
        return Article.objects.published()

    def lastmod(self, article):
        return article.updated_at


class TagSitemap(Sitemap):
    def items(self):
        tags = Tag.objects.filter(article__in=Article.objects.published())
        return tags.annotate(last_article_update=Max("article__updated_at")).order_by("name")

    def location(self, tag):
        return reverse("articles:tag_detail", kwargs={"slug": tag.slug})

    def lastmod(self, tag):
        return tag.last_article_update


class SourceSitemap(Sitemap):
    def items(self):
        return Source.objects.cited_by(Article.objects.published())


class NewsSitemap(ArticleSitemap):
    """Google News wants the articles of the last two days only, a thousand at most per page."""

    limit = 1000

    def items(self):
        return super().items().filter(published_at__gte=timezone.now() - NEWS_WINDOW)


SITEMAPS = {"home": FrontPageSitemap, "articles": ArticleSitemap, "topics": TagSitemap, "sources": SourceSitemap}
NEWS_SITEMAPS = {"news": NewsSitemap}
