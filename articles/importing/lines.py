"""How the lines of a plain-text article are told apart: headings, photo lines, datelines."""

import re

MAXIMUM_HEADING_LENGTH = 120
MAXIMUM_HEADING_WORDS = 16
SENTENCE_ENDINGS = tuple(".!?…:;,")
TABLE_OF_CONTENTS_ENTRY = re.compile(r"^\s+\d{1,2}[.)]\s+(\S.*)$")
# "caption - CREDIT": the credit after the last " - " has no lowercase letter except in "via".
CAPTION_WITH_CREDIT = re.compile(r"^(?P<caption>.*\S)\s+[-–—]\s+(?P<credit>[^\s-].*)$")
CREDIT_WORD = re.compile(r"^(?:via|vía|[^a-zà-ÿ]+)$")
# "Madrid, 24 jul (EFE).- …", "WASHINGTON (Reuters) - …": the agency that filed the story.
DATELINE = re.compile(r"^.{1,80}?\((?P<agency>[A-Z][\w .&-]{0,40}?)\)\s*(?:\.-|[-–—])\s")
# Without a table of contents, a short question introducing paragraphs is a heading.
QUESTION_HEADING_WORDS = 10
# An interviewer's question ("P. ¿Qué ha cambiado?", "Q: Why?") is part of the conversation, not a heading.
INTERVIEW_QUESTION = re.compile(r"^(?:P|Q|Pregunta|Question)\s*[.:—-]\s")


def tidy_line(line):
    return " ".join(line.split())


def split_caption_and_credit(line):
    """("caption", "CREDIT") for a photo line, or None for any other line."""
    match = CAPTION_WITH_CREDIT.match(line)
    if not match:
        return None
    credit = tidy_line(match.group("credit"))
    credit_words = credit.replace("/", " / ").split()
    letters = [character for character in credit if character.isalpha()]
    if len(letters) < 2 or not all(CREDIT_WORD.match(word) for word in credit_words):
        return None
    return tidy_line(match.group("caption")), credit


def looks_like_heading(line, next_line, contents=()):
    """A short line introducing paragraphs; one the table of contents lists may end in "?", "!" or ":"."""
    if next_line is None or split_caption_and_credit(line):
        return False
    if len(line) > MAXIMUM_HEADING_LENGTH or len(line.split()) > MAXIMUM_HEADING_WORDS:
        return False
    if line in contents:
        return True
    is_question = (
        not contents
        and line.endswith("?")
        and len(line.split()) <= QUESTION_HEADING_WORDS
        and not INTERVIEW_QUESTION.match(line)
    )
    if not is_question and (line.endswith(SENTENCE_ENDINGS) or line.rstrip("”»\"'").endswith(SENTENCE_ENDINGS)):
        return False
    if not (line[0].isupper() or line[0].isdigit() or line[0] in '¿¡«“"'):
        return False
    # A heading introduces paragraphs: the next line must be body text, not another short line or a photo.
    return not split_caption_and_credit(next_line) and (
        next_line.endswith(SENTENCE_ENDINGS) or len(next_line) > MAXIMUM_HEADING_LENGTH
    )
