"""Template helpers for figures' pictures; none of them queries the database."""

from django import template

from ..images import renditions_for

register = template.Library()


@register.simple_tag
def figure_renditions(figure):
    """The figure's rendition srcsets (see articles.images.renditions_for), or None."""
    return renditions_for(figure)
