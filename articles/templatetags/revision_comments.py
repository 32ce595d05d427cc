"""The comment of a revision in the article's history, in the reader's language."""

from django import template

from ..admin.change_messages import comment_text

register = template.Library()


@register.filter
def revision_comment(revision):
    return comment_text(revision.comment)
