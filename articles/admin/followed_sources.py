"""Sources follow the text (articles/followed_sources.py) on every admin page that saves quotes
or figures: the article's own page (admin/one_page.py), a section's and a paragraph's."""

from articles.followed_sources import cite_credited_sources, cite_quoted_sources
from articles.models import Figure, Quote

from .figures import CREDIT_FIELDS


def follow_sources(formsets):
    """Sources follow the text (articles/followed_sources.py) for the quotes and figures just saved."""
    for formset in formsets:
        if getattr(formset, "not_saved", False):  # inside a row deleted or left blank
            continue
        for form in formset.forms:
            if form in formset.deleted_forms or not form.has_changed() or form.instance.pk is None:
                continue
            if formset.model is Quote and {"speaker", "source"} & set(form.changed_data):
                cite_quoted_sources(form.instance)
            elif formset.model is Figure and {"credit", *CREDIT_FIELDS[1]} & set(form.changed_data):
                cite_credited_sources(form.instance)


class FollowedSourcesMixin:
    """For the section's and paragraph's pages (the article's page calls `follow_sources` itself)."""

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        follow_sources(formsets)
