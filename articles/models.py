"""An article stored as structured data.

Article → ordered Sections → ordered Blocks. A block is a Paragraph (Markdown), a
Figure or a PullQuote; the three share one `Block` table (multi-table inheritance)
so that their order within a section is a single `position` sequence the database
keeps unique. Quotes found inside a paragraph are `Quote` rows linked to it.
Sources (agencies, governments, channels, experts) tag paragraphs, quotes and figures.
"""

from functools import reduce
from operator import or_

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.validators import MaxLengthValidator, RegexValidator
from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from .addresses import ArticleSlugRedirect, old_address_error
from .content_queryset import ContentQuerySet
from .credits import split_credit
from .rendering import MAXIMUM_MARKDOWN_LENGTH, count_words, html_to_text, render_markdown
from .text import validate_multi_line, validate_one_line

language_code_validator = RegexValidator(
    r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$",
    _("Use a language code such as “es”, “en” or “pt-BR”."),
)


class SourceQuerySet(ContentQuerySet):
    def cited_by(self, articles):
        """The sources that `articles` cite anywhere, each once."""
        # articles/kinds.py describes these models, so it can only be imported once they exist.
        from .kinds import citation_paths

        return self.filter(reduce(or_, (models.Q(pk__in=articles.values(path)) for path in citation_paths())))


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


class ArticleQuerySet(ContentQuerySet):
    def published(self):
        """What readers may see: published, with a publication time that has come."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())

    def revoke_previews(self):
        """Make every signed preview link to these articles given out so far stop working."""
        return self.update(preview_version=models.F("preview_version") + 1)

    def citing(self, source):
        """The articles that cite `source` anywhere, each once."""
        from .kinds import citation_paths

        return self.filter(
            reduce(
                or_,
                (models.Q(pk__in=Article.objects.filter(**{path: source}).values("pk")) for path in citation_paths()),
            )
        )

    def with_word_count(self):
        """Each article annotated with `word_count`, the words of its paragraphs, in the same query."""
        words = (
            Paragraph.objects.filter(section__article=models.OuterRef("pk"))
            .order_by()
            .values("section__article")
            .annotate(total=models.Sum("word_count"))
            .values("total")
        )
        return self.annotate(word_count=Coalesce(models.Subquery(words), 0))

    def with_body(self):
        """Articles with everything their page and their export show, in a fixed number of queries
        however long the article: tags, lead figure, sections, blocks of every kind, quotes, sources.

        `Block.specific` then finds the Paragraph, Figure or PullQuote without a query. The
        sources of a block are prefetched on the Block row itself: read ``block.sources.all``,
        not the sources of ``block.specific``."""
        from .kinds import block_prefetches, block_select_related, lead_figure_prefetches

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
    # Counts saves, so that an editor saving a copy that someone else changed meanwhile is told.
    edit_version = models.PositiveIntegerField(default=1, editable=False)
    # Part of every signed preview link (articles/preview.py): raised when the article is
    # unpublished (articles/publishing.py) or an editor revokes the links, it makes every link
    # given out so far stop working.
    preview_version = models.PositiveIntegerField(default=1, editable=False)
    tags = TaggableManager(_("topics"), blank=True, help_text=_("Topics, separated by commas."))

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-created_at"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        permissions = [("publish_article", _("Can publish, schedule and unpublish articles"))]
        indexes = [models.Index(fields=["status", "-published_at"], name="article_status_published")]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
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
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="sections")
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


class BlockQuerySet(ContentQuerySet):
    def with_specific(self):
        """Blocks with the row of their kind (Paragraph, Figure or PullQuote), in the same query."""
        return self.select_related(*Block.Kind.values)

    def fill_kinds(self):
        """Set the `kind` of blocks stored without one from the row of their kind: revisions
        recorded before blocks stored their kind bring such blocks back when restored."""
        for kind in Block.Kind.values:
            self.filter(kind="", **{f"{kind}__isnull": False}).update(kind=kind)


class Block(models.Model):
    """One item of a section's body. Its kind is a model inheriting from Block that holds the
    rest (a Paragraph, Figure or PullQuote); articles/kinds.py describes every kind."""

    class Kind(models.TextChoices):
        # Each value is its model's name, hence also the name of Block's link to the kind's row.
        PARAGRAPH = "paragraph", _("paragraph")
        FIGURE = "figure", _("figure")
        PULLQUOTE = "pullquote", _("pull quote")

    # Each kind sets these: which Kind it is, and the template the article page renders it with.
    KIND = ""
    template_name = ""

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="blocks")
    position = models.PositiveIntegerField(_("position"))
    # Stored so that `specific` and `anchor` know the kind without looking for its row.
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, editable=False)
    sources = models.ManyToManyField(
        Source,
        blank=True,
        related_name="blocks",
        verbose_name=_("sources"),
        help_text=_("Who this statement or photo relies on."),
    )

    objects = BlockQuerySet.as_manager()

    class Meta:
        ordering = ["position"]
        verbose_name = _("block")
        verbose_name_plural = _("blocks")
        constraints = [models.UniqueConstraint(fields=["section", "position"], name="block_unique_position")]

    def __str__(self):
        specific = self.specific
        return f"Block {self.pk}" if specific is self else str(specific)

    def save(self, *args, **kwargs):
        if self.KIND:
            self.kind = self.KIND
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{self.section.article.get_absolute_url()}#{self.anchor}"

    @property
    def specific(self):
        """The Paragraph, Figure or PullQuote this block is, found by its stored `kind`: no query
        when loaded `with_specific()`, else one query for that kind's row."""
        if type(self) is not Block or not self.kind:
            return self
        try:
            return getattr(self, self.kind)
        except ObjectDoesNotExist:
            return self

    @property
    def anchor(self):
        return f"{self.kind}-{self.pk}"


