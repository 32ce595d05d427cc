"""The whole article on its own change page: every section and, inside it, its paragraphs (with
their quotes), figures and pull quotes, edited, added, moved and deleted in place, saved by one
"Save" in one transaction as one revision (RevisionMixin records the whole article once).

django-nested-admin nests the inlines (Article → Section → Paragraph, Figure, PullQuote →
Quote) and adds or removes forms in the browser; without JavaScript the extra blank forms still
add a section, a paragraph or a quote. Positions stay the editor's numbers, saved through
articles.ordering under each parent as on every other page: static/js/admin-one-page.js only
writes them after a drag or a Move button, keeping each kind's rows in the places that kind had
(a paragraph dragged above another takes its number; the figures between them stay put).
"""

import nested_admin
from django import forms
from django.contrib import admin
from django.db import models
from django.forms import Textarea
from django.forms.formsets import INITIAL_FORM_COUNT, TOTAL_FORM_COUNT
from django.utils.html import format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from nested_admin.formsets import NestedInlineFormSet

from articles.models import Figure, Paragraph, PullQuote, Quote, Section
from articles.ordering import deleted_pks, placements_from_formsets, release_changed_values, save_in_order

from .editing import ParagraphForm, QuoteFormSet
from .error_summary import ErrorSummaryMixin
from .figures import CHECKED_IMAGES, CREDIT_FIELDS, FigureForm, FigureInlineMixin
from .followed_sources import follow_sources
from .forms import PositionedForm, SectionForm
from .mixins import has_position
from .roles import PublishedWorkMixin

ONE_PAGE_SCRIPT = "js/admin-one-page.js"
ONE_PAGE_STYLE = "admin-extra/one-page.css"
# The library's templates with buttons for its "add" and "remove" links (see the templates).
STACKED_TEMPLATE = "admin/articles/one_page/stacked.html"
TABULAR_TEMPLATE = "admin/articles/one_page/tabular.html"
SHORT_TEXT = {models.TextField: {"widget": Textarea(attrs={"rows": 3, "cols": 60})}}


@admin.display(description=_("blocks in reading order"))
def block_order(section):
    """Each block of `section` as "2. Figure: caption", in reading order (kinds are edited in lists of their own)."""
    blocks = section.blocks.with_specific() if section.pk else []
    return (
        format_html_join(
            "",
            '<span class="block-order__item">{}. {}: {}</span>',
            ((block.position, capfirst(block.get_kind_display()), block) for block in blocks),
        )
        or "—"
    )


class OnePageFormSet(NestedInlineFormSet):
    """The rows inside a row added on the page. Sent without their management form (a row
    added by hand-written data rather than by the page's script), they are none."""

    def __init__(self, data=None, files=None, instance=None, prefix=None, **kwargs):
        count = f"{prefix}-{TOTAL_FORM_COUNT}"
        if data is not None and prefix and count not in data and instance is not None and instance.pk is None:
            data = data.copy()
            data[count] = data[f"{prefix}-{INITIAL_FORM_COUNT}"] = "0"
        super().__init__(data, files, instance=instance, prefix=prefix, **kwargs)

    def get_queryset(self):
        # The library finds a posted row wherever it is, to let rows be dragged between parents;
        # here a row is saved only under its own parent (see static/js/admin-one-page.js).
        if not self.data:
            return super().get_queryset()
        if not hasattr(self, "_own_rows"):
            rows = super().get_queryset()
            self._own_rows = rows.filter(**{self.fk.name: self.instance}) if self.instance.pk else rows.none()
        return self._own_rows


class NestedQuoteFormSet(QuoteFormSet, OnePageFormSet):
    pass


class OnePageInline(PublishedWorkMixin):
    """What the nested inlines share: a position only those who may restructure change."""

    form = PositionedForm
    formset = OnePageFormSet
    structure_fields = ["position"]
    extra = 0
    formfield_overrides = SHORT_TEXT

    def get_queryset(self, request):
        # Each row's source chips are read once per list, not once per row.
        queryset = super().get_queryset(request)
        many = [field.name for field in self.model._meta.many_to_many]
        return queryset.prefetch_related(*many) if many else queryset


