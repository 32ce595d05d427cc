"""Figures: a picture with its description and its credit line split into parts, as a block in a
section or as the lead figure at the top of an article."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..content_queryset import ContentQuerySet
from ..credits import split_credit
from ..text import validate_multi_line, validate_one_line
from .articles import Article
from .blocks import Block
from .sources import Source


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

    article = models.OneToOneField(
        Article, on_delete=models.CASCADE, related_name="lead_figure", verbose_name=_("article")
    )
    sources = models.ManyToManyField(Source, blank=True, related_name="lead_figures", verbose_name=_("sources"))

    class Meta:
        verbose_name = _("lead figure")
        verbose_name_plural = _("lead figures")

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#{self.anchor}"

    @property
    def anchor(self):
        return "lead-figure"