class Paragraph(Block):
    KIND = Block.Kind.PARAGRAPH
    template_name = "articles/blocks/paragraph.html"

    # max_length gives the admin's form field the limit; the validator gives it to full_clean and the importer.
    text = models.TextField(
        _("text"),
        max_length=MAXIMUM_MARKDOWN_LENGTH,
        validators=[validate_multi_line, MaxLengthValidator(MAXIMUM_MARKDOWN_LENGTH)],
        help_text=_("Markdown: *italics*, **bold**, [link text](https://…). Quotation marks stay in the text."),
    )
    # Derived from `text` on save; never edited by hand.
    text_html = models.TextField(editable=False, blank=True, default="")
    word_count = models.PositiveIntegerField(editable=False, default=0)

    class Meta:
        verbose_name = _("paragraph")
        verbose_name_plural = _("paragraphs")

    def __str__(self):
        return self.text[:80]

    def save(self, *args, **kwargs):
        self.derive_from_text()
        super().save(*args, **kwargs)

    def derive_from_text(self):
        """Fill `text_html` and `word_count` from `text` (done on save; bulk writers call it themselves)."""
        self.text_html = render_markdown(self.text)
        self.word_count = count_words(self.text_html)

    @property
    def excerpt(self):
        """What it says, as plain text (a source's page lists it so)."""
        return html_to_text(self.text_html)


class FigureFields(models.Model):
    """What every figure has: a picture (optional), its description and its credit."""

    image = models.ImageField(
        _("image"),
        upload_to="figures/%Y/%m/",
        blank=True,
        width_field="image_width",
        height_field="image_height",
    )
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    alt_text = models.CharField(
        _("alt text"),
        max_length=500,
        blank=True,
        default="",
        validators=[validate_one_line],
        help_text=_("What the picture shows, for readers who cannot see it."),
    )
    caption = models.TextField(_("caption"), blank=True, default="", validators=[validate_multi_line])
    credit = models.CharField(
        _("credit"),
        max_length=300,
        blank=True,
        default="",
        validators=[validate_one_line],
        help_text=_(
            "As printed, e.g. “SPUTNIK/VLADIMIR SMIRNOV via REUTERS”. The parts below are filled in from it when left empty."
        ),
    )
    credit_source = models.CharField(
        _("credit: source"), max_length=200, blank=True, default="", validators=[validate_one_line]
    )
    credit_photographer = models.CharField(
        _("credit: photographer"), max_length=200, blank=True, default="", validators=[validate_one_line]
    )
    credit_distributor = models.CharField(
        _("credit: distributor"), max_length=200, blank=True, default="", validators=[validate_one_line]
    )

    objects = ContentQuerySet.as_manager()

    class Meta:
        abstract = True

    def __str__(self):
        return self.caption[:80] or self.credit or str(_("Figure"))

    def clean(self):
        super().clean()
        self.fill_credit_parts()

    def fill_credit_parts(self):
        """Split the credit line into its parts, unless an editor has set them."""
        if self.credit and not (self.credit_source or self.credit_photographer or self.credit_distributor):
            parts = split_credit(self.credit)
            self.credit_source, self.credit_photographer, self.credit_distributor = (
                parts.source,
                parts.photographer,
                parts.distributor,
            )

    @property
    def excerpt(self):
        return self.caption or self.credit or self.alt_text

    @property
    def credit_parts(self):
        return {
            "source": self.credit_source,
            "photographer": self.credit_photographer,
            "distributor": self.credit_distributor,
        }


