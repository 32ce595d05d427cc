"""Sources merged into another, remembered after the duplicates are deleted.

An article's earlier revisions refer to sources by primary key (see articles/revisions.py); a
merge deletes the duplicates, so without this record restoring a revision from before the merge
would cite sources that no longer exist. Merging calls `SourceMerge.objects.record`; restoring
asks `kept_for` which source each missing key became.

Defined apart from articles/models.py (which imports it, so that Django sees the model) to keep
that module to its size.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .content_queryset import ContentQuerySet


class SourceMergeQuerySet(ContentQuerySet):
    def record(self, keep, duplicates):
        """Remember that `duplicates` were merged into `keep`; call before deleting them.

        Sources merged earlier into one of `duplicates` now lead to `keep` too, so one look-up
        always finds a source that exists."""
        duplicates = [source for source in duplicates if source.pk != keep.pk]
        self.filter(kept__in=duplicates).update(kept=keep)
        self.bulk_create([self.model(merged_pk=source.pk, merged_name=source.name, kept=keep) for source in duplicates])

    def kept_for(self, pks):
        """{merged key: its SourceMerge, with the source kept} for those of `pks` that were merged."""
        return {merge.merged_pk: merge for merge in self.filter(merged_pk__in=pks).select_related("kept")}


class SourceMerge(models.Model):
    merged_pk = models.PositiveBigIntegerField(_("key of the merged source"), unique=True)
    merged_name = models.CharField(_("name of the merged source"), max_length=200)
    # A source kept and deleted later takes its record along: citations of it are then dropped.
    kept = models.ForeignKey(
        "articles.Source", on_delete=models.CASCADE, related_name="merged_sources", verbose_name=_("source kept")
    )
    merged_at = models.DateTimeField(_("merged on"), auto_now_add=True)

    objects = SourceMergeQuerySet.as_manager()

    class Meta:
        verbose_name = _("source merge")
        verbose_name_plural = _("source merges")

    def __str__(self):
        return f"{self.merged_name} → {self.kept}"
