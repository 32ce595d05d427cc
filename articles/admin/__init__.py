"""The editors' admin: articles, their sections in order, each section's blocks, and sources.

Rows with a `position` are saved through articles.ordering, so editors may swap or
repeat numbers freely (see admin/mixins.py).
"""

import nested_admin
from django.contrib import admin
from django.db import models
from django.forms import Textarea
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from articles.models import Article, Figure, LeadFigure, Paragraph, PullQuote, Quote, Section, Source
from articles.topics import validate_topic_list

from .arrange import ArrangeMixin
from .article_parts import ArticlePartPageMixin
from .conflicts import EditVersionMixin
from .drafts import ArticleDraftsMixin, DraftingMixin
from .editing import MarkdownPreviewMixin, ParagraphForm, QuoteFormSet
from .figures import CHECKED_IMAGES, CREDIT_FIELDS, FigureForm, FigureInlineMixin, RenditionsMixin
from .followed_sources import FollowedSourcesMixin
from .forms import PositionedForm, SectionForm
from .history import ArticleHistoryMixin, RevisionMixin
from .importing import ImportArticleMixin
from .kept_uploads import KeptUploadsMixin
from .live_preview import LivePreviewMixin
from .mixins import OrderedInlinesMixin, PositionedModelAdmin
from .one_page import STACKED_TEMPLATE, OnePageMixin, SectionInline, block_order
from .presence import PresenceMixin
from .publishing import LeadFigureFormSet, PublishingMixin
from .review import ReviewMixin
from .roles import MovingPartsMixin, PublishedWorkMixin
from .sources import SourceMergeMixin
from .topics import TopicAdmin  # noqa: F401 (registers the topics' admin page)

admin.site.site_header = _("News reader: newsroom")
admin.site.site_title = _("News reader newsroom")
admin.site.index_title = _("Articles and sources")

SHORT_TEXT = {models.TextField: {"widget": Textarea(attrs={"rows": 4, "cols": 60})}}


@admin.register(Source)
class SourceAdmin(SourceMergeMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "country"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "aliases"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "country", "url"]}),
        (_("Recognising the source"), {"fields": ["aliases"]}),
    ]
    # An address typed without a scheme is a web site today, and should not be sent over plain http.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class LeadFigureInline(PublishedWorkMixin, FigureInlineMixin, nested_admin.NestedStackedInline):
    model = LeadFigure
    template = STACKED_TEMPLATE
    formset = LeadFigureFormSet
    fields = ["current_image", "image", "alt_text", "caption", *CREDIT_FIELDS, "sources"]
    autocomplete_fields = ["sources"]
    formfield_overrides = {**SHORT_TEXT, **CHECKED_IMAGES}


@admin.register(Article)
class ArticleAdmin(
    ReviewMixin,
    ArticleDraftsMixin,
    RevisionMixin,
    EditVersionMixin,
    KeptUploadsMixin,
    PresenceMixin,
    LivePreviewMixin,
    ArticleHistoryMixin,
    ImportArticleMixin,
    PublishedWorkMixin,
    ArrangeMixin,
    PublishingMixin,
    RenditionsMixin,
    OnePageMixin,
    OrderedInlinesMixin,
    admin.ModelAdmin,
):
    ordered_children = "sections"
    structure_fields = ["slug"]
    list_display = ["headline", "publication_state", "published_at", "language"]
    list_filter = ["status", "language", "tags"]
    search_fields = ["headline", "standfirst", "slug", "byline"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["headline"]}
    fieldsets = [
        (None, {"fields": ["headline", "slug", "standfirst", "byline", "language", "tags"]}),
        (_("Publication"), {"fields": ["status", "published_at", "expire_at", "correction_note"]}),
    ]
    inlines = [LeadFigureInline, SectionInline]
    formfield_overrides = {**SHORT_TEXT, TaggableManager: {"validators": [validate_topic_list]}}


class BlockInlineMixin(PublishedWorkMixin):
    form = PositionedForm
    structure_fields = ["position"]
    extra = 0
    autocomplete_fields = ["sources"]
    formfield_overrides = SHORT_TEXT


class ParagraphInline(BlockInlineMixin, admin.TabularInline):
    model = Paragraph
    form = ParagraphForm
    fields = ["position", "text", "sources"]
    extra = 1
    show_change_link = True


class FigureInline(FigureInlineMixin, BlockInlineMixin, admin.StackedInline):
    model = Figure
    form = FigureForm
    fields = [("position", "sources"), "current_image", "image", "alt_text", "caption", *CREDIT_FIELDS]
    formfield_overrides = {**SHORT_TEXT, **CHECKED_IMAGES}


class PullQuoteInline(BlockInlineMixin, admin.TabularInline):
    model = PullQuote
    fields = ["position", "text", "speaker", "source", "sources"]
    autocomplete_fields = ["sources", "speaker", "source"]


@admin.register(Section)
class SectionAdmin(
    DraftingMixin,
    RevisionMixin,
    EditVersionMixin,
    KeptUploadsMixin,
    MovingPartsMixin,
    ArticlePartPageMixin,
    RenditionsMixin,
    FollowedSourcesMixin,
    OrderedInlinesMixin,
    PositionedModelAdmin,
):
    form = SectionForm
    parent_field = "article"
    structure_fields = ["article", "position"]
    ordered_children = "blocks"
    list_display = ["__str__", "article", "position"]
    list_select_related = ["article"]
    search_fields = ["heading", "anchor", "article__headline"]
    autocomplete_fields = ["article"]
    fieldsets = [
        (None, {"fields": ["article", ("position", "heading", "anchor")]}),
        (_("Order on the page"), {"fields": ["block_order"]}),
    ]
    readonly_fields = ["block_order"]
    inlines = [ParagraphInline, FigureInline, PullQuoteInline]

    @admin.display(description=_("blocks in reading order"))
    def block_order(self, section):
        return block_order(section)


class QuoteInline(PublishedWorkMixin, admin.TabularInline):
    model = Quote
    form = PositionedForm
    formset = QuoteFormSet
    fields = ["position", "text", "speaker", "source"]
    structure_fields = ["position"]
    autocomplete_fields = ["speaker", "source"]
    extra = 1
    formfield_overrides = SHORT_TEXT


@admin.register(Paragraph)
class ParagraphAdmin(
    DraftingMixin,
    RevisionMixin,
    EditVersionMixin,
    MovingPartsMixin,
    ArticlePartPageMixin,
    MarkdownPreviewMixin,
    FollowedSourcesMixin,
    OrderedInlinesMixin,
    PositionedModelAdmin,
):
    form = ParagraphForm
    parent_field = "section"
    structure_fields = ["section", "position"]
    ordered_children = "quotes"
    list_display = ["__str__", "section", "position"]
    list_select_related = ["section__article"]
    search_fields = ["text"]
    autocomplete_fields = ["section", "sources"]
    fields = [("section", "position"), "text", "sources"]
    inlines = [QuoteInline]
