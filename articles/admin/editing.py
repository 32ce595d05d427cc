"""Editing paragraph text in the admin: the Markdown help and preview, and quotes that must
occur in the paragraph they claim to be in."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse_lazy
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from articles.quotation import SAME_MARKS
from articles.rendering import MAXIMUM_MARKDOWN_LENGTH, html_to_text, render_markdown

from .forms import PositionedForm

MARKDOWN_HELP = _(
    "Markdown: *italics*, **bold**, [link text](https://…), `code`, lists with “- ” or “1. ” at the "
    "start of a line. Headings, pictures, tables and HTML tags are removed: sections and figures "
    "have their own fields. Quotation marks stay in the text."
)
PREVIEW_SCRIPT = "js/admin-markdown-preview.js"
PREVIEW_STYLE = "admin-extra/editing.css"
PREVIEW_URL = reverse_lazy("admin:articles_markdown_preview")
PREVIEW_PERMISSION = "articles.change_paragraph"
READER_FRAME = "admin/articles/_reader_frame.html"
FRAME_TITLE = _("The paragraph as readers will see it")


def normalise_for_matching(text):
    """Text without Markdown or HTML, with one kind of quotation mark and single spaces."""
    plain = html_to_text(render_markdown(text))
    # “ready” in the quote matches «ready» in the paragraph.
    return " ".join(plain.translate(SAME_MARKS).split())


def quote_occurs_in(quote_text, paragraph_text):
    quoted = normalise_for_matching(quote_text).strip("\"' ")
    return bool(quoted) and quoted in normalise_for_matching(paragraph_text)


class MarkdownTextarea(forms.Textarea):
    """A textarea with a "Preview" button (see static/js/admin-markdown-preview.js)."""

    class Media:
        js = [PREVIEW_SCRIPT]
        css = {"all": [PREVIEW_STYLE]}

    def __init__(self, attrs=None):
        super().__init__({"rows": 6, "cols": 60, **(attrs or {})})

    def render(self, name, value, attrs=None, renderer=None):
        textarea = super().render(name, value, attrs, renderer)
        return format_html(
            '<div class="markdown-field">{}<div class="markdown-preview" data-preview-url="{}" data-frame-title="{}">'
            '<button type="button" class="button markdown-preview__button" data-error-text="{}" hidden>{}</button>'
            '<noscript><a href="{}" target="_blank" rel="noopener">{}</a></noscript>'
            '<div class="markdown-preview__output" aria-live="polite" hidden></div></div></div>',
            textarea,
            PREVIEW_URL,
            FRAME_TITLE,
            _("The preview could not be made."),
            _("Preview"),
            PREVIEW_URL,
            _("Open the Markdown preview page"),
        )


class ParagraphForm(PositionedForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "text" in self.fields:
            self.fields["text"].help_text = MARKDOWN_HELP
            self.fields["text"].widget = MarkdownTextarea()


class QuoteFormSet(BaseInlineFormSet):
    """Each quote's words must be in its paragraph's text (as the editor is about to save it)."""

    def clean(self):
        super().clean()
        paragraph_text = self.instance.text
        for form in self.forms:
            if form in self.deleted_forms or not hasattr(form, "cleaned_data"):
                continue
            text = form.cleaned_data.get("text")
            if text and not quote_occurs_in(text, paragraph_text):
                form.add_error(
                    "text",
                    ValidationError(
                        _(
                            "“%(quote)s” does not occur in the paragraph's text. Copy the words exactly as the paragraph has them."
                        ),
                        code="quote_not_in_paragraph",
                        params={"quote": text[:80]},
                    ),
                )


@require_http_methods(["GET", "POST"])
def markdown_preview(request):
    """The paragraph text as readers will see it, sanitised like the public page.

    With ``frame=1`` (the Preview button) the HTML is returned in a page of its own styled as the
    reader's (`reader_frame`), with ``fragment=1`` alone; otherwise an admin page with a form, for
    editors without JavaScript. The admin site lets in staff only (see
    `MarkdownPreviewMixin`), and of them those who may write paragraphs.
    """
    if not request.user.has_perm(PREVIEW_PERMISSION):
        raise PermissionDenied
    text = request.POST.get("text", request.GET.get("text", ""))
    if len(text) > MAXIMUM_MARKDOWN_LENGTH:
        # As the paragraph form would refuse it; the editor sees why instead of a preview.
        rendered = format_html(
            '<p class="errornote">{}</p>',
            _("The text has %(length)s characters; a paragraph has at most %(limit)s.")
            % {"length": f"{len(text):,}", "limit": f"{MAXIMUM_MARKDOWN_LENGTH:,}"},
        )
    else:
        rendered = render_markdown(text)
    headers = {"X-Robots-Tag": "noindex"}
    if request.POST.get("frame") or request.GET.get("frame"):
        return HttpResponse(reader_frame(rendered), content_type="text/html; charset=utf-8", headers=headers)
    if request.POST.get("fragment") or request.GET.get("fragment"):
        return HttpResponse(rendered, content_type="text/html; charset=utf-8", headers=headers)
    context = {
        **admin.site.each_context(request),
        "title": _("Markdown preview"),
        "text": text,
        "rendered": rendered,
        "framed": reader_frame(rendered),
    }
    return TemplateResponse(request, "admin/articles/markdown_preview.html", context)


def reader_frame(rendered):
    """A page holding only the paragraph, styled by the reader's own style sheet: the admin shows
    it in a frame, so that the preview looks as the paragraph will on the article's page."""
    return render_to_string(READER_FRAME, {"rendered": rendered, "title": FRAME_TITLE})


class MarkdownPreviewMixin:
    """For ParagraphAdmin: serves the preview at /admin/articles/paragraph/markdown-preview/."""

    def get_urls(self):
        preview = path(
            "markdown-preview/", self.admin_site.admin_view(markdown_preview), name="articles_markdown_preview"
        )
        return [preview, *super().get_urls()]
