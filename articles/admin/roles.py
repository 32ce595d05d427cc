"""The roles' rules for published work (articles/permissions.py) on every admin page that edits
an article or one of its parts: the delete buttons, views and actions, the fields that place a
row (its number, its parent) and the article's slug.

Contributors, who may not publish, delete and move parts of drafts only, and no articles at all
(they do not hold `articles.delete_article`).
"""

from django.utils.translation import gettext_lazy as _

from articles.permissions import may_publish, may_restructure
from articles.revisions import article_of

REFUSED_MOVE = _("Only an editor may move parts into or out of a published article.")


def restricted(user, obj):
    """Whether `user` may not restructure the article of `obj`. The rows inside an unsaved row
    (a new section's blocks on the article's page) are new too: nothing there to protect."""
    if obj is None or obj.pk is None or may_publish(user):
        # Those who may publish may restructure any article: no need to read which.
        return False
    return not may_restructure(user, article_of(obj))


class PublishedWorkMixin:
    """For the admins and inlines of articles and their parts. An inline's `obj` is the row
    whose page it is on (the article, section or paragraph): its rows belong to that article."""

    # Fields only those who may restructure the article change once it is published: what
    # places a row (its number, its parent) or the article (its slug). Read-only to the others.
    structure_fields = ()

    def has_delete_permission(self, request, obj=None):
        if restricted(request.user, obj):
            return False
        return super().has_delete_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if restricted(request.user, obj):
            readonly += [name for name in self.structure_fields if name not in readonly]
        return readonly

    def get_prepopulated_fields(self, request, obj=None):
        # A read-only field is not in the form, so it cannot be filled in from another.
        prepopulated = super().get_prepopulated_fields(request, obj)
        readonly = set(self.get_readonly_fields(request, obj))
        return {name: sources for name, sources in prepopulated.items() if name not in readonly}


class MovingPartCheck:
    """Mixed into the change form of a section or paragraph by `MovingPartsMixin.get_form`."""

    moving_user = None
    parent_field = None

    def clean(self):
        cleaned_data = super().clean()
        parent = cleaned_data.get(self.parent_field)
        # The instance still has its old parent here: the form copies its data over afterwards.
        if parent is not None and self.instance.pk is not None and self.parent_field in self.changed_data:
            leaving, joining = article_of(self.instance), article_of(parent)
            if not (may_restructure(self.moving_user, leaving) and may_restructure(self.moving_user, joining)):
                self.add_error(self.parent_field, REFUSED_MOVE)
        return cleaned_data


class MovingPartsMixin(PublishedWorkMixin):
    """For the admins of sections and paragraphs (with a `parent_field`): moving one out of or
    into a published article needs the right to restructure both articles. Out of one, the
    parent field is read-only already; into one, the form refuses it."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is None or self.parent_field not in form.base_fields:
            return form
        attributes = {"moving_user": request.user, "parent_field": self.parent_field}
        return type(form)(form.__name__, (MovingPartCheck, form), attributes)
