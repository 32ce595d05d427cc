"""Importing an article from the admin: a plain-text article (the seed's format) or an
`article.v1` JSON export becomes a draft, and the editor gets a report of what was found and
of the attributions to check.

An article whose slug is taken is refused with a clear error; the form offers a slug field so
the editor can choose another one (no silent suffixes: two copies of one story are rarely wanted).
"""

import operator
from dataclasses import dataclass, field
from functools import reduce

import reversion
from django import forms
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles import attribution, pending_uploads, revisions
from articles.addresses import old_address_error
from articles.attribution_words import GIVEN_IN_THE_FILE
from articles.importing import (
    MAXIMUM_FILE_BYTES,
    ArticleImportError,
    ParsedFigure,
    ParsedParagraph,
    parse_article_bytes,
    save_article,
    slug_for,
)
from articles.kinds import kind_of, quotations
from articles.models import Article, Block, Source

from .import_errors import translated
from .kept_uploads import KeptFileInput, keep_uploads, take_kept_uploads


class ImportArticleForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Article file"),
        widget=KeptFileInput,
        help_text=gettext_lazy(
            "Plain text in the seed's format (headline on the first line) or an article.v1 JSON export. "
            "The article is imported as a draft."
        ),
    )
    slug = forms.SlugField(
        label=gettext_lazy("Slug"),
        required=False,
        max_length=200,
        help_text=gettext_lazy("Leave empty to take it from the file (or from the headline)."),
    )

    def clean(self):
        cleaned_data = super().clean()
        upload = cleaned_data.get("file")
        if upload is None:
            return cleaned_data
        if upload.size > MAXIMUM_FILE_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(size)s; an article is much smaller.")
                % {"size": filesizeformat(MAXIMUM_FILE_BYTES)}
            )
        try:
            parsed = parse_article_bytes(upload.read())
            slug = cleaned_data.get("slug") or parsed.slug or slug_for(parsed.headline)
        except ArticleImportError as error:
            raise forms.ValidationError(cannot_import(error)) from None
        if Article.objects.filter(slug=slug).exists():
            self.add_error(
                "slug",
                _(
                    "An article with the slug “%(slug)s” already exists. Type another slug to import this file as a new article."
                )
                % {"slug": slug},
            )
        elif (error := old_address_error(slug)) is not None:
            self.add_error("slug", error)
        cleaned_data["parsed"], cleaned_data["slug"] = parsed, slug
        return cleaned_data


def cannot_import(error):
    return _("Cannot import this file: %(error)s.") % {"error": translated(error)}


@dataclass
class ImportReport:
    """What an import found, for the editor to check."""

    article: Article
    sections: int = 0
    paragraphs: int = 0
    figures: int = 0
    quotes: int = 0
    new_sources: list = field(default_factory=list)
    existing_sources: list = field(default_factory=list)
    quotes_to_check: list = field(default_factory=list)  # (quote, paragraph or pull quote, what is missing)
    figures_to_check: list = field(default_factory=list)
    # Every quote with its speaker, outlet and why, in reading order, so the editor sees each decision.
    attributions: list = field(default_factory=list)


@dataclass
class AttributionLine:
    text: str
    speaker: str
    outlet: str
    why: str

    @property
    def is_incomplete(self):
        return not (self.speaker and self.outlet)


# The attribution engine's cues (articles/attribution.py), as the editor reads them.
CUE_LABELS = {
    attribution.AFTER_THE_QUOTE: gettext_lazy("speech verb after the quote, then the name"),
    attribution.BEFORE_THE_QUOTE: gettext_lazy("name and speech verb before the quote"),
    attribution.EARLIER: gettext_lazy("speech verb without a name: the person earlier in the paragraph"),
    attribution.CONTINUES: gettext_lazy("continues the previous quote"),
    attribution.ORGANISATION: gettext_lazy("an organisation speaks: no person to name, check the speaker"),
    attribution.ANONYMOUS: gettext_lazy("an anonymous speaker: no name to record"),
    GIVEN_IN_THE_FILE: gettext_lazy("given in the file"),
}


def attribution_lines(parsed):
    """What the importer decided for each quote and why; a quote from a JSON export keeps its file's speaker."""
    lines = []
    for quote in parsed.quotes():
        cue = getattr(quote, "cue", None)
        if cue is None:  # a pull quote: its attribution is the editor's, from the file
            cue = GIVEN_IN_THE_FILE
        why = CUE_LABELS.get(cue, cue) if cue else _("no cue found: check the speaker")
        speaker, outlet = (ref.name if ref else "" for ref in (quote.speaker, quote.source))
        lines.append(AttributionLine(quote.text, speaker, outlet, str(why)))
    return lines


