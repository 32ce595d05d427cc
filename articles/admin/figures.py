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

    # The article as it is being saved, with its status, when the figure is saved with it on
    # the article's own page (admin/one_page.py); elsewhere the article's stored status decides.
    article_being_saved = None

    def clean(self):
        cleaned_data = super().clean()
        article = self.article_being_saved
        if article is None and self.instance.section_id:
            article = self.instance.section.article
        published = article is not None and article.status == Article.Status.PUBLISHED
        if published and cleaned_data.get("image") and not cleaned_data.get("alt_text", "").strip():
            stored = Article.objects.filter(pk=article.pk).values_list("status", flat=True).first()
            if stored == Article.Status.PUBLISHED:
                self.add_error("alt_text", _("Alt text is required: this figure is in a published article."))
            else:
                self.add_error("alt_text", _("Add alt text before publishing: this figure has a picture without it."))
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
