"""Two editors saving the same article: the second is told, shown what changed, and keeps their changes.

An article has one edit version (`Article.edit_version`) for itself and all its parts: saving
the article page, a section page or a paragraph page counts as an edit of the article. Every
change form carries, in a hidden field, the version the editor opened. On save, inside the
admin's transaction, the article row is locked (`select_for_update`) and its version compared:

- the same: the save goes ahead and the version goes up by one;
- different: someone saved in between. The form is refused with the changes made since the
  editor opened it, and comes back with everything the editor changed; every field the editor
  left as they opened it and the other person changed (text, status, publication time, topics,
  sources, positions) shows the other person's value, so that saving again does not undo their
  work. A publication time goes with its status: when the other person changed the status and
  the editor did not, both come from the other person, so merging never publishes what nobody chose to publish (an
  embargo stays an embargo). The hidden field now carries the current version, so saving
  again, after merging, keeps the editor's changes, except where both changed the same field:
  there the editor must choose one version or merge them (admin/conflict_choices.py).
"""

import datetime

from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from taggit.forms import TagField
from taggit.models import Tag

from articles import revisions
from articles.models import Article
from articles.revisions import article_of

from . import conflict_choices
from .conflict_choices import Clash, shown
from .history import changes
from .inline_forms import inline_forms as inline_forms_of
from .inline_forms import inline_formsets

CONFLICT_MESSAGE = _(
    "Someone else saved first: this article changed after you opened it. What they changed is shown below. "
    "What you changed is still in the form; everything you had not touched (text, status, "
    "publication time, topics, sources) now shows their version. Check the two fit together, "
    "then save again."
)


# Pages that change an article without its change form (the Arrange page's moves and deletions).
SAVED_FIRST_MESSAGE = _(
    "Someone else saved first: the article changed after you opened this page, so nothing was changed. "
    "This is the article as it is now; make your change again if it still applies."
)
# The name of the hidden field (or query parameter) carrying the version a page was opened at.
OPENED_VERSION = "opened_version"


def locked_article(article_id):
    """The article, its row locked until the transaction ends (None when there is no such article).

    Every save that counts as an edit of the article takes this lock before comparing versions,
    so that two saves of the same version cannot both go ahead."""
    return Article.objects.select_for_update().filter(pk=article_id).first()


def changed_since(article, opened):
    """Whether `article` was saved since the page showing version `opened` was opened (an unknown
    version counts as changed: nothing is saved on a guess)."""
    return opened is None or opened != article.edit_version


def version_opened(data):
    """The version a page was opened at, from its posted data or query string; None if missing."""
    value = data.get(OPENED_VERSION, "")
    return int(value) if value.isdigit() else None


def saved_since_opened(article_id, data):
    """Whether the article was saved by someone since the page that sent `data` was opened; inside
    a transaction, the article's row stays locked until it ends."""
    with transaction.atomic():
        article = locked_article(article_id)
        return article is None or changed_since(article, version_opened(data))


class EditConflict:
    """What changed between the version an editor opened and the version saved now."""

    def __init__(self, article, opened, current):
        self.opened, self.current = opened, current
        opened_version = revisions.version_at(article, opened)
        self.opened_known = opened_version is not None
        since = revisions.article_versions(article)
        if self.opened_known:
            since = since.filter(revision__pk__gt=opened_version.revision_id)
        else:
            since = since[:1]
        self.saved_by = sorted({version.revision.user.get_username() for version in since if version.revision.user})
        self.opened_rows = revisions.rows_from_revision(opened_version.revision) if self.opened_known else None
        self.current_rows = revisions.rows_from_database(article)
        # Fields both editors changed, to different values (see admin/conflict_choices.py).
        self.clashes = []
        self.changes = (
            changes(revisions.entries(self.opened_rows), revisions.entries(self.current_rows))
            if self.opened_known
            else []
        )

    def take_their_changes(self, form):
        """In `form`, bound to what the editor sent, replace each value the editor left as they
        opened it, and someone else has changed since, with that someone's value."""
        if not self.opened_known or form.instance.pk is None:
            return
        opened, current = form_values(self.opened_rows, form), form_values(self.current_rows, form)
        touched = {name: self.editor_changed(form, name, opened[name]) for name in form.fields if name in opened}
        theirs = {name for name in opened if name in current and opened[name] != current[name]}
        for name, field in form.fields.items():
            if name not in theirs:
                continue
            leader = FOLLOWS.get(name)
            # Their new status came with a time chosen for it; the editor's time was chosen for another.
            if touched[name] and not (leader in theirs and not touched[leader]):
                if self.editor_changed(form, name, current[name]):
                    self.clashes.append(clash_in(form, name, as_initial(field, current[name])))
                continue
            for key, values in widget_data(field.widget, form.add_prefix(name), as_initial(field, current[name])):
                form.data.setlist(key, values)

    @staticmethod
    def editor_changed(form, name, opened_value):
        field = form.fields[name]
        key = form.add_prefix(name)
        submitted = field.widget.value_from_datadict(form.data, form.files, key)
        if isinstance(opened_value, str) and isinstance(submitted, str):
            return not same_text(submitted, opened_value)
        return field.has_changed(as_initial(field, opened_value), submitted)


def clash_in(form, name, their_value):
    """The clash between what the editor sent in field `name` of `form` and `their_value`."""
    field, key = form.fields[name], form.add_prefix(name)
    theirs = [[data_key, values] for data_key, values in widget_data(field.widget, key, their_value)]
    mine = [[data_key, form.data.getlist(data_key)] for data_key, _values in theirs]
    label = str(field.label or name)
    if form.prefix:  # an inline's row: say which
        label = f"{capfirst(form.instance._meta.verbose_name)} “{form.instance}”: {label}"
    return Clash(
        key=key,
        label=label,
        mine=mine,
        theirs=theirs,
        mine_text=shown(field, [value for _key, values in mine for value in values]),
        theirs_text=shown(field, [value for _key, values in theirs for value in values]),
    )


