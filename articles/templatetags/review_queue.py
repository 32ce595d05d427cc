"""The review queue on the admin index: what waits for an editor, or what was sent back to a contributor."""

from django import template

from ..permissions import may_publish
from ..review import sent_back_to, waiting_for_review

register = template.Library()


@register.simple_tag
def review_queue(user):
    """Editors get the submitted articles; those who may not publish, their articles sent back."""
    if may_publish(user):
        return {"waiting": list(waiting_for_review())}
    return {"sent_back": list(sent_back_to(user))}
