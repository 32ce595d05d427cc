"""The quotation marks articles put around quoted words: the one list that the importer finds
quotes by (articles/attribution.py), that the admin compares a quote with its paragraph by, and
that the article page marks quotes by (`mark_quotes`), so that a quote one of them accepts the
others accept too."""

import re

# (opening, closing): “English and Spanish”, «Spanish, French and Russian», "typed", and
# „German“ or „Polish”.
QUOTATION_MARKS = (("“", "”"), ("«", "»"), ('"', '"'), ("„", "“"), ("„", "”"))


def closing_marks(opening):
    """The marks that may close a quotation opened with `opening`."""
    return "".join(dict.fromkeys(closing for start, closing in QUOTATION_MARKS if start == opening))


def opening_marks():
    return "".join(dict.fromkeys(opening for opening, _closing in QUOTATION_MARKS))


def quoted_words_pattern():
    """A regular expression for a quotation: an opening mark, one group of the words inside it
    (holding neither that opening mark nor one that closes it), and a mark that closes it."""
    alternatives = []
    for opening in opening_marks():
        closing = closing_marks(opening)
        not_inside = re.escape("".join(dict.fromkeys(opening + closing)))
        closes = re.escape(closing) if len(closing) == 1 else f"[{re.escape(closing)}]"
        alternatives.append(f"{re.escape(opening)}([^{not_inside}]+){closes}")
    return re.compile("|".join(alternatives))


# Every mark counted as the same straight double quote when a quote's words are compared with
# its paragraph's text, with the curly apostrophes as a straight one.
SAME_MARKS = str.maketrans({**{mark: '"' for pair in QUOTATION_MARKS for mark in pair}, "‘": "'", "’": "'", "‚": "'"})
