"""Two editors saving the same article: the second is told, shown what changed, and keeps their text.

An article has one edit version (`Article.edit_version`) for itself and all its parts: saving
the article page, a section page or a paragraph page counts as an edit of the article. Every
change form carries, in a hidden field, the version the editor opened. On save, inside the
admin's transaction, the article row is locked (`select_for_update`) and its version compared:

- the same: the save goes ahead and the version goes up by one;
- different: someone saved in between. The form is refused with the changes made since the
  editor opened it, and comes back with everything the editor typed. The hidden field now
  carries the current version, so saving again, after merging, keeps the editor's text.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles import revisions
from articles.models import Article

from .history import article_of

CONFLICT_MESSAGE = _(
    "Someone else saved this article after you opened it. What they changed is shown below; "
    "your own text is still in the form. Merge what you need to keep, then save again."
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
        self.changes = (
            revisions.changes(revisions.revision_entries(opened_version.revision), revisions.current_entries(article))
            if self.opened_known
            else []
        )


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

    def save_model(self, request, obj, form, change):
        locked_version = getattr(form, "locked_version", None)
        if locked_version is None:
            super().save_model(request, obj, form, change)
        elif isinstance(obj, Article):
            obj.edit_version = locked_version + 1
            super().save_model(request, obj, form, change)
        else:
            super().save_model(request, obj, form, change)
            Article.objects.filter(pk=form.edited_article_id).update(
                edit_version=F("edit_version") + 1, updated_at=timezone.now()
            )