class Figure(Block, FigureFields):
    KIND = Block.Kind.FIGURE
    template_name = "articles/blocks/figure.html"

    __str__ = FigureFields.__str__

    class Meta:
        verbose_name = _("figure")
        verbose_name_plural = _("figures")


class LeadFigure(FigureFields):
    """The picture at the top of an article, above the standfirst."""

    template_name = Figure.template_name

    article = models.OneToOneField(Article, on_delete=models.CASCADE, related_name="lead_figure")
    sources = models.ManyToManyField(Source, blank=True, related_name="lead_figures", verbose_name=_("sources"))

    class Meta:
        verbose_name = _("lead figure")
        verbose_name_plural = _("lead figures")

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#{self.anchor}"

    @property
    def anchor(self):
        return "lead-figure"


class QuoteFields(models.Model):
    text = models.TextField(
        _("quoted words"), validators=[validate_multi_line], help_text=_("The words only, without quotation marks.")
    )
    speaker = models.ForeignKey(
        Source,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="%(class)ss_spoken",
        verbose_name=_("speaker"),
        help_text=_("The person or body that said it."),
    )
    source = models.ForeignKey(
        Source,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="%(class)ss_reported",
        verbose_name=_("reported by"),
        help_text=_("The outlet that reported it (an agency, a channel, a newspaper)."),
    )

    objects = ContentQuerySet.as_manager()

    class Meta:
        abstract = True

    def __str__(self):
        return f"“{self.text[:70]}”"

    @property
    def excerpt(self):
        return self.text

    @property
    def cited_sources(self):
        return [source for source in (self.speaker, self.source) if source is not None]


class PullQuote(Block, QuoteFields):
    """A quotation displayed on its own between paragraphs."""

    KIND = Block.Kind.PULLQUOTE
    template_name = "articles/blocks/pullquote.html"

    __str__ = QuoteFields.__str__

    class Meta:
        verbose_name = _("pull quote")
        verbose_name_plural = _("pull quotes")


class Quote(QuoteFields):
    """Words quoted inside a paragraph's text."""

    paragraph = models.ForeignKey(Paragraph, on_delete=models.CASCADE, related_name="quotes")
    position = models.PositiveIntegerField(_("position"))

    class Meta:
        ordering = ["position"]
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")
        constraints = [models.UniqueConstraint(fields=["paragraph", "position"], name="quote_unique_position")]

    def get_absolute_url(self):
        return f"{self.paragraph.section.article.get_absolute_url()}#{self.anchor}"

    @property
    def anchor(self):
        return f"quote-{self.pk}"


class ContentVersion(models.Model):
    """One row that changes with everything readers' pages show, in the same transaction as the
    change, so that a page cached under a version number is never served after a change, by any
    process sharing the database. articles/content_version.py keeps it; articles/pagecache.py reads it.
    """

    # Grows at each change, and never falls below the time in microseconds: a database restored
    # from an older backup goes on from numbers never used before.
    number = models.BigIntegerField(default=0)
    changed_at = models.DateTimeField()
    # When the version before this one was made: two versions within one second cannot be told
    # apart by If-Modified-Since, which counts whole seconds.
    previous_changed_at = models.DateTimeField(null=True, blank=True)
    # The earliest publication time still to come: when it passes, pages change by themselves.
    next_publication = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("content version")
        verbose_name_plural = _("content versions")

    def __str__(self):
        return str(self.number)


# Kept in its own module, with the reason it exists; imported here so that Django registers it.
# Defined beside the search that reads it; imported here so that Django finds it.
from .search.models import SearchDocument  # noqa: E402, F401
from .source_merges import SourceMerge  # noqa: E402, F401
