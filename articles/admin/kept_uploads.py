"""Keeping the files chosen in a refused admin form (articles/pending_uploads.py).

A refused form shows each file it kept ("Picture kept: photo.jpg", with a box to remove it) and a
signed token in a hidden field `<field>__kept`. Sent back without a new file, the token puts the
kept file back into the request's files before any form sees them, so the form checks it as it
checks every upload (articles/images.py for pictures) and saves it as if just chosen.
"""

from django import forms
from django.contrib.admin.widgets import AdminFileWidget
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from articles import pending_uploads

from .inline_forms import inline_formsets

KEPT = "__kept"
REMOVE = "__kept_remove"


def take_kept_uploads(request):
    """Put back into `request.FILES` each kept file the posted form names and still wants; returns
    them by field key. A file chosen anew, or a ticked "remove", lets the kept one go."""
    kept = {}
    for key, token in request.POST.items():
        if not key.endswith(KEPT):
            continue
        field_key = key.removesuffix(KEPT)
        pending = pending_uploads.find(request.user, token)
        if pending is None:
            continue
        if field_key in request.FILES or request.POST.get(field_key + REMOVE):
            pending_uploads.discard([pending])
            continue
        request.FILES.setlist(field_key, [pending_uploads.as_upload(pending)])
        kept[field_key] = pending
    return kept


def keep_uploads(request, form, kept, names=None):
    """Keep the files `form` (refused) was sent in its fields `names` (default: every field whose
    widget can show a kept file, and whose file was accepted), reusing those already kept."""
    for name, field in form.fields.items():
        if not isinstance(field.widget, KeptUploadWidget) or (names is not None and name not in names):
            continue
        key = form.add_prefix(name)
        upload = request.FILES.get(key)
        if upload is None or (names is None and name in form.errors):
            continue
        if key not in kept:
            kept[key] = pending_uploads.keep(request.user, upload)
        field.widget.kept = kept[key]


class KeptUploadWidget:
    """A file input that also shows the file kept from a refused save, if any (set as `kept`)."""

    kept = None
    kept_text = _("File kept: %(name)s")

    def use_required_attribute(self, initial):
        # The kept file counts: the browser must not ask to choose one again.
        return self.kept is None and super().use_required_attribute(initial)

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs, renderer)
        if self.kept is None:
            return html
        return format_html(
            '{}<div class="kept-upload"><input type="hidden" name="{}" value="{}">'
            '<span class="kept-upload__name">{}</span> <label><input type="checkbox" name="{}"> {}</label>'
            '<div class="help">{}</div></div>',
            html,
            name + KEPT,
            pending_uploads.token_for(self.kept),
            self.kept_text % {"name": self.kept.name},
            name + REMOVE,
            _("Remove"),
            _("It is saved with the form; choosing another file replaces it."),
        )


class KeptImageWidget(KeptUploadWidget, AdminFileWidget):
    kept_text = _("Picture kept: %(name)s")


class KeptFileInput(KeptUploadWidget, forms.FileInput):
    pass


class KeptUploadsMixin:
    """For the admins whose change forms (or inlines) upload pictures."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        request.kept_uploads = take_kept_uploads(request) if request.method == "POST" else {}
        response = super().changeform_view(request, object_id, form_url, extra_context)
        if response.status_code == 302:
            pending_uploads.discard(request.kept_uploads.values())
        return response

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if request.method == "POST" and context.get("adminform"):
            kept = getattr(request, "kept_uploads", {})
            keep_uploads(request, context["adminform"].form, kept)
            for formset in inline_formsets(context):
                for form in formset.forms:
                    if form not in getattr(formset, "deleted_forms", []):
                        keep_uploads(request, form, kept)
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)
