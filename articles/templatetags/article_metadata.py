"""Tags for what the page head tells machines: JSON-LD, canonical links, feed links. No queries."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.template.defaultfilters import stringfilter
from django.urls import reverse
from django.utils.html import _json_script_escapes, format_html
from django.utils.safestring import mark_safe

from .. import feeds, metadata
from ..text import strip_control_characters, strip_control_characters_in

register = template.Library()

# The titles of the feeds about a topic and about a source.
SUBJECT_FEED_TITLES = {"tag": feeds.topic_title, "source": feeds.source_title}

register.simple_tag(metadata.site_name, name="site_name")
register.filter("w3c_datetime", metadata.w3c_datetime)
register.filter("open_graph_locale", metadata.open_graph_locale)
register.filter("news_language", metadata.news_language)
# For text in XML written by templates (the news sitemap): control characters make it ill-formed.
register.filter("xml_text", stringfilter(strip_control_characters))


@register.simple_tag
def json_ld(data):
    """`data` in a ``<script type="application/ld+json">``, escaped as Django's `json_script` does:
    ``<``, ``>`` and ``&`` become ``\\u003C``, ``\\u003E`` and ``\\u0026``, so no text can close the element.
    Control characters are left out: they are not text, and machines reading the page may choke on them."""
    escaped = json.dumps(strip_control_characters_in(data), cls=DjangoJSONEncoder).translate(_json_script_escapes)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(escaped))


@register.simple_tag(takes_context=True)
def news_article_data(context, article):
    return metadata.news_article(article, context.request)


@register.simple_tag(takes_context=True)
def absolute_url(context, location):
    return context.request.build_absolute_uri(location)


@register.simple_tag(takes_context=True)
def canonical_link(context):
    """This page's address without its query string, but for the page number of a list after the first."""
    url = context.request.build_absolute_uri(context.request.path)
    page_obj = context.get("page_obj")
    if page_obj is not None and page_obj.number > 1:
        url = f"{url}?page={page_obj.number}"
    return format_html('<link rel="canonical" href="{}">', url)


@register.inclusion_tag("articles/_feed_links.html")
def feed_links(kind="latest", subject=None):
    """Autodiscovery links to the RSS and Atom feeds of the latest articles, of a topic or of a source."""
    kwargs = {"slug": subject.slug} if subject is not None else {}
    return {
        "title": feeds.latest_title() if subject is None else SUBJECT_FEED_TITLES[kind](subject),
        "rss": reverse(f"articles:{kind}_feed_rss", kwargs=kwargs),
        "atom": reverse(f"articles:{kind}_feed_atom", kwargs=kwargs),
    }
