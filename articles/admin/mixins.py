from functools import partial

from django.contrib import admin

from articles.ordering import (
    Placement,
    deleted_pks,
    placements_from_formsets,
    release_changed_values,
    renumber,
    save_in_order,
)


def has_position(model):
    return any(field.name == "position" for field in model._meta.fields)


class OrderedInlinesMixin:
    """Saves the inlines whose rows carry a `position` in the order the editor asked for."""

    # The parent's related name for every row those inlines edit, of whichever kind.
    ordered_children = None

    def save_related(self, request, form, formsets, change):
        for formset in formsets:
            for field_name in getattr(formset.form, "swappable_fields", ()):
                release_changed_values(formset, field_name)
        positioned = [formset for formset in formsets if has_position(formset.model)]
        save_in_order(
            getattr(form.instance, self.ordered_children).all(),
            placements_from_formsets(positioned),
            save=partial(super().save_related, request, form, formsets, change),
            leaving=deleted_pks(positioned),
        )


class PositionedModelAdmin(admin.ModelAdmin):
    """An admin for a row that has a position under a parent (a section, a paragraph…)."""

    # The foreign key to the parent whose children are numbered 1..n.
    parent_field = None

    def save_model(self, request, obj, form, change):
        changing_parent = change and self.parent_field in form.changed_data
        if change and not changing_parent and "position" not in form.changed_data:
            super().save_model(request, obj, form, change)
            return
        parent = obj._meta.get_field(self.parent_field)
        siblings_of = partial(self.siblings, parent)
        save_in_order(
            siblings_of(getattr(obj, parent.attname)),
            [Placement(obj, wanted=form.cleaned_data.get("position"))],
            save=partial(super().save_model, request, obj, form, change),
        )
        if changing_parent:
            renumber(siblings_of(form.initial[self.parent_field]))

    @staticmethod
    def siblings(parent_field, parent_id):
        # The model declaring the key (Block for a paragraph) holds the position sequence.
        return parent_field.model._default_manager.filter(**{parent_field.attname: parent_id})
