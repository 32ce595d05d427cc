"""RSS and Atom feeds of the latest published articles: all of them, on one topic, citing one source.

Each item is the article as made public (articles/public_summaries.py), never the rows editors
are working on.

Everything a feed writes passes through `articles.text.strip_control_characters`, so a control
character already in the database cannot make Django's XML writer refuse the whole feed.
"""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext, gettext_noop
from taggit.models import Tag

from .metadata import site_name
from .models import Article, Source
from .public_summaries import public_summaries, with_summaries
from .text import strip_control_characters_in

ITEMS_PER_FEED = 20


def latest_title():
    """The title of the feed of the latest articles."""
    return site_name()


def topic_title(tag):
    """The title of the feed of the latest articles on `tag`."""
    return gettext("%(site)s · Topic: %(name)s") % {"site": site_name(), "name": tag.name}


def source_title(source):
    """The title of the feed of the latest articles citing `source`."""
    return gettext("%(site)s · Source: %(name)s") % {"site": site_name(), "name": source.name}


class TextOnlyFeedMixin:
    """A feed writer that drops control characters from every text of the feed and its items."""

    def __init__(self, *args, **kwargs):
        super().__init__(*strip_control_characters_in(args), **strip_control_characters_in(kwargs))

    def add_item(self, *args, **kwargs):
        super().add_item(*strip_control_characters_in(args), **strip_control_characters_in(kwargs))


class TextOnlyRssFeed(TextOnlyFeedMixin, Rss201rev2Feed):
    pass


class TextOnlyAtomFeed(TextOnlyFeedMixin, Atom1Feed):
    pass


class LatestArticlesFeed(Feed):
    feed_type = TextOnlyRssFeed

    def title(self, obj):
        return latest_title()

    def description(self, obj):
        return gettext("The latest articles.")

    def link(self, obj):
        return reverse("articles:article_list")

    def author_name(self, obj):
        return site_name()

    def articles(self, obj):
        return Article.objects.published()

    def items(self, obj):
        return public_summaries(with_summaries(self.articles(obj))[:ITEMS_PER_FEED])

    def item_title(self, article):
        return article.headline

    def item_description(self, article):
        # RSS <description> and Atom <summary type="html"> are HTML to a feed reader; the
        # standfirst is plain text, and "<svg onload=…>" in it must be read, not run.
        return escape(article.standfirst)

    def item_pubdate(self, article):
        return article.published_at

    def item_updateddate(self, article):
        return article.updated_at

    def item_author_name(self, article):
        return article.byline or None

    def item_categories(self, article):
        return [topic.name for topic in article.topics]


class SubjectArticlesFeed(LatestArticlesFeed):
    """The latest articles about one topic or source, found by the slug in the URL."""

    model = page_name = description_text = None

    def get_object(self, request, slug):
        return self.model.objects.get(slug=slug)

    def description(self, subject):
        return gettext(self.description_text) % {"name": subject.name}

    def link(self, subject):
        return reverse(self.page_name, kwargs={"slug": subject.slug})


class TagArticlesFeed(SubjectArticlesFeed):
    model = Tag
    page_name = "articles:tag_detail"
    description_text = gettext_noop("The latest articles on %(name)s.")

    def title(self, tag):
        return topic_title(tag)

    def articles(self, tag):
        return super().articles(tag).filter(public_topics__tag=tag)


class SourceArticlesFeed(SubjectArticlesFeed):
    model = Source
    page_name = "articles:source_detail"
    description_text = gettext_noop("The latest articles citing %(name)s.")

    def title(self, source):
        return source_title(source)

    def articles(self, source):
        return super().articles(source).citing(source)


class AtomFeed:
    feed_type = TextOnlyAtomFeed

    def subtitle(self, obj):
        return self.description(obj)


class LatestArticlesAtomFeed(AtomFeed, LatestArticlesFeed):
    pass


class TagArticlesAtomFeed(AtomFeed, TagArticlesFeed):
    pass


class SourceArticlesAtomFeed(AtomFeed, SourceArticlesFeed):
    pass