def named_sources(parsed):
    """The names of every source the parsed article refers to, in reading order, once each."""
    names = []
    figures = [parsed.lead_figure] if parsed.lead_figure else []
    for section in parsed.sections:
        for block in section.blocks:
            if isinstance(block, ParsedParagraph):
                names.extend(ref.name for ref in block.sources)
            elif isinstance(block, ParsedFigure):
                figures.append(block)
    for figure in figures:
        names.extend(ref.name for ref in figure.sources)
    for quote in parsed.quotes():
        names.extend(ref.name for ref in (quote.speaker, quote.source) if ref is not None)
    return list(dict.fromkeys(names))


def known_source_names(names):
    """The lowercased `names` that already name a source (as the importer matches them: ignoring case)."""
    if not names:
        return set()
    matching = Source.objects.filter(reduce(operator.or_, (Q(name__iexact=name) for name in names)))
    found = {source_name.lower() for source_name in matching.values_list("name", flat=True)}
    return {name.lower() for name in names if name.lower() in found}


def import_article(parsed, slug, user, file_name):
    """Save `parsed` as a draft, recorded as the article's first revision, and report on it."""
    names = named_sources(parsed)
    known = known_source_names(names)
    parsed.status, parsed.published_at = Article.Status.DRAFT, None
    with transaction.atomic(), reversion.create_revision():
        reversion.set_user(user)
        reversion.set_comment(_("Imported from the file “%(name)s”.") % {"name": file_name})
        article = save_article(parsed, slug=slug)
        revisions.add_article(article)
    report = ImportReport(
        article=article,
        new_sources=[name for name in names if name.lower() not in known],
        existing_sources=[name for name in names if name.lower() in known],
        attributions=attribution_lines(parsed),
    )
    new_source_ids = set(Source.objects.filter(name__in=report.new_sources).values_list("pk", flat=True))
    saved = Article.objects.with_body().get(pk=article.pk)
    for section in saved.sections.all():
        report.sections += 1
        for block in section.blocks.all():
            specific = block.specific
            if block.kind == Block.Kind.PARAGRAPH:
                report.paragraphs += 1
            quotes = list(quotations(block))
            report.quotes += len(quotes)
            for quote in quotes:
                missing = [
                    label
                    for label, value in ((_("speaker"), quote.speaker), (_("outlet"), quote.source))
                    if value is None
                ]
                if missing:
                    report.quotes_to_check.append((quote, specific, ", ".join(missing)))
            if kind_of(block).photo:
                report.figures += 1
                if unsure_credit(specific, block.sources.all(), new_source_ids):
                    report.figures_to_check.append(specific)
    lead = saved.lead_figure_or_none
    if lead is not None:
        report.figures += 1
        if unsure_credit(lead, lead.sources.all(), new_source_ids):
            report.figures_to_check.append(lead)
    return report


def unsure_credit(figure, sources, new_source_ids):
    """A credit line none of whose names was a source known before the import."""
    return bool(figure.credit) and all(source.pk in new_source_ids for source in sources)


class ImportArticleMixin:
    """For ArticleAdmin: the "Import article" page, linked from the list of articles."""

    change_list_template = "admin/articles/article_import_change_list.html"

    def get_urls(self):
        return [
            path("import/", self.admin_site.admin_view(self.import_view), name="articles_article_import"),
            *super().get_urls(),
        ]

    def import_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        # A file chosen for a refused import (its slug taken…) comes back with the form.
        kept = take_kept_uploads(request) if request.method == "POST" else {}
        form = ImportArticleForm(request.POST or None, request.FILES or None)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Import an article"),
            "form": form,
        }
        if request.method == "POST" and form.is_valid():
            try:
                report = import_article(
                    form.cleaned_data["parsed"], form.cleaned_data["slug"], request.user, form.cleaned_data["file"].name
                )
            except ArticleImportError as error:
                # Checked in the form already; another import may have taken the slug since.
                form.add_error(None, cannot_import(error))
                keep_uploads(request, form, kept, names=["file"])
                return TemplateResponse(request, "admin/articles/article_import.html", context)
            pending_uploads.discard(kept.values())
            self.log_addition(request, report.article, [{"added": {}}])
            return TemplateResponse(
                request,
                "admin/articles/article_import_report.html",
                {
                    **context,
                    "title": _("Imported: %(headline)s") % {"headline": report.article.headline},
                    "report": report,
                },
            )
        if form.is_bound and "parsed" in form.cleaned_data:
            keep_uploads(request, form, kept, names=["file"])
        return TemplateResponse(request, "admin/articles/article_import.html", context)
