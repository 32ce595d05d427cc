"""An index on taggit's tagged items by (tag, content type, object): related reading reads the
most recently added articles of a topic from it, a few entries per topic however large the
archive (articles/reading.py, `related_articles`). taggit's model is not this app's, so the
index is made here in SQL that SQLite and PostgreSQL both read."""

from django.db import migrations

INDEX = "taggeditem_tag_object"


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0019_stored_counts_and_list_indexes"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX {INDEX} ON taggit_taggeditem (tag_id, content_type_id, object_id)",
            f"DROP INDEX {INDEX}",
        ),
    ]
