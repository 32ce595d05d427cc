"""Two editors changed the same field: the second must choose whose words stay, or merge them.

When a save is refused because someone else saved first (admin/conflicts.py), every field both
editors changed, to different values, is a clash: the form shows the two versions side by side,
marks the field, and carries the clashes in a signed hidden field. Sent back, each clash needs a
choice ("mine" or "theirs", radio buttons) or a value edited since (a merge); "theirs" puts the
other editor's value into the request before any form reads it. Sent back unchanged, without a
choice, the form is refused again, the versions still side by side, and nothing is saved.
"""

from dataclasses import asdict, dataclass

from django.core import signing
from django.utils.translation import gettext_lazy as _

CLASHES = "conflict_clashes"
CHOICE = "conflict_choice-"
SALT = "articles.conflict_choices"

UNRESOLVED_MESSAGE = _(
    "Someone else saved first and changed the same fields as you. For each field marked below, "
    "choose your version or theirs, or merge the two in the field, then save again."
)
FIELD_MESSAGE = _("Someone else changed this field too: choose a version above, or merge them here.")


@dataclass
class Clash:
    """A field both editors changed: its key in the posted data, and each one's posted values."""

    key: str
    label: str
    mine: list  # [[data key, [values]], …] as the editor sent them
    theirs: list  # the same keys with the values that show the other editor's version
    mine_text: str
    theirs_text: str

    @property
    def choice_name(self):
        return CHOICE + self.key

    def chosen(self, data):
        return data.get(self.choice_name, "")

    def edited_since(self, data):
        return any(normalised(data.getlist(key)) != normalised(values) for key, values in self.mine)


def normalised(values):
    """Posted values compared as text: browsers end lines with CRLF and may add a leading newline."""
    return [value.replace("\r\n", "\n").strip() for value in values]


def shown(field, values):
    """Posted `values` of `field` as the editor reads them (the labels of chosen options)."""
    labels = {str(value): str(label) for value, label in getattr(field, "choices", ()) if value != ""}
    return ", ".join(labels.get(value, value) for value in values if value != "")


def signed(clashes):
    return signing.dumps([asdict(clash) for clash in clashes], salt=SALT, compress=True)


def clashes_from(data):
    """The clashes a form sent back carries, if its signature holds; else none."""
    try:
        return [Clash(**clash) for clash in signing.loads(data.get(CLASHES, ""), salt=SALT)]
    except (signing.BadSignature, TypeError):
        return []


def resolve(request):
    """Apply the editor's choices to the posted data; returns the clashes still without one."""
    clashes = clashes_from(request.POST)
    if not clashes:
        return []
    data = request.POST.copy()
    unresolved = []
    for clash in clashes:
        choice = clash.chosen(data)
        if choice == "theirs":
            for key, values in clash.theirs:
                data.setlist(key, values)
        elif choice != "mine" and not clash.edited_since(data):
            unresolved.append(clash)
    request.POST = data
    return unresolved


def mark_fields(form, clashes):
    """Put the clash's message on each field of `form` (a change form or an inline's) that clashes."""
    keys = {clash.key for clash in clashes}
    for name in list(form.fields):
        if form.add_prefix(name) in keys and name not in form.errors:
            form.add_error(name, FIELD_MESSAGE)
