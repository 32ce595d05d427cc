"""An article stored as structured data.

Article → ordered Sections → ordered Blocks. A block is a Paragraph (Markdown), a
Figure or a PullQuote; the three share one `Block` table (multi-table inheritance)
so that their order within a section is a single `position` sequence the database
keeps unique. Quotes found inside a paragraph are `Quote` rows linked to it.
Sources (agencies, governments, channels, experts) tag paragraphs, quotes and figures.

One module per job: sources.py, articles.py (articles and their sections), blocks.py (the
Block row, paragraphs, quotes and pull quotes), figures.py, article_sources.py (the sources
each article cites, counted), public_versions.py (what readers are served, topics included),
pending_uploads.py (files kept while a refused form is corrected) and reviews.py (articles
waiting for an editor). Import them from here.
"""

from .article_sources import ArticleSource
from .articles import Article, ArticleQuerySet, Section, language_code_validator
from .blocks import Block, BlockQuerySet, Paragraph, PullQuote, Quote, QuoteFields
from .content_version import ContentVersion
from .figures import Figure, FigureFields, LeadFigure
from .pending_uploads import PendingUpload
from .public_versions import PublicTopic, PublicVersion
from .reviews import ArticleReview
from .sources import Source, SourceMerge, SourceMergeQuerySet, SourceQuerySet

# isort: split
# Defined beside the search that reads it (which imports the models above); imported here so that Django finds it.
from ..search.models import SearchDocument, SearchPart

__all__ = [
    "Article",
    "ArticleQuerySet",
    "ArticleReview",
    "ArticleSource",
    "Block",
    "BlockQuerySet",
    "ContentVersion",
    "Figure",
    "FigureFields",
    "LeadFigure",
    "Paragraph",
    "PendingUpload",
    "PublicTopic",
    "PublicVersion",
    "PullQuote",
    "Quote",
    "QuoteFields",
    "SearchDocument",
    "SearchPart",
    "Section",
    "Source",
    "SourceMerge",
    "SourceMergeQuerySet",
    "SourceQuerySet",
    "language_code_validator",
]
