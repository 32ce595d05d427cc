"""Articles and their sections: what an article is as a whole (headline, status, publication
time, topics) and the ordered sections its blocks sit in."""

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from ..addresses import ArticleSlugRedirect, old_address_error
from ..content_queryset import ContentQuerySet
from ..text import validate_multi_line, validate_one_line

language_code_validator = RegexValidator(
    r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$",
    _("Use a language code such as “es”, “en” or “pt-BR”."),
)


class ArticleQuerySet(ContentQuerySet):
    def published(self):
        """What readers may see: published, with a publication time that has come and no expiry
        time that has passed."""
        now = timezone.now()
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=now).exclude(expire_at__lte=now)

    def with_unpublished_changes(self):
        """Articles readers can see (or will: scheduled) whose working version, their rows, an editor
        changed since it was made public (articles/publishing.py)."""
        return self.filter(status=Article.Status.PUBLISHED, has_unpublished_changes=True)

    def revoke_previews(self):
        """Make every signed preview link to these articles given out so far stop working."""
        return self.update(preview_version=models.F("preview_version") + 1)

    def citing(self, source):
        """The articles that cite `source` anywhere, each once (read from their stored `ArticleSource` rows)."""
        return self.filter(source_uses__source=source)

    def with_body(self):
        """Articles with everything their page and their export show, in a fixed number of queries
        however long the article: tags, lead figure, sections, blocks of every kind, quotes, sources.

        `Block.specific` then finds the Paragraph, Figure or PullQuote without a query. The
        sources of a block are prefetched on the Block row itself: read ``block.sources.all``,
        not the sources of ``block.specific``."""
        from ..kinds import block_prefetches, block_select_related, lead_figure_prefetches
        from .blocks import Block

        blocks = Block.objects.select_related(*block_select_related()).prefetch_related(*block_prefetches())
        return self.select_related("lead_figure").prefetch_related(
            "tags",
            *lead_figure_prefetches(),
            models.Prefetch(
                "sections", queryset=Section.objects.prefetch_related(models.Prefetch("blocks", queryset=blocks))
            ),
        )


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")

    headline = models.CharField(_("headline"), max_length=300, validators=[validate_one_line])
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        help_text=_(
            "The last part of the article's web address. Once the article is published, only an editor "
            "changes it, and the old address keeps leading readers to the new one."
        ),
    )
    standfirst = models.TextField(
        _("standfirst"),
        blank=True,
        default="",
        validators=[validate_multi_line],
        help_text=_("The summary printed under the headline."),
    )
    language = models.CharField(
        _("language"),
        max_length=12,
        default="es",
        validators=[language_code_validator],
        help_text=_("The language the article is written in, as a code: “es”, “en”…"),
    )
    byline = models.CharField(_("byline"), max_length=200, blank=True, default="", validators=[validate_one_line])
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        _("publication time"),
        null=True,
        blank=True,
        help_text=_("Set when the article is first published; readers see this time."),
    )
    expire_at = models.DateTimeField(
        _("expiry time"),
        null=True,
        blank=True,
        help_text=_("Optional: when the article leaves the site by itself. Leave empty to keep it published."),
    )
    correction_note = models.TextField(
        _("correction note"),
        blank=True,
        default="",
        validators=[validate_multi_line],
        help_text=_(
            "Shown to readers at the end of the article when something published was wrong and has been corrected."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # The words of its paragraphs, for the reading time lists show: kept by articles/counts.py.
    word_count = models.PositiveIntegerField(editable=False, default=0)
    # Counts saves, so that an editor saving a copy that someone else changed meanwhile is told.
    edit_version = models.PositiveIntegerField(default=1, editable=False)
    # Part of every signed preview link (articles/preview.py): raised when the article is
    # unpublished (articles/publishing.py) or an editor revokes the links, it makes every link
    # given out so far stop working.
    preview_version = models.PositiveIntegerField(default=1, editable=False)
    # Set when an editor saves a draft of an article readers can see (published or scheduled): its
    # rows, the working version, then differ from its public version, which stays as it was until
    # the article is published again (articles/publishing.py).
    has_unpublished_changes = models.BooleanField(_("unpublished changes"), default=False, editable=False)
    tags = TaggableManager(_("topics"), blank=True, help_text=_("Topics, separated by commas."))

    objects = ArticleQuerySet.as_manager()

    class Meta:
        # Newest first, the newer of two published at the same time first: the order of every list.
        ordering = ["-published_at", "-id"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        permissions = [
            ("publish_article", _("Can publish, schedule and unpublish articles")),
            ("restore_article", _("Can restore an earlier revision of an article")),
        ]
        indexes = [
            # Lists read published articles in this order and page through their keys alone.
            models.Index(fields=["status", "-published_at", "-id"], name="article_published_order"),
            # The sitemap index asks when a published article last changed.
            models.Index(fields=["status", "-updated_at"], name="article_published_updated"),
        ]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        # A copy loaded before its paragraphs changed must not write back their old word count.
        if not self._state.adding and self.pk is not None and (update_fields is None or "word_count" in update_fields):
            from ..counts import word_count_of

            self.word_count = word_count_of(self.pk)
        before = None
        if self.pk is not None and (update_fields is None or {"slug", "status"} & set(update_fields)):
            before = Article.objects.filter(pk=self.pk).values("slug", "status").first()
        super().save(*args, **kwargs)
        if before is None:
            return
        if before["slug"] != self.slug:
            ArticleSlugRedirect.objects.record_change(
                self, before["slug"], was_published=before["status"] == self.Status.PUBLISHED
            )

    def get_absolute_url(self):
        return reverse("articles:article_detail", kwargs={"slug": self.slug})

    def validate_unique(self, exclude=None):
        """Slugs are unique, and another article's old address (articles/addresses.py) is taken too."""
        errors = {}
        try:
            super().validate_unique(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if "slug" not in (exclude or ()) and "slug" not in errors:
            error = old_address_error(self.slug, self.pk)
            if error is not None:
                errors["slug"] = [error]
        if errors:
            raise ValidationError(errors)

    @property
    def lead_figure_or_none(self):
        try:
            return self.lead_figure
        except ObjectDoesNotExist:
            return None


class Section(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="sections", verbose_name=_("article"))
    position = models.PositiveIntegerField(_("position"))
    heading = models.CharField(
        _("heading"),
        max_length=300,
        blank=True,
        default="",
        validators=[validate_one_line],
        help_text=_("Leave empty for an untitled opening section."),
    )
    anchor = models.SlugField(
        _("anchor"),
        max_length=100,
        blank=True,
        default="",
        help_text=_(
            "The #fragment that links to this section. Filled in from the heading the first time; "
            "it stays put when the heading is corrected, so shared links keep working."
        ),
    )

    objects = ContentQuerySet.as_manager()

    class Meta:
        ordering = ["position"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        constraints = [
            models.UniqueConstraint(fields=["article", "position"], name="section_unique_position"),
            models.UniqueConstraint(fields=["article", "anchor"], name="section_unique_anchor"),
        ]

    def __str__(self):
        return self.heading or _("Untitled section %(position)s") % {"position": self.position}

    def save(self, *args, **kwargs):
        if not self.anchor:
            self.anchor = self.make_anchor()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#{self.anchor}"

    def make_anchor(self):
        """An anchor from the heading, unique within the article; given once, never recomputed."""
        taken = set(
            Section.objects.filter(article_id=self.article_id).exclude(pk=self.pk).values_list("anchor", flat=True)
        )
        return self.anchor_for(self.heading, self.position, taken)

    @staticmethod
    def anchor_for(heading, position, taken):
        """The anchor of a section with `heading` at `position`, avoiding the anchors in `taken`."""
        base = slugify(heading)[:90] or f"section-{position}"
        anchor, counter = base, 2
        while anchor in taken:
            anchor, counter = f"{base}-{counter}", counter + 1
        return anchor
