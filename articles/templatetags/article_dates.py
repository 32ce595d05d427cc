"""The dateline's "updated" time: shown only when an article changed well after it was published."""

from datetime import timedelta

from django import template

register = template.Library()

# Fixing a typo minutes after publishing is not news; changing the article later is.
UPDATE_SHOWN_AFTER = timedelta(minutes=30)


@register.filter
def meaningful_update(article):
    """The article's `updated_at` when it is more than UPDATE_SHOWN_AFTER past `published_at`, else None."""
    if article.published_at and article.updated_at and article.updated_at - article.published_at > UPDATE_SHOWN_AFTER:
        return article.updated_at
    return None
