"""Accent-insensitive full-text search on PostgreSQL.

Creates the `unaccent` extension and one text search configuration per supported
article language (`es_unaccent`, `en_unaccent`): the language's stemmer with accents
stripped first, so "Ucrania" finds "ucrania" and "sanción" finds "sancion". Nothing
happens on SQLite, whose search is a simpler fallback.
"""

from django.db import migrations

CONFIGURATIONS = {"es_unaccent": "spanish", "en_unaccent": "english", "simple_unaccent": "simple"}


def create_configurations(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    for name, language in CONFIGURATIONS.items():
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")
        schema_editor.execute(f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = pg_catalog.{language})")
        stemmer = "simple" if language == "simple" else f"{language}_stem"
        schema_editor.execute(
            f"ALTER TEXT SEARCH CONFIGURATION {name} ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {stemmer}"
        )


def drop_configurations(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in CONFIGURATIONS:
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("articles", "0004_article_slug_help_text")]

    operations = [migrations.RunPython(create_configurations, drop_configurations)]
