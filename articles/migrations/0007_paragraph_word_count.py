from django.db import migrations, models

from articles.rendering import count_words


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
