"""What readers' lists show of an article, as it was made public.

The front page and its pages, topic pages, a source's page, search results, feeds, sitemaps and
related reading show an article's public version, never the rows editors are working on: its
`PublicVersion` stores a summary (headline, standfirst, byline, address, times, reading time,
lead picture and topics), and its topics are `PublicTopic` rows, both written when the article is
made public (`publishing.refresh_public_data`). A list reads them as `PublicSummary` objects,
which its templates show as they showed articles.

An article never made public since its rows were written (generated in bulk, say) has no
summary yet: its rows are read instead, as its page is rendered from them, in two queries for a
whole list (`public_summaries`).
"""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Coalesce, NullIf
from django.urls import reverse
from taggit.models import TaggedItem

from .models import Article, LeadFigure, PublicTopic

# Written into every summary: a summary of another format is read as missing (the rows are read).
SUMMARY_FORMAT = 1


@dataclass(frozen=True)
class Topic:
    pk: int
    name: str
    slug: str


@dataclass(frozen=True)
class LeadPicture:
    """The lead figure as a card shows it: the picture (its stored name) or else its caption."""

    image: str
    image_width: int | None
    image_height: int | None
    alt_text: str
    caption: str
    credit: str

    @property
    def image_url(self):
        return LeadFigure._meta.get_field("image").storage.url(self.image) if self.image else ""


@dataclass(frozen=True)
class PublicSummary:
    """An article as lists show it; `pk` is the article's."""

    pk: int
    headline: str
    standfirst: str
    byline: str
    slug: str
    language: str
    published_at: datetime | None
    updated_at: datetime | None
    word_count: int
    lead_figure: LeadPicture | None
    topics: tuple

    def get_absolute_url(self):
        return reverse("articles:article_detail", kwargs={"slug": self.slug})

    @property
    def topic_ids(self):
        return [topic.pk for topic in self.topics]


def summary_data(article, word_count):
    """The summary of `article` (with its lead figure and topics loaded) to store, as JSON."""
    lead = article.lead_figure_or_none
    return {
        "format": SUMMARY_FORMAT,
        "headline": article.headline,
        "standfirst": article.standfirst,
        "byline": article.byline,
        "slug": article.slug,
        "language": article.language,
        "published_at": article.published_at.isoformat() if article.published_at else None,
        "updated_at": article.updated_at.isoformat() if article.updated_at else None,
        "word_count": word_count,
        "lead_figure": lead
        and {
            "image": lead.image.name or "",
            "image_width": lead.image_width,
            "image_height": lead.image_height,
            "alt_text": lead.alt_text,
            "caption": lead.caption,
            "credit": lead.credit,
        },
        "topics": [{"pk": tag.pk, "name": tag.name, "slug": tag.slug} for tag in article.tags.all()],
    }


def summary_from_data(pk, data):
    def moment(value):
        return datetime.fromisoformat(value) if value else None

    lead = data["lead_figure"]
    return PublicSummary(
        pk=pk,
        headline=data["headline"],
        standfirst=data["standfirst"],
        byline=data["byline"],
        slug=data["slug"],
        language=data["language"],
        published_at=moment(data["published_at"]),
        updated_at=moment(data["updated_at"]),
        word_count=data["word_count"],
        lead_figure=LeadPicture(**lead) if lead else None,
        topics=tuple(Topic(**topic) for topic in data["topics"]),
    )


def stored_summary(article):
    """The summary stored with `article`'s public version (loaded with it), or None."""
    public = getattr(article, "public_version", None)
    if public is None or public.summary.get("format") != SUMMARY_FORMAT:
        return None
    return summary_from_data(article.pk, public.summary)


def with_summaries(articles, citations=False):
    """`articles` (a queryset) loaded with their public version's summary, in the same query;
    not its stored pages, nor its citations unless `citations`."""
    deferred = ["public_version__pages"] if citations else ["public_version__pages", "public_version__citations"]
    return articles.select_related("public_version").defer(*deferred)


def public_summaries(articles):
    """A `PublicSummary` for each of `articles` (loaded `with_summaries`), in their order. Those
    without a stored summary are read from their rows, all in two queries."""
    summaries = {article.pk: stored_summary(article) for article in articles}
    missing = [pk for pk, summary in summaries.items() if summary is None]
    if missing:
        for article in Article.objects.filter(pk__in=missing).select_related("lead_figure").prefetch_related("tags"):
            summaries[article.pk] = summary_from_data(article.pk, summary_data(article, article.word_count))
    return [summaries[article.pk] for article in articles if summaries.get(article.pk)]


def with_public_fields(articles):
    """`articles` with the address, last change, headline and language made public annotated
    (`public_slug`, `public_updated_at`, `public_headline`, `public_language`): the rows' until
    the article has a public version. For sitemaps, which list hundreds at a time."""

    def public(field):
        return Coalesce(NullIf(F(f"public_version__{field}"), Value("")), F(field))

    return articles.annotate(
        public_slug=public("slug"),
        public_updated_at=Coalesce(F("public_version__updated_at"), F("updated_at")),
        public_headline=public("headline"),
        public_language=public("language"),
    )


def public_topic_ids(article):
    """The ids of the topics `article` (loaded with its public version) was made public with; its
    present ones while it has none."""
    summary = stored_summary(article)
    if summary is None:
        return [tag.pk for tag in article.tags.all()]
    return summary.topic_ids


def public_topics_of(articles):
    """The `PublicTopic` rows of `articles` (ids or a queryset)."""
    return PublicTopic.objects.filter(article__in=articles)


def refresh_public_topics(article_ids):
    """Make the topics of the articles in `article_ids` what topic pages list them under."""
    article_ids = set(article_ids)
    if not article_ids:
        return
    items = TaggedItem.objects.filter(
        content_type=ContentType.objects.get_for_model(Article), object_id__in=article_ids
    ).values_list("object_id", "tag_id")
    updated = dict(Article.objects.filter(pk__in=article_ids).values_list("pk", "updated_at"))
    with transaction.atomic():
        public_topics_of(article_ids).delete()
        PublicTopic.objects.bulk_create(
            PublicTopic(article_id=article, tag_id=tag, updated_at=updated[article])
            for article, tag in items
            if article in updated
        )
