"""The stored text that search reads: one row per article, and one per searched part of it for
snippets (imported by `articles.models`)."""

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


class SearchPart(models.Model):
    """A searched part of an article (a paragraph, quote or caption) as made public: its plain text,
    which the snippets of search results quote and mark. Built with the article's `SearchDocument`
    (`articles.search.documents`), never edited; `part` is the key of the row it was read from, for
    the link to it, and `paragraph` a quote's paragraph."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="search_parts")
    kind = models.CharField(max_length=32)
    part = models.PositiveBigIntegerField()
    paragraph = models.PositiveBigIntegerField(null=True, blank=True)
    text = models.TextField(blank=True, default="")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["article", "kind", "part"], name="search_part_unique")]

    def __str__(self):
        return f"{self.kind}-{self.part}"
