"""What readers' lists read of an article's public version: its summary and citations, stored
with the `PublicVersion`, its topics (`PublicTopic`) and the searched text its search results
quote (`SearchPart`). The topics are copied from taggit's here so that topic pages list what
they did; summaries and citations come with the next `manage.py refresh_public_data` (lists
read an article's rows until it has them), searched parts after `migrate`
(`index_articles_without_document`)."""

import django.db.models.deletion
from django.db import migrations, models


def copy_topics(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    TaggedItem = apps.get_model("taggit", "TaggedItem")
    PublicTopic = apps.get_model("articles", "PublicTopic")
    article_type = ContentType.objects.filter(app_label="articles", model="article").first()
    if article_type is None:
        return
    Article = apps.get_model("articles", "Article")
    updated = dict(Article.objects.values_list("pk", "updated_at"))
    items = TaggedItem.objects.filter(content_type=article_type).values_list("object_id", "tag_id")
    PublicTopic.objects.bulk_create(
        (
            PublicTopic(article_id=article_id, tag_id=tag_id, updated_at=updated.get(article_id))
            for article_id, tag_id in items.iterator()
            if article_id in updated
        ),
        batch_size=1000,
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0025_article_review"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [
        migrations.AddField(
            model_name="publicversion",
            name="citations",
            field=models.JSONField(default=list),
        ),
        migrations.AddField(
            model_name="publicversion",
            name="slug",
            field=models.SlugField(blank=True, default="", max_length=200, verbose_name="slug"),
        ),
        migrations.AddField(
            model_name="publicversion",
            name="updated_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="updated"),
        ),
        migrations.AddField(
            model_name="publicversion",
            name="summary",
            field=models.JSONField(default=dict),
        ),
        migrations.CreateModel(
            name="PublicTopic",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "article",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="public_topics",
                        to="articles.article",
                    ),
                ),
                (
                    "tag",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="public_articles", to="taggit.tag"
                    ),
                ),
                ("updated_at", models.DateTimeField(blank=True, null=True)),
            ],
            options={
                "verbose_name": "public topic of an article",
                "verbose_name_plural": "public topics of articles",
                "constraints": [models.UniqueConstraint(fields=("tag", "article"), name="public_topic_unique")],
                "indexes": [models.Index(fields=["tag", "updated_at"], name="public_topic_updated")],
            },
        ),
        migrations.AddIndex(
            model_name="publicversion",
            index=models.Index(fields=["updated_at"], name="public_version_updated"),
        ),
        migrations.CreateModel(
            name="SearchPart",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kind", models.CharField(max_length=32)),
                ("part", models.PositiveBigIntegerField()),
                ("paragraph", models.PositiveBigIntegerField(blank=True, null=True)),
                ("text", models.TextField(blank=True, default="")),
                (
                    "article",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="search_parts", to="articles.article"
                    ),
                ),
            ],
            options={
                "constraints": [models.UniqueConstraint(fields=("article", "kind", "part"), name="search_part_unique")],
            },
        ),
        migrations.RunPython(copy_topics, migrations.RunPython.noop),
    ]
