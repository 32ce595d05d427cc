"""Topics whose slug is not an ASCII address ("japón", or empty) get a transliterated one ("japon"):
the reader's URLs refuse them, and every page showing such a topic answered 500. Working ASCII
addresses are kept, so no shared link changes."""

from django.db import migrations

from articles.topics import is_address, unique_topic_slug


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
