"""Topics whose slug is not an ASCII address ("japón", or empty) get a transliterated one ("japon"):
the reader's URLs refuse them, and every page showing such a topic answered 500. Working ASCII
addresses are kept, so no shared link changes."""

from anyascii import anyascii
from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import migrations
from django.utils.text import slugify

# A copy of what articles/topics.py did when this migration was written, so that a later
# change to the live functions does not change what this migration does.
MAXIMUM_BASE_LENGTH = 90
FALLBACK_SLUG = "topic"


def is_address(slug):
    try:
        validate_slug(slug)
    except ValidationError:
        return False
    return True


def unique_topic_slug(tag_model, name, exclude_pk=None):
    base = slugify(anyascii(name))[:MAXIMUM_BASE_LENGTH].strip("-_") or FALLBACK_SLUG
    taken = set(tag_model.objects.filter(slug__startswith=base).exclude(pk=exclude_pk).values_list("slug", flat=True))
    slug, counter = base, 2
    while slug in taken:
        slug, counter = f"{base}-{counter}", counter + 1
    return slug


def give_topics_ascii_addresses(apps, schema_editor):
    Tag = apps.get_model("taggit", "Tag")
    for tag in Tag.objects.order_by("pk"):
        if not is_address(tag.slug):
            tag.slug = unique_topic_slug(Tag, tag.name, exclude_pk=tag.pk)
            tag.save(update_fields=["slug"])


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0010_text_without_control_characters"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    # The old slugs never worked as addresses: there is nothing to go back to.
    operations = [migrations.RunPython(give_topics_ascii_addresses, migrations.RunPython.noop)]
