"""The stored text that search reads, one row per article (imported by `articles.models`)."""

from django.db import models

from ..models import Article


class SearchDocument(models.Model):
    """An article's searchable text in three fields, ranked headline > standfirst > body; the body
    joins its paragraphs, inline and pull quotes and figure captions. Built from the article's
    rows by `articles.search.documents`, never edited.

    The full-text index over these rows belongs to the database (migration `search_document`):
    on PostgreSQL a `vector` column (a weighted tsvector in the configuration `config`, filled
    by a trigger) with a GIN index; on SQLite the FTS5 table `articles_searchindex`, kept in step with this
    table by triggers. A migration that makes Django rebuild this table on SQLite must create
    those triggers again.
    """

    article = models.OneToOneField(Article, on_delete=models.CASCADE, primary_key=True, related_name="search_document")
    # The text search configuration of the article's language, on PostgreSQL.
    config = models.CharField(max_length=32)
    headline = models.TextField(blank=True, default="")
    standfirst = models.TextField(blank=True, default="")
    body = models.TextField(blank=True, default="")

    def __str__(self):
        return self.headline[:80]