# A field whose value only makes sense with another's: taken from the other editor with it.
FOLLOWS = {"published_at": "status"}


def form_values(rows, form):
    """The values `rows` (a snapshot of the article) give the fields of `form`'s row, by field name.

    Files are left out: a form that uploads nothing keeps the stored file, whoever stored it."""
    model, pk = type(form.instance), form.instance.pk
    stored = {}
    for row_model in (*model._meta.get_parent_list(), model):
        stored.update(rows.get(row_model, {}).get(pk, {}))
    if not stored:
        return {}
    values = {}
    for name, field in form.fields.items():
        if isinstance(field, forms.FileField):
            continue
        if name == "tags" and model is Article:
            values[name] = revisions.tag_names(rows)
            continue
        try:
            attname = model._meta.get_field(name).attname
        except FieldDoesNotExist:
            continue
        if attname in stored:
            value = stored[attname]
            values[name] = sorted(value) if isinstance(value, list) else value
    return values


def as_initial(field, value):
    """A stored value as the form would have shown it when opened."""
    if isinstance(field, TagField):
        return [Tag(name=name) for name in value]
    if isinstance(value, datetime.datetime) and not field.widget.supports_microseconds:
        return value.replace(microsecond=0)
    return value


def widget_data(widget, key, value):
    """The (key, list of values) pairs a browser posts for `value` shown in `widget`."""
    widget = getattr(widget, "widget", widget)  # the admin's wrapper with its "add" and "change" links
    if isinstance(widget, forms.MultiWidget):
        for subwidget, suffix, part in zip(widget.widgets, widget.widgets_names, widget.decompress(value), strict=True):
            yield from widget_data(subwidget, key + suffix, part)
    elif isinstance(widget, forms.CheckboxInput):
        yield key, ["on"] if value else []
    elif isinstance(widget, forms.SelectMultiple):
        yield key, [str(item) for item in value or []]
    else:
        shown = widget.format_value(value)
        yield key, (shown[:1] if isinstance(shown, list) else ["" if shown is None else str(shown)])


def same_text(submitted, stored):
    """Whether a browser's submitted text is the stored text (browsers end lines with CRLF)."""
    return submitted.replace("\r\n", "\n").strip() == stored.replace("\r\n", "\n").strip()


class ConflictCheckingForm:
    """Mixed into an admin change form by `EditVersionMixin.get_form`."""

    edited_article_id = None
    conflict = None
    locked_version = None
    # Clashes of the save refused before that the editor sent back without choosing (see resolve()).
    unresolved_clashes = ()
    clashes = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[OPENED_VERSION].initial = (
            Article.objects.filter(pk=self.edited_article_id).values_list("edit_version", flat=True).first()
        )

    def clean(self):
        cleaned_data = super().clean()
        article = locked_article(self.edited_article_id)
        if article is None:
            return cleaned_data
        self.locked_version = article.edit_version
        opened = cleaned_data.get(OPENED_VERSION)
        if opened is not None and changed_since(article, opened):
            self.conflict = EditConflict(article, opened, article.edit_version)
            # Saving again, after seeing the changes, is the editor's decision to keep their text.
            self.data = self.data.copy()
            self.data[self.add_prefix(OPENED_VERSION)] = str(article.edit_version)
            raise ValidationError(CONFLICT_MESSAGE, code="edit_conflict")
        if self.unresolved_clashes:
            self.clashes = self.unresolved_clashes
            raise ValidationError(conflict_choices.UNRESOLVED_MESSAGE, code="edit_conflict_unresolved")
        return cleaned_data


class EditVersionMixin:
    """For the admins of articles, sections and paragraphs: refuse a save based on an outdated
    version of the article (see the module's docstring)."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST":
            request.unresolved_clashes = conflict_choices.resolve(request)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is None:
            return form
        return type(form)(
            form.__name__,
            (ConflictCheckingForm, form),
            {
                OPENED_VERSION: forms.IntegerField(widget=forms.HiddenInput, min_value=1),
                "edited_article_id": article_of(obj).pk,
                "unresolved_clashes": getattr(request, "unresolved_clashes", ()),
            },
        )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        adminform = context.get("adminform")
        form = adminform and adminform.form
        conflict = getattr(form, "conflict", None)
        inline_forms = list(inline_forms_of(context))
        if conflict is not None:
            conflict.take_their_changes(form)
            for formset in inline_formsets(context):
                formset.data = formset.data.copy()
                for inline_form in formset.forms:
                    inline_form.data = formset.data
                    conflict.take_their_changes(inline_form)
            form.clashes = conflict.clashes
        if getattr(form, "clashes", ()):
            form.clashes_token = conflict_choices.signed(form.clashes)
            for each in (form, *inline_forms):
                conflict_choices.mark_fields(each, form.clashes)
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)

    def save_model(self, request, obj, form, change):
        locked_version = getattr(form, "locked_version", None)
        if locked_version is not None and isinstance(obj, Article):
            obj.edit_version = locked_version + 1
        super().save_model(request, obj, form, change)
        if locked_version is not None and not isinstance(obj, Article):
            Article.objects.filter(pk=form.edited_article_id).update(
                edit_version=F("edit_version") + 1, updated_at=timezone.now()
            )
