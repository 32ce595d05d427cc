"""Figures in the admin: checked uploads (kept when the save is refused: admin/kept_uploads.py), a
thumbnail, credit parts filled as the editor types, alt text required on published articles, and
renditions made when a picture is saved."""

from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from articles.images import CheckedImageField, generate_renditions, thumbnail
from articles.models import Article

from .forms import PositionedForm
from .kept_uploads import KeptImageWidget

CREDIT_FIELDS = ("credit", ("credit_source", "credit_photographer", "credit_distributor"))
CHECKED_IMAGES = {models.ImageField: {"form_class": CheckedImageField, "widget": KeptImageWidget}}
CREDIT_SCRIPT = "js/admin-credit.js"
# The thumbnail's size lives in a style sheet: the Content-Security-Policy refuses style attributes.
FIGURE_STYLE = "admin-extra/figures.css"


class FigureForm(PositionedForm):
    """A section's figure: once its article is published, a picture needs its alt text."""

    # The article being saved with the figure on the article's own page (admin/one_page.py):
    # there, as for the lead figure, a save that publishes (Publish, Schedule) needs the alt text.
    # Elsewhere the article's stored status decides.
    article_being_saved = None

    def clean(self):
        cleaned_data = super().clean()
        missing = cleaned_data.get("image") and not cleaned_data.get("alt_text", "").strip()
        if not missing:
            return cleaned_data
        if self.article_being_saved is not None:
            if getattr(self.article_being_saved, "publishing_requested", False):
                self.add_error("alt_text", _("Add alt text before publishing: this figure has a picture without it."))
        elif self.instance.section_id and self.instance.section.article.status == Article.Status.PUBLISHED:
            self.add_error("alt_text", _("Alt text is required: this figure is in a published article."))
        return cleaned_data


class FigureInlineMixin:
    """For the inlines editing a LeadFigure or Figure."""

    readonly_fields = ["current_image"]

    class Media:
        js = [CREDIT_SCRIPT]
        css = {"all": [FIGURE_STYLE]}

    @admin.display(description=_("current picture"))
    def current_image(self, figure):
        return thumbnail(figure)


class RenditionsMixin:
    """Makes the renditions of every picture saved through this admin's inlines."""

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        save_renditions_of_changed_images(formset)


def save_renditions_of_changed_images(formset):
    for figure_form in formset.forms:
        if "image" in figure_form.changed_data and figure_form not in formset.deleted_forms and figure_form.instance.pk:
            generate_renditions(figure_form.instance)
