"""Two editors saving the same article: the second is told, shown what changed, and keeps their text.

An article has one edit version (`Article.edit_version`) for itself and all its parts: saving
the article page, a section page or a paragraph page counts as an edit of the article. Every
change form carries, in a hidden field, the version the editor opened. On save, inside the
admin's transaction, the article row is locked (`select_for_update`) and its version compared:

- the same: the save goes ahead and the version goes up by one;
- different: someone saved in between. The form is refused with the changes made since the
  editor opened it, and comes back with everything the editor typed; text fields the editor
  left as they were and the other person changed show the other person's text, so that saving
  again does not undo their work. The hidden field now carries the current version, so saving
  again, after merging, keeps the editor's text.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles import revisions
from articles.models import Article
from articles.revisions import article_of

CONFLICT_MESSAGE = _(
    "Someone else saved this article after you opened it. What they changed is shown below. "
    "What you changed is still in the form, and the text you had not touched now shows their "
    "version. Check the two fit together, then save again."
)


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
        self.changes = (
            revisions.changes(revisions.entries(self.opened_rows), revisions.entries(self.current_rows))
            if self.opened_known
            else []
        )

    def take_untouched_text(self, form):
        """In `form`, bound to what the editor sent, replace the text the editor left as they opened
        it, and someone else has changed since, with that someone's text. What the editor changed stays."""
        if not self.opened_known or form.instance.pk is None:
            return
        model = type(form.instance)
        opened = self.opened_rows.get(model, {}).get(form.instance.pk, {})
        current = self.current_rows.get(model, {}).get(form.instance.pk, {})
        for name in form.fields:
            key = form.add_prefix(name)
            was, now = opened.get(name), current.get(name)
            if not (isinstance(was, str) and isinstance(now, str)) or was == now or key not in form.data:
                continue
            if same_text(form.data[key], was):
                form.data[key] = now


def same_text(submitted, stored):
    """Whether a browser's submitted text is the stored text (browsers end lines with CRLF)."""
    return submitted.replace("\r\n", "\n").strip() == stored.replace("\r\n", "\n").strip()


class ConflictCheckingForm:
    """Mixed into an admin change form by `EditVersionMixin.get_form`."""

    edited_article_id = None
    conflict = None
    locked_version = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opened_version"].initial = (
            Article.objects.filter(pk=self.edited_article_id).values_list("edit_version", flat=True).first()
        )

    def clean(self):
        cleaned_data = super().clean()
        article = Article.objects.select_for_update().filter(pk=self.edited_article_id).first()
        if article is None:
            return cleaned_data
        self.locked_version = article.edit_version
        opened = cleaned_data.get("opened_version")
        if opened is not None and opened != article.edit_version:
            self.conflict = EditConflict(article, opened, article.edit_version)
            # Saving again, after seeing the changes, is the editor's decision to keep their text.
            self.data = self.data.copy()
            self.data[self.add_prefix("opened_version")] = str(article.edit_version)
            raise ValidationError(CONFLICT_MESSAGE, code="edit_conflict")
        return cleaned_data


class EditVersionMixin:
    """For the admins of articles, sections and paragraphs: refuse a save based on an outdated
    version of the article (see the module's docstring)."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is None:
            return form
        return type(form)(
            form.__name__,
            (ConflictCheckingForm, form),
            {
                "opened_version": forms.IntegerField(widget=forms.HiddenInput, min_value=1),
                "edited_article_id": article_of(obj).pk,
            },
        )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        adminform = context.get("adminform")
        conflict = getattr(adminform and adminform.form, "conflict", None)
        if conflict is not None:
            conflict.take_untouched_text(adminform.form)
            for inline in context.get("inline_admin_formsets", []):
                inline.formset.data = inline.formset.data.copy()
                for inline_form in inline.formset.forms:
                    inline_form.data = inline.formset.data
                    conflict.take_untouched_text(inline_form)
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
