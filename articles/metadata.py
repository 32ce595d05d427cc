"""What pages tell machines about themselves: the publication's name, dates as W3C datetimes,
and an article as a schema.org ``NewsArticle`` for JSON-LD.

`news_article` reads only what the article page has loaded (``ArticleQuerySet.with_body``):
it makes no query.
"""

from django.contrib.staticfiles.storage import staticfiles_storage
from django.urls import reverse
from django.utils.timezone import localtime
from django.utils.translation import gettext, to_locale

from .kinds import quotations
from .models import Source
from .rendering import safe_url

LOGO = "logo.png"
LOGO_SIZE = 512
# Google News takes ISO 639 codes, except for the two written forms of Chinese.
NEWS_LANGUAGE_EXCEPTIONS = {"zh-cn", "zh-tw"}


def site_name():
    """The publication's name, as the header of every page shows it."""
    return gettext("News reader")


def w3c_datetime(value):
    """ISO 8601 to the second with the time zone offset, e.g. ``2025-06-05T09:30:00+02:00``;
    "" for no time (a draft's preview has no publication time yet)."""
    return localtime(value).isoformat(timespec="seconds") if value else ""


def open_graph_locale(language):
    """``pt-BR`` → ``pt_BR``; a bare ``es`` stays ``es``."""
    return to_locale(language)


def news_language(language):
    """The article's language as Google News wants it: ``pt-BR`` → ``pt``, ``zh-TW`` → ``zh-tw``."""
    language = language.lower()
    return language if language in NEWS_LANGUAGE_EXCEPTIONS else language.split("-")[0]


def publisher(request):
    return {
        "@type": "Organization",
        "name": site_name(),
        "url": request.build_absolute_uri(reverse("articles:article_list")),
        "logo": {
            "@type": "ImageObject",
            "url": request.build_absolute_uri(staticfiles_storage.url(LOGO)),
            "width": LOGO_SIZE,
            "height": LOGO_SIZE,
        },
    }


def news_article(article, request):
    """The article as a schema.org ``NewsArticle``, every URL absolute, empty values left out."""
    url = request.build_absolute_uri(article.get_absolute_url())
    the_publisher = publisher(request)
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.headline,
        "description": article.standfirst,
        "image": lead_image(article, request),
        "datePublished": w3c_datetime(article.published_at),
        "dateModified": w3c_datetime(article.updated_at),
        "author": {"@type": "Person", "name": article.byline} if article.byline else the_publisher,
        "publisher": the_publisher,
        "inLanguage": article.language,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "keywords": [tag.name for tag in article.tags.all()],
        "hasPart": [quotation(quote, url) for quote in quotes_in_reading_order(article)],
        "correction": {"@type": "CorrectionComment", "text": article.correction_note}
        if article.correction_note
        else None,
    }
    return {key: value for key, value in data.items() if value}


def lead_image(article, request):
    figure = article.lead_figure_or_none
    if figure is None or not figure.image:
        return None
    image = {
        "@type": "ImageObject",
        "url": request.build_absolute_uri(figure.image.url),
        "width": figure.image_width,
        "height": figure.image_height,
        "caption": figure.caption,
        "creditText": figure.credit,
    }
    return {key: value for key, value in image.items() if value}


def quotes_in_reading_order(article):
    """Pull quotes and the quotes inside paragraphs, from the prefetched sections and blocks."""
    for section in article.sections.all():
        for block in section.blocks.all():
            yield from quotations(block)


def quotation(quote, article_url):
    """A ``Quotation``: the words, who said them and the outlet whose report they come from."""
    data = {"@type": "Quotation", "text": quote.text, "url": f"{article_url}#{quote.anchor}"}
    if quote.speaker:
        data["spokenByCharacter"] = person_or_organisation(quote.speaker)
    if quote.source:
        data["isBasedOn"] = {
            "@type": "CreativeWork",
            "name": quote.source.name,
            "publisher": person_or_organisation(quote.source),
        }
    return data


def person_or_organisation(source):
    data = {"@type": "Person" if source.kind == Source.Kind.PERSON else "Organization", "name": source.name}
    if safe_url(source.url):
        data["url"] = source.url
    return data
