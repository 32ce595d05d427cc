"""History entries ("Changed headline.") in the language of whoever reads them.

A save's entry is stored as Django's admin change message, a JSON list, with every name in it
untranslated: fields by their model's verbose name ("heading", the text the Spanish catalogue
translates), rows by their model's ("paragraph") and, for a section or paragraph page, a first
entry naming the part of the article that was saved; a step of review is an entry of its own
(articles/review.py). `comment_text` renders it, in the reader's
language, when the history is shown; comments written as plain text are shown as they are.
"""

import json

from django.contrib.admin.models import LogEntry
from django.core.exceptions import FieldDoesNotExist
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext

from articles import review


def field_names(model, names):
    """The untranslated verbose names of the fields `names` of `model`; other form fields (the
    hidden version a page was opened at) are not edits and are left out."""
    found = []
    with translation.override(None):
        for name in names:
            try:
                found.append(str(model._meta.get_field(name).verbose_name))
            except (FieldDoesNotExist, AttributeError):
                continue
    return found


def row_name(obj):
    with translation.override(None):
        return str(obj._meta.verbose_name)


def change_message(form, formsets, add):
    """What a change form's save did, as Django's admin change message, fields named by their
    model's verbose names."""
    message = []
    if add:
        message.append({"added": {}})
    elif fields := field_names(form._meta.model, form.changed_data):
        message.append({"changed": {"fields": fields}})
    for formset in formsets or ():
        for added in formset.new_objects:
            message.append({"added": {"name": row_name(added), "object": str(added)}})
        for changed, changed_fields in formset.changed_objects:
            fields = field_names(type(changed), changed_fields)
            if fields:
                message.append({"changed": {"name": row_name(changed), "object": str(changed), "fields": fields}})
        for deleted in formset.deleted_objects:
            message.append({"deleted": {"name": row_name(deleted), "object": str(deleted)}})
    return message


def naming_the_part(obj, message):
    """`message` (a list) for the article's history, when `obj` is a part of it (a section…)."""
    return [{"part": {"name": row_name(obj), "object": str(obj)}}, *message]


def comment_text(comment):
    """A revision's comment in the current language."""
    if not comment.startswith("["):
        return comment
    try:
        entries = json.loads(comment)
    except ValueError:
        return comment
    prefix, parts = "", []
    for entry in entries:
        if "part" in entry:
            prefix = f"{capfirst(gettext(entry['part']['name']))} “{entry['part']['object']}”: "
        elif "review" in entry:
            parts.append(review.history_text(entry["review"]))
        else:
            parts.append(LogEntry(change_message=json.dumps([entry])).get_change_message())
    return prefix + (" ".join(part for part in parts if part) or gettext("No fields changed."))
