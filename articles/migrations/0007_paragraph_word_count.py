"""Every paragraph's `word_count`, counted once for those saved before it existed."""

import html

from django.db import migrations, models
from django.utils.html import strip_tags


def count_words(sanitised_html):
    """The words a reader reads in a paragraph's sanitised HTML: a copy of
    articles.rendering.count_words as it was when this migration was written, so that a later
    change to the live function does not change what this migration does."""
    return len(html.unescape(strip_tags(sanitised_html or "")).split())


def count_existing_words(apps, schema_editor):
    Paragraph = apps.get_model("articles", "Paragraph")
    paragraphs = list(Paragraph.objects.only("text_html"))
    for paragraph in paragraphs:
        paragraph.word_count = count_words(paragraph.text_html)
    Paragraph.objects.bulk_update(paragraphs, ["word_count"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0006_article_correction_note_edit_version_publish_permission"),
    ]

    operations = [
        migrations.AddField(
            model_name="paragraph",
            name="word_count",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.RunPython(count_existing_words, migrations.RunPython.noop),
    ]
