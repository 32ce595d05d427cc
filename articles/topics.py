"""Topics (django-taggit tags): their web addresses and the names editors may give them.

taggit makes Unicode slugs ("Japón" → "japón") that the reader's URLs, which take ASCII slugs,
cannot hold: reversing one failed, and every page showing the topic answered 500. Topics get
ASCII addresses instead, transliterated so they stay readable and shareable: "Japón" → "japon",
"Política exterior" → "politica-exterior", "Россия" → "rossiya". A name that clashes with a
taken address gets "-2", "-3"…; a name with nothing to transliterate gets "topic".
"""

from anyascii import anyascii
from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from taggit.utils import parse_tags

from .text import strip_control_characters, validate_one_line

# taggit's Tag.slug and Tag.name hold 100 characters; leave room for a "-NNN" suffix.
MAXIMUM_NAME_LENGTH = 100
MAXIMUM_BASE_LENGTH = 90
FALLBACK_SLUG = "topic"


def topic_slug_base(name):
    """The ASCII address a topic's name asks for, before clashes: "Japón" → "japon"."""
    base = slugify(anyascii(name))[:MAXIMUM_BASE_LENGTH].strip("-_")
    return base or FALLBACK_SLUG


def unique_topic_slug(tag_model, name, exclude_pk=None):
    """An address for a topic named `name` that no other topic of `tag_model` has."""
    base = topic_slug_base(name)
    taken = set(tag_model.objects.filter(slug__startswith=base).exclude(pk=exclude_pk).values_list("slug", flat=True))
    slug, counter = base, 2
    while slug in taken:
        slug, counter = f"{base}-{counter}", counter + 1
    return slug


def is_address(slug):
    try:
        validate_slug(slug)
    except ValidationError:
        return False
    return True


def give_ascii_address(sender, instance, **kwargs):
    """pre_save of taggit's Tag: a topic whose slug is empty or not ASCII gets a transliterated one.

    An ASCII slug is kept, whether taggit made it from an ASCII name (taggit then settles clashes
    itself) or an editor typed it in the topic's admin page."""
    if not is_address(instance.slug):
        instance.slug = unique_topic_slug(sender, instance.name, exclude_pk=instance.pk)


def validate_topic_name(name):
    """A topic's name: one line of text, at most 100 characters (what taggit's table holds)."""
    validate_one_line(name)
    if len(name) > MAXIMUM_NAME_LENGTH:
        raise ValidationError(
            _("A topic has at most %(maximum)s characters; this one has %(length)s."),
            code="topic_too_long",
            params={"maximum": MAXIMUM_NAME_LENGTH, "length": len(name)},
        )


def validate_topic_list(value):
    """Form-field validator for the topics typed in an article, comma-separated as taggit reads them."""
    for name in parse_tags(value):
        try:
            validate_topic_name(name)
        except ValidationError as error:
            raise ValidationError(
                _("The topic “%(name)s”: %(error)s"),
                code=error.code,
                params={"name": shown_name(name), "error": " ".join(error.messages)},
            ) from None
    # What parse_tags trims away must not hide a control character either.
    validate_one_line(value)


def shown_name(name):
    """A topic's name fit to quote in a message: without control characters, cut to 40 characters."""
    name = strip_control_characters(name)
    return name if len(name) <= 40 else f"{name[:40]}…"
