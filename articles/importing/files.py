"""Reading an article file: bytes to clean text, then plain text (text.py) or `article.v1` JSON
(article_v1.py) to a `ParsedArticle` checked field by field against the models (parsed.py)."""

import unicodedata
from pathlib import Path

from ..text import find_control_character
from .article_v1 import parse_json
from .parsed import MAXIMUM_FILE_BYTES, ArticleImportError, check_parsed_article, file_too_large
from .text import parse_plain_text

# Characters text copied from the web carries that a reader never meant.
SPACE_LIKE = {"\u00a0": " ", "\u202f": " ", "\u2007": " ", "\u2009": " ", "\u200a": " ", "\u3000": " ", "\t": " "}
INVISIBLE = {"\ufeff", "\u200b", "\u200c", "\u200d", "\u2060", "\u00ad"}
CLEAN_UP = str.maketrans({**SPACE_LIKE, **dict.fromkeys(INVISIBLE)})


def decode_text(data):
    """Bytes to clean text: UTF-8 (with or without BOM), Unix line ends, ordinary spaces."""
    if not data.strip():
        raise ArticleImportError("the file is empty")
    if b"\x00" in data:
        raise ArticleImportError("the file is binary, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ArticleImportError(f"the file is not UTF-8 text (bad byte at position {error.start})") from None
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = text.translate(CLEAN_UP)
    if match := find_control_character(text):
        line = text.count("\n", 0, match.start()) + 1
        raise ArticleImportError(
            f"line {line} contains an invisible control character (U+{ord(match.group()):04X}): remove it"
        )
    return text


def parse_article_bytes(data, index=None):
    """The article in `data`, checked field by field against the models, or ArticleImportError."""
    if len(data) > MAXIMUM_FILE_BYTES:
        raise file_too_large(len(data))
    text = decode_text(data)
    if text.lstrip().startswith("{"):
        return parse_json(text)  # checked there, for import_site reads JSON too
    parsed = parse_plain_text(text, index)
    check_parsed_article(parsed)
    return parsed


def read_article_file(path, index=None):
    path = Path(path)
    if not path.exists():
        raise ArticleImportError(f"no such file: {path}")
    if not path.is_file():
        raise ArticleImportError(f"not a file: {path}")
    try:
        # The size is checked before reading, so a huge file costs nothing.
        if path.stat().st_size > MAXIMUM_FILE_BYTES:
            raise file_too_large(path.stat().st_size)
        data = path.read_bytes()
    except OSError as error:
        raise ArticleImportError(f"cannot read {path}: {error.strerror}") from None
    return parse_article_bytes(data, index)
