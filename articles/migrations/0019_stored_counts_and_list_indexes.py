"""Counts stored with each article: its word count (filled here) and the sources it cites with
their statements and photos (`ArticleSource`, filled after `migrate` by articles.counts, which
counts by the current description of an article's parts); the indexes lists page through."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import IntegerField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce


def count_words_of_articles(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    Paragraph = apps.get_model("articles", "Paragraph")
    words = (
        Paragraph.objects.filter(section__article=OuterRef("pk"))
        .order_by()
        .values("section__article")
        .annotate(total=Sum("word_count"))
        .values("total")
    )
    Article.objects.update(word_count=Coalesce(Subquery(words, output_field=IntegerField()), Value(0)))


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0018_article_restore_permission"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [
        migrations.CreateModel(
            name="ArticleSource",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("statements", models.PositiveIntegerField(default=0)),
                ("photos", models.PositiveIntegerField(default=0)),
            ],
            options={
                "verbose_name": "source of an article",
                "verbose_name_plural": "sources of articles",
            },
        ),
        migrations.AlterModelOptions(
            name="article",
            options={
                "ordering": ["-published_at", "-id"],
                "permissions": [
                    ("publish_article", "Can publish, schedule and unpublish articles"),
                    ("restore_article", "Can restore an earlier revision of an article"),
                ],
                "verbose_name": "article",
                "verbose_name_plural": "articles",
            },
        ),
        migrations.RemoveIndex(
            model_name="article",
            name="article_status_published",
        ),
        migrations.AddField(
            model_name="article",
            name="word_count",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.RunPython(count_words_of_articles, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(fields=["status", "-published_at", "-id"], name="article_published_order"),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(fields=["status", "-updated_at"], name="article_published_updated"),
        ),
        migrations.AddField(
            model_name="articlesource",
            name="article",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="source_uses", to="articles.article"
            ),
        ),
        migrations.AddField(
            model_name="articlesource",
            name="source",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="article_uses", to="articles.source"
            ),
        ),
        migrations.AddConstraint(
            model_name="articlesource",
            constraint=models.UniqueConstraint(fields=("source", "article"), name="article_source_unique"),
        ),
    ]
