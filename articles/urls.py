from django.contrib.sitemaps.views import index, sitemap
from django.urls import path
from django.views.generic import TemplateView

from . import feeds, preview, views
from .sitemaps import NEWS_SITEMAPS, SITEMAPS, section_sitemap
from .views import cached_reader_page, reader_page

app_name = "articles"

urlpatterns = [
    path("", views.article_list, name="article_list"),
    path("articles/<slug:slug>/", views.article_detail, name="article_detail"),
    path("sources/", views.source_list, name="source_list"),
    path("sources/<slug:slug>/", views.source_detail, name="source_detail"),
    path("tags/<slug:slug>/", views.tag_detail, name="tag_detail"),
    path("search/", views.search, name="search"),
    path("feeds/latest.rss", cached_reader_page(feeds.LatestArticlesFeed()), name="latest_feed_rss"),
    path("feeds/latest.atom", cached_reader_page(feeds.LatestArticlesAtomFeed()), name="latest_feed_atom"),
    path("tags/<slug:slug>/feed.rss", cached_reader_page(feeds.TagArticlesFeed()), name="tag_feed_rss"),
    path("tags/<slug:slug>/feed.atom", cached_reader_page(feeds.TagArticlesAtomFeed()), name="tag_feed_atom"),
    path("sources/<slug:slug>/feed.rss", cached_reader_page(feeds.SourceArticlesFeed()), name="source_feed_rss"),
    path("sources/<slug:slug>/feed.atom", cached_reader_page(feeds.SourceArticlesAtomFeed()), name="source_feed_atom"),
    path(
        "sitemap.xml",
        cached_reader_page(index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "articles:sitemap_section"},
        name="sitemap",
    ),
    # Not cached: an article leaves it two days after publication, whatever the content version.
    path(
        "sitemap-news.xml",
        reader_page(sitemap),
        {"sitemaps": NEWS_SITEMAPS, "template_name": "sitemaps/news.xml"},
        name="news_sitemap",
    ),
    # After the news sitemap, whose address this pattern would take.
    path(
        "sitemap-<section>.xml",
        cached_reader_page(section_sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path("preview/<str:token>/", preview.signed_preview, name="preview"),
    path(
        "robots.txt",
        reader_page(TemplateView.as_view(template_name="robots.txt", content_type="text/plain; charset=utf-8")),
        name="robots_txt",
    ),
]