class QuoteInline(OnePageInline, nested_admin.NestedTabularInline):
    model = Quote
    template = TABULAR_TEMPLATE
    formset = NestedQuoteFormSet
    fields = ["position", "text", "speaker", "source"]
    autocomplete_fields = ["speaker", "source"]
    extra = 1


class ParagraphInline(OnePageInline, nested_admin.NestedStackedInline):
    model = Paragraph
    template = STACKED_TEMPLATE
    form = ParagraphForm
    fields = ["position", "text", "sources"]
    autocomplete_fields = ["sources"]
    inlines = [QuoteInline]
    extra = 1


class FigureInline(FigureInlineMixin, OnePageInline, nested_admin.NestedStackedInline):
    model = Figure
    template = STACKED_TEMPLATE
    form = FigureForm
    fields = [("position", "sources"), ("current_image", "image"), "alt_text", "caption", *CREDIT_FIELDS]
    autocomplete_fields = ["sources"]
    formfield_overrides = {**SHORT_TEXT, **CHECKED_IMAGES}


class PullQuoteInline(OnePageInline, nested_admin.NestedStackedInline):
    model = PullQuote
    template = STACKED_TEMPLATE
    fields = ["position", "text", ("speaker", "source"), "sources"]
    autocomplete_fields = ["sources", "speaker", "source"]


class SectionInline(OnePageInline, nested_admin.NestedStackedInline):
    model = Section
    template = STACKED_TEMPLATE
    form = SectionForm
    fields = [("position", "heading", "anchor"), "block_order"]
    readonly_fields = ["block_order"]
    inlines = [ParagraphInline, FigureInline, PullQuoteInline]
    extra = 1
    show_change_link = True
    classes = ["one-page-sections"]

    @admin.display(description=_("blocks in reading order"))
    def block_order(self, section):
        return block_order(section)


class OnePageMixin(ErrorSummaryMixin, nested_admin.NestedModelAdminMixin):
    """For ArticleAdmin, before OrderedInlinesMixin (whose saving this replaces): nests the
    sections' blocks and quotes in the article's page and saves every level in order."""

    @property
    def media(self):
        return super().media + forms.Media(js=[ONE_PAGE_SCRIPT], css={"all": [ONE_PAGE_STYLE]})

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        # The figures are on this page: each figure's own form checks its alt text against the
        # status being saved, where the editor can fix it (see _create_formsets).
        return type(form)(form.__name__, (form,), {"figures_on_page": True})

    def _create_formsets(self, request, obj, change):
        formsets, inline_instances = super()._create_formsets(request, obj, change)
        # `obj` is the article form's instance: by the time the figures are checked, the form
        # has put the status being saved on it.
        for formset in formsets:
            if formset.model is Figure:
                for form in formset.forms:
                    form.article_being_saved = obj
        return formsets, inline_instances

    def save_related(self, request, form, formsets, change):
        for formset in formsets:
            for field_name in getattr(formset.form, "swappable_fields", ()):
                release_changed_values(formset, field_name)
        form.save_m2m()
        top = [formset for formset in formsets if getattr(formset, "parent_form", None) is None]
        self.save_level(request, form, formsets, top, change)
        for formset in formsets:
            # The rows inside a deleted or blank new row are not saved: nothing of theirs to log.
            if not hasattr(formset, "new_objects"):
                formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
                formset.not_saved = True
        follow_sources(formsets)

    def save_level(self, request, form, formsets, level, change):
        """Save the formsets of one parent (`level`), their rows numbered in order, then the
        formsets nested in each of their rows."""
        positioned = [formset for formset in level if has_position(formset.model)]
        for formset in level:
            if formset not in positioned:
                self.save_formset(request, form, formset, change)
        if positioned:
            fk = positioned[0].fk
            siblings = fk.model._default_manager.filter(**{fk.attname: positioned[0].instance.pk})
            save_in_order(
                siblings,
                placements_from_formsets(positioned),
                save=lambda: [self.save_formset(request, form, formset, change) for formset in positioned],
                leaving=deleted_pks(positioned),
            )
        for formset in level:
            for row in formset.forms:
                if row in formset.deleted_forms or row.instance.pk is None:
                    continue
                nested = [each for each in formsets if getattr(each, "parent_form", None) is row]
                if nested:
                    self.save_level(request, form, formsets, nested, change)
