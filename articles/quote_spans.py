"""Quoted words in a paragraph: where quotations are, and the text with their insides blanked."""

from .quotation import quoted_words_pattern

# Quoted words, between the marks of articles/quotation.py. Fewer words than this is a term in
# scare quotes, not a statement.
QUOTE_PATTERN = quoted_words_pattern()
MINIMUM_QUOTE_WORDS = 4


def find_quotes(text):
    """(start, end, words, is short) of each quotation; start/end include the marks.

    A short one is a statement only when a speech verb attaches to it; the caller decides."""
    found = []
    for match in QUOTE_PATTERN.finditer(text):
        # English puts the comma that joins a quote to its attribution inside the marks.
        words = next(group for group in match.groups() if group is not None).strip().rstrip(",;:").strip()
        if words:
            found.append((match.start(), match.end(), words, len(words.split()) < MINIMUM_QUOTE_WORDS))
    return found


def mask_quotes(text):
    """The text with every quotation's inside blanked out, so its full stops don't end sentences."""
    return QUOTE_PATTERN.sub(lambda match: match.group()[0] + " " * (len(match.group()) - 2) + match.group()[-1], text)
