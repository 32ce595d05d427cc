from django import forms
from django.utils.translation import gettext_lazy as _

POSITION_HELP = _(
    "Order on the page; leave empty to add at the end. Rows may swap or share numbers: the order is saved as 1, 2, 3…"
)


class PositionedForm(forms.ModelForm):
    """A row whose `position` is the editor's wish; articles.ordering.save_in_order settles it."""

    # Unique fields that rows may trade with each other in one save (see release_changed_values).
    swappable_fields = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "position" in self.fields:
            self.fields["position"].required = False
            self.fields["position"].help_text = POSITION_HELP

    def _get_validation_exclusions(self):
        # Checking each wished-for number against the siblings would refuse swaps and ties,
        # which save_in_order turns into a valid order.
        return super()._get_validation_exclusions() | {"position"}


class SectionForm(PositionedForm):
    swappable_fields = ("anchor",)

    def _get_validation_exclusions(self):
        exclusions = super()._get_validation_exclusions()
        # An empty anchor is filled in from the heading on save, so two new sections
        # without one do not clash.
        if not self.cleaned_data.get("anchor"):
            exclusions.add("anchor")
        return exclusions
