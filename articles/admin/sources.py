"""Merging duplicate sources: every citation moves to the source kept, the others' names
become its aliases, and the duplicates are deleted, all in one transaction."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db import transaction
from django.db.models import Count
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from articles.kinds import citing_related_names
from articles.models import Block, LeadFigure, PullQuote, Quote, Source, SourceMerge


def merge_sources(keep, duplicates):
    """Move every citation of `duplicates` to `keep`, record their names as its aliases, delete them."""
    duplicates = [source for source in duplicates if source.pk != keep.pk]
    duplicate_pks = [source.pk for source in duplicates]
    with transaction.atomic():
        for through, field in ((Block.sources.through, "block_id"), (LeadFigure.sources.through, "leadfigure_id")):
            cited = through.objects.filter(source_id__in=duplicate_pks)
            already = set(through.objects.filter(source_id=keep.pk).values_list(field, flat=True))
            through.objects.bulk_create(
                [
                    through(**{field: owner, "source_id": keep.pk})
                    for owner in set(cited.values_list(field, flat=True)) - already
                ]
            )
            cited.delete()
        for model in (Quote, PullQuote):
            model.objects.filter(speaker_id__in=duplicate_pks).update(speaker=keep)
            model.objects.filter(source_id__in=duplicate_pks).update(source=keep)
        names = keep.alias_list()
        for source in duplicates:
            for name in [source.name, *source.alias_list()]:
                if name != keep.name and name not in names:
                    names.append(name)
        keep.aliases = "\n".join(names)
        SourceMerge.objects.record(keep, duplicates)
        Source.objects.filter(pk__in=duplicate_pks).delete()
        keep.save(update_fields=["aliases"])
    return keep


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

    @admin.action(description=_("Merge the selected sources into one"), permissions=["change", "delete"])
    def merge_selected_sources(self, request, queryset):
        if queryset.count() < 2:
            self.message_user(request, _("Select two or more sources to merge."), messages.WARNING)
            return None
        form = KeepSourceForm(request.POST if "confirm_merge" in request.POST else None, sources=queryset)
        if form.is_valid():
            keep = form.cleaned_data["keep"]
            duplicates = list(queryset.exclude(pk=keep.pk))
            merge_sources(keep, duplicates)
            self.message_user(
                request,
                ngettext(
                    "Merged %(count)d source into “%(keep)s”.",
                    "Merged %(count)d sources into “%(keep)s”.",
                    len(duplicates),
                )
                % {"count": len(duplicates), "keep": keep},
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
