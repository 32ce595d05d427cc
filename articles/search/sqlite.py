"""Search on SQLite, the embedded default: FTS5 over the search documents.

The migration `search_document` creates `articles_searchindex`, an FTS5 table over
`SearchDocument` (tokenizer `unicode61 remove_diacritics 2`) that triggers keep in step.
Documents are stored folded (lower case, accents and compatibility forms removed: "Straße"
as "strasse"), and so are the words of a query: every word must begin a word of the article,
each passed to FTS5 as a quoted prefix (`"sancion"*`), so nothing the reader types is FTS5
syntax. Articles are ranked by `bm25` with the columns weighted headline 10, standfirst 4,
body 1.

Only the page's hits are then marked, in Python: functions registered on each connection
count and mark the words in their paragraphs, quotes and captions.
"""

import functools
import re
import unicodedata

from django.db import connection
from django.db.models import FloatField, Func, TextField, Value

from ..rendering import html_to_text
from .highlight import MARK_START, MARK_STOP

FTS_TABLE = "articles_searchindex"
COLUMN_WEIGHTS = (10.0, 4.0, 1.0)  # headline, standfirst, body
WORD = re.compile(r"[^\W_]+")  # letters and digits, as FTS5's unicode61 tokenizer splits them


def fold(text):
    """Lower case without accents: "Sanción" → "sancion", "Straße" → "strasse"."""
    if text.isascii():
        return text.lower()
    return "".join(char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char)).casefold()


def query_words(query, limit):
    """The first `limit` distinct words of the query, folded."""
    return list(dict.fromkeys(WORD.findall(fold(query))))[:limit]


def fts_query(words):
    """An FTS5 query for articles with every word at the start of one of their words.

    Each word is a quoted string (quotes inside doubled), so no input is read as FTS5 syntax."""
    return " ".join('"{}"*'.format(word.replace('"', '""')) for word in words)


# The page's hits, marked in Python


@functools.lru_cache(maxsize=64)
def word_patterns(words):
    """A pattern for each word of `words` (folded, space-separated) at the start of a word."""
    return [re.compile(rf"(?<!\w){re.escape(word)}") for word in words.split()]


@functools.lru_cache(maxsize=64)
def whole_words_pattern(words):
    """The whole words that start with any of `words`."""
    return re.compile("|".join(rf"(?<!\w){re.escape(word)}\w*" for word in words.split()) or r"(?!)")


def count_words(words, text):
    """How many times the words start a word of `text`, ignoring case and accents."""
    folded = fold(text or "")
    return sum(len(pattern.findall(folded)) for pattern in word_patterns(words))


@functools.lru_cache(maxsize=4096)
def fold_char(char):
    return fold(char)


def mark_words(words, text):
    """`text` with each word that starts with one of `words` between MARK_START and MARK_STOP."""
    text = text or ""
    folded_chars = list(map(fold_char, text))
    folded = "".join(folded_chars)
    # Where each folded character comes from: the same place, unless a character folded to
    # several ("ß" → "ss") or to none (a combining accent).
    origins = range(len(text))
    if len(folded) != len(text) or any(len(char) != 1 for char in folded_chars):
        origins = [index for index, char in enumerate(folded_chars) for _ in char]
    pieces, position = [], 0
    for match in whole_words_pattern(words).finditer(folded):
        start, end = origins[match.start()], origins[match.end() - 1] + 1
        while end < len(text) and unicodedata.combining(text[end]):
            end += 1
        pieces += [text[position:start], MARK_START, text[start:end], MARK_STOP]
        position = end
    return "".join(pieces) + text[position:]


SQLITE_FUNCTIONS = [
    ("articles_html_text", 1, html_to_text),
    ("articles_search_count", 2, count_words),
    ("articles_search_mark", 2, mark_words),
]


def register_sqlite_functions(sender, connection, **kwargs):
    """Connected to `connection_created` in `ArticlesConfig.ready`."""
    if connection.vendor == "sqlite":
        for name, arguments, function in SQLITE_FUNCTIONS:
            connection.connection.create_function(name, arguments, function, deterministic=True)


class SqliteSearch:
    def __init__(self, query, max_words):
        self.words = query_words(query, max_words)
        self.words_value = Value(" ".join(self.words))

    def ranked_ids(self, articles):
        """The keys of `articles` (a queryset) that match, best first, in one query."""
        if not self.words:
            return []
        articles_sql, params = articles.order_by().values("id", "published_at").query.sql_with_params()
        weights = ", ".join(str(weight) for weight in COLUMN_WEIGHTS)
        sql = (
            f"SELECT article.id FROM {FTS_TABLE} JOIN ({articles_sql}) article ON article.id = {FTS_TABLE}.rowid "
            f"WHERE {FTS_TABLE} MATCH %s "
            f"ORDER BY bm25({FTS_TABLE}, {weights}), article.published_at DESC, article.id DESC"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, fts_query(self.words)])
            return [row[0] for row in cursor.fetchall()]

    def matching(self, part):
        """Rows of `part` with their `search_rank`, 0 where the words are absent: the page's
        parts are few, and ranking them all counts the words once, where filtering first would
        count them twice."""
        count = Func(self.words_value, part.text, function="articles_search_count", output_field=FloatField())
        return part.model.objects.alias(search_rank=count)

    def marked(self, text, article_path=None):
        return Func(self.words_value, text, function="articles_search_mark", output_field=TextField())


def rebuild_index():
    """Rebuild the FTS5 index from the documents (the triggers keep it current otherwise)."""
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")
