"""The blocks of a section: the `Block` row every kind shares (section, position, sources) and
the kinds whose words are text, paragraphs with the quotes inside them and pull quotes.

A block is a Paragraph, a Figure (articles/models/figures.py) or a PullQuote; the kinds share
one `Block` table (multi-table inheritance) so that their order within a section is a single
`position` sequence the database keeps unique. articles/kinds.py describes every kind."""

from django.core.exceptions import ObjectDoesNotExist
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..content_queryset import ContentQuerySet
from ..rendering import MAXIMUM_MARKDOWN_LENGTH, count_words, html_to_text, render_markdown
from ..text import validate_multi_line
from .articles import Section
from .sources import Source


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

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="blocks", verbose_name=_("section"))
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

    paragraph = models.ForeignKey(
        Paragraph, on_delete=models.CASCADE, related_name="quotes", verbose_name=_("paragraph")
    )
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
