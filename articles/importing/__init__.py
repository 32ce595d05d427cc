"""Importing an article from plain text or `article.v1` JSON, and exporting it as `article.v1`.

- parsed.py: `ParsedArticle`, what every reader builds, and the checks and limits it must pass;
- lines.py and text.py: plain text in the seed's format (lines.py tells the lines apart);
- article_v1.py: the JSON schema both ways, `export_article` and `parse_json`;
- files.py: a file's bytes to a checked `ParsedArticle`, whichever its format;
- save.py: a `ParsedArticle` written to the database in one transaction.

Commands, the admin and the site import and export use the names below.
"""

from .article_v1 import export_article, export_article_json, parse_json
from .files import parse_article_bytes, read_article_file
from .parsed import MAXIMUM_FILE_BYTES, ArticleImportError, ParsedFigure, ParsedParagraph
from .save import save_article, slug_for

__all__ = [
    "MAXIMUM_FILE_BYTES",
    "ArticleImportError",
    "ParsedFigure",
    "ParsedParagraph",
    "export_article",
    "export_article_json",
    "parse_article_bytes",
    "parse_json",
    "read_article_file",
    "save_article",
    "slug_for",
]
