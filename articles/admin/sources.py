"""The "Merge" action on the source list: the editor picks the source to keep, and
`SourceQuerySet.merge_into` (articles/merging.py) does the rest.

Merging deletes the duplicates, so the action needs both the change and the delete permission
on sources (Editors hold both, Contributors only the first); Django offers an action to anyone
holding any one of the permissions it lists, hence the combined `merge` permission.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db.models import Count
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from articles.kinds import citing_related_names
from articles.models import Source

# How a Source reaches each kind of row citing it.
CITING = citing_related_names()


def with_citation_counts(sources):
    """`sources` with a count of each kind of row citing them (summed by `citation_count`)."""
    return sources.annotate(**{f"{name}_count": Count(name, distinct=True) for name in CITING})


def citation_count(source):
    return sum(getattr(source, f"{name}_count", 0) for name in CITING)


class SourceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, source):
        cited = citation_count(source)
        return ngettext(
            "%(name)s (%(kind)s), cited %(count)d time", "%(name)s (%(kind)s), cited %(count)d times", cited
        ) % {"name": source.name, "kind": source.get_kind_display(), "count": cited}


class KeepSourceForm(forms.Form):
    keep = SourceChoiceField(
        queryset=Source.objects.none(),
        widget=forms.RadioSelect,
        label=_("Keep this source"),
        empty_label=None,
    )

    def __init__(self, *args, sources, **kwargs):
        super().__init__(*args, **kwargs)
        counted = with_citation_counts(sources)
        self.fields["keep"].queryset = counted
        # The most cited is usually the name editors chose first: offer it.
        self.fields["keep"].initial = max(counted, key=citation_count).pk


class SourceMergeMixin:
    """For SourceAdmin: the "Merge" action with its confirmation page."""

    actions = ["merge_selected_sources"]

    def has_merge_permission(self, request):
        return self.has_change_permission(request) and self.has_delete_permission(request)

    @admin.action(description=_("Merge the selected sources into one"), permissions=["merge"])
    def merge_selected_sources(self, request, queryset):
        if queryset.count() < 2:
            self.message_user(request, _("Select two or more sources to merge."), messages.WARNING)
            return None
        form = KeepSourceForm(request.POST if "confirm_merge" in request.POST else None, sources=queryset)
        if form.is_valid():
            keep = form.cleaned_data["keep"]
            merged = queryset.merge_into(keep, user=request.user)
            self.message_user(
                request,
                ngettext(
                    "Merged %(count)d source into “%(keep)s”.",
                    "Merged %(count)d sources into “%(keep)s”.",
                    merged,
                )
                % {"count": merged, "keep": keep},
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Merge sources"),
            "opts": self.model._meta,
            "form": form,
            "sources": queryset,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "media": self.media,
        }
        return TemplateResponse(request, "admin/articles/source/merge_confirmation.html", context)
