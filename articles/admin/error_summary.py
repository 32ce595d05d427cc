"""A refused change form lists every error at the top of the page, each a link to its field
(an inline's error names its row: "Section “Prices” › Figure “The river”: Alt text")."""

from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext as _

from .inline_forms import inline_formsets

NON_FIELD = "__all__"


def row_name(form):
    """The row `form` edits, by kind and, once saved, by what it says."""
    kind = capfirst(form._meta.model._meta.verbose_name)
    if form.instance.pk is None:
        return _("%(kind)s (not saved yet)") % {"kind": kind}
    text = Truncator(str(form.instance)).chars(40)
    # A quote names itself in quotation marks already.
    return f"{kind} {text}" if text.startswith("“") else f"{kind} “{text}”"


def row_path(form):
    """The rows from the outermost inline down to `form`'s row."""
    names = []
    while form is not None:
        names.insert(0, row_name(form))
        form = getattr(getattr(form, "parent_formset", None), "parent_form", None)
    return " › ".join(names)


def form_errors(form, where, container):
    """(where, field label, message, target id) for each error of `form`."""
    for name, messages in form.errors.items():
        if name == NON_FIELD or name not in form.fields:
            label, target = "", container
        else:
            bound = form[name]
            label, target = str(bound.label), bound.id_for_label or bound.auto_id or container
        for message in messages:
            yield {"where": where, "label": label, "message": message, "target": target}


def error_summary(form, formsets, main_target="content-main"):
    entries = list(form_errors(form, "", main_target))
    for formset in formsets:
        parent = getattr(formset, "parent_form", None)
        where = row_path(parent) if parent is not None else ""
        for message in formset.non_form_errors():
            entries.append({"where": where, "label": "", "message": message, "target": f"{formset.prefix}-group"})
        for inline_form in formset.forms:
            if inline_form in formset.deleted_forms:
                continue
            inline_form.parent_formset = formset
            entries += form_errors(inline_form, row_path(inline_form), inline_form.prefix)
    return entries


class ErrorSummaryMixin:
    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        adminform = context.get("adminform")
        if request.method == "POST" and adminform is not None:
            form = adminform.form
            main_target = "edit-conflict" if getattr(form, "conflict", None) or getattr(form, "clashes", ()) else ""
            context["error_summary"] = error_summary(
                form, list(inline_formsets(context)), main_target or "content-main"
            )
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)
