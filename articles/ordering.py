"""Saving rows whose `position` is unique within their parent in the order an editor asked for.

Sections in an article, blocks in a section and quotes in a paragraph each carry a
`position` the database keeps unique per parent, and it checks that after every row
it writes, even halfway through a swap. So the final order is worked out first, every
sibling is moved ("parked") above the numbers about to be used, and only then are the
rows written with their final numbers 1..n.
"""

import math
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count, F, Max


@dataclass
class Placement:
    """Where an editor wants one row to go.

    `wanted` is the editor's number (None: at the end). A row that is new or was
    renumbered (`moved`) goes before a row left alone at the same number, because the
    editor typing "1" on the last paragraph means "make this the first". `kind` breaks
    ties between rows from different lists, such as a paragraph and a figure both given 2.
    """

    instance: object
    wanted: int | None
    moved: bool = True
    kind: int = 0
    previous: int | None = field(default=None, repr=False)

    def sort_key(self):
        return (
            math.inf if self.wanted is None else self.wanted,
            not self.moved,
            self.kind,
            math.inf if self.previous is None else self.previous,
        )


class _Unmoved:
    """A sibling the editor did not touch; only its primary key is needed."""

    def __init__(self, pk):
        self.pk = pk
        self.position = None


def park(siblings):
    """Move every row of `siblings` above any number that renumbering 1..n can use."""
    stats = siblings.aggregate(top=Max("position"), count=Count("pk"))
    # Adding more than the highest number keeps every row clear of every unmoved row,
    # and adding the count keeps every row clear of 1..n.
    offset = (stats["top"] or 0) + stats["count"] + 1
    siblings.update(position=F("position") + offset)


def final_order(placements, previous, leaving=()):
    """The placements and the untouched siblings, sorted into the order to save.

    `previous` maps each existing sibling's primary key to its position now; siblings
    without a placement keep their number as their wish. Rows in `leaving` (about to
    be deleted) take no place.
    """
    placed = {placement.instance.pk for placement in placements if placement.instance.pk is not None}
    for placement in placements:
        placement.previous = previous.get(placement.instance.pk)
    unmoved = [
        Placement(_Unmoved(pk), wanted=position, moved=False, previous=position)
        for pk, position in previous.items()
        if pk not in placed and pk not in leaving
    ]
    # sorted() is stable, so rows equal in every respect keep the order they were given in.
    return sorted([*placements, *unmoved], key=Placement.sort_key)


def save_in_order(siblings, placements, save=None, leaving=()):
    """Save the rows an editor changed and number all siblings 1..n in the order they asked for.

    `siblings` is a queryset of every row under one parent (e.g. ``section.blocks.all()``),
    `placements` the new or changed rows with the editor's numbers, `save` a callable that
    writes them (the admin's own saving, with its inlines and many-to-many fields; by
    default each placement's instance is saved) and `leaving` the primary keys that
    `save` deletes. Runs in one transaction, so a failure leaves the old order intact.
    """
    with transaction.atomic(using=siblings.db):
        # Locking the siblings makes a second editor saving the same parent wait for this
        # save to finish instead of parking rows this one is numbering (SQLite locks the file).
        previous = dict(siblings.select_for_update().values_list("pk", "position"))
        ordered = final_order(placements, previous, leaving=set(leaving))
        park(siblings)
        unmoved = []
        for position, placement in enumerate(ordered, start=1):
            placement.instance.position = position
            if isinstance(placement.instance, _Unmoved):
                unmoved.append(siblings.model(pk=placement.instance.pk, position=position))
        siblings.model._default_manager.bulk_update(unmoved, ["position"])
        if save is None:
            for placement in placements:
                placement.instance.save()
        else:
            save()


def renumber(siblings):
    """Close the gaps: number `siblings` 1..n in their present order."""
    save_in_order(siblings, [])


def release_changed_values(formset, field_name):
    """Free the unique values an editor is moving between rows before any row is saved.

    A formset saves its rows one after another, so two sections swapping anchors, or a
    section taking the anchor of one being deleted, would meet the unique constraint
    halfway. The rows concerned first get a placeholder no editor can type (a slug
    never contains "~"); the formset then writes the final values.
    """
    releasing = [
        form.instance.pk
        for form in formset.initial_forms
        if form in formset.deleted_forms or field_name in form.changed_data
    ]
    for pk in releasing:
        formset.model._default_manager.filter(pk=pk).update(**{field_name: f"~{pk}"})


def placements_from_formsets(formsets):
    """The rows that admin inline formsets will save, with the editor's numbers.

    The formsets' order is the tie-breaking order between kinds. Unchanged rows are
    left out: `save_in_order` keeps them at their present number.
    """
    placements = []
    for kind, formset in enumerate(formsets):
        for form in formset.forms:
            if form in formset.deleted_forms or not form.has_changed():
                continue
            is_new = form.instance.pk is None
            placements.append(
                Placement(
                    form.instance,
                    # Without a position field (read-only to this editor) a row stays where it is.
                    wanted=form.cleaned_data.get("position", form.instance.position),
                    moved=is_new or "position" in form.changed_data,
                    kind=kind,
                )
            )
    return placements


def deleted_pks(formsets):
    return [form.instance.pk for formset in formsets for form in formset.deleted_forms if form.instance.pk is not None]
