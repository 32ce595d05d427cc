"""Sources: the agencies, governments, channels and people that articles cite, and the record
of sources merged into another."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..content_queryset import ContentQuerySet
from ..text import validate_multi_line, validate_one_line
from .article_sources import ArticleSource


class SourceQuerySet(ContentQuerySet):
    def cited_by(self, articles):
        """The sources that `articles` cite anywhere, each once (read from their stored `ArticleSource` rows).

        Asked source by source, for the first of its rows in `articles` (the (source, article)
        index finds it at once): a join would read the rows of every article in the archive."""
        first_citing = ArticleSource.objects.filter(source=models.OuterRef("pk"), article__in=articles)
        return self.alias(first_citing=models.Subquery(first_citing.values("article")[:1])).filter(
            first_citing__isnull=False
        )

    def merge_into(self, keep, user=None):
        """Merge these sources into `keep` (articles/merging.py): their citations move to it, their
        names become its other names, and they are deleted. Returns how many were merged."""
        from ..merging import merge_sources

        duplicates = [source for source in self if source.pk != keep.pk]
        merge_sources(keep, duplicates, user=user)
        return len(duplicates)


class Source(models.Model):
    class Kind(models.TextChoices):
        NEWS_AGENCY = "news_agency", _("news agency")
        STATE_MEDIA = "state_media", _("state media")
        GOVERNMENT = "government", _("government body")
        INTERNATIONAL_ORGANISATION = "international_organisation", _("international organisation")
        SOCIAL_MEDIA = "social_media", _("social-media channel")
        MEDIA = "media", _("newspaper or broadcaster")
        PERSON = "person", _("person or expert")
        OTHER = "other", _("other")

    # Kinds that report what others said, as opposed to saying it themselves.
    REPORTING_KINDS = {Kind.NEWS_AGENCY, Kind.STATE_MEDIA, Kind.MEDIA}

    name = models.CharField(_("name"), max_length=200, unique=True, validators=[validate_one_line])
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices, default=Kind.OTHER)
    country = models.CharField(_("country"), max_length=100, blank=True, default="", validators=[validate_one_line])
    url = models.URLField(_("URL"), blank=True, default="", validators=[validate_one_line])
    aliases = models.TextField(
        _("other names"),
        blank=True,
        default="",
        validators=[validate_multi_line],
        help_text=_(
            "Other ways articles write this name, one per line (for example “Korean Central "
            "News Agency” for KCNA, or “Howell” for Edward Howell). The importer recognises them."
        ),
    )

    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:source_detail", kwargs={"slug": self.slug})

    def alias_list(self):
        return [alias.strip() for alias in self.aliases.splitlines() if alias.strip()]

    @property
    def kind_label(self):
        """`get_kind_display()` without building the choices anew at each call: pages list many sources."""
        try:
            return self.Kind(self.kind).label
        except ValueError:
            return self.kind


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
    """A source merged into another, remembered after the duplicate is deleted.

    An article's earlier revisions refer to sources by primary key (see articles/revisions.py);
    a merge deletes the duplicates, so without this record restoring a revision from before the
    merge would cite sources that no longer exist. Merging calls `SourceMerge.objects.record`;
    restoring asks `kept_for` which source each missing key became."""

    merged_pk = models.PositiveBigIntegerField(_("key of the merged source"), unique=True)
    merged_name = models.CharField(_("name of the merged source"), max_length=200)
    # A source kept and deleted later takes its record along: citations of it are then dropped.
    kept = models.ForeignKey(
        Source, on_delete=models.CASCADE, related_name="merged_sources", verbose_name=_("source kept")
    )
    merged_at = models.DateTimeField(_("merged on"), auto_now_add=True)

    objects = SourceMergeQuerySet.as_manager()

    class Meta:
        verbose_name = _("source merge")
        verbose_name_plural = _("source merges")

    def __str__(self):
        return f"{self.merged_name} → {self.kept}"
