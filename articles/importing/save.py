"""Writing a checked `ParsedArticle` to the database in one transaction, so that bad input never
leaves half an article behind; `--publish` goes through the publishing rules (articles/publishing.py)."""

from urllib.parse import unquote

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.text import slugify

from .. import publishing
from ..counts import counted_once
from ..models import Article, LeadFigure, Paragraph, PullQuote, Quote, Section, Source
from ..models import Figure as FigureBlock
from .parsed import ArticleImportError, ParsedFigure, ParsedParagraph, check_tags

MAXIMUM_SLUG_LENGTH = 100


def slug_for(headline):
    slug = slugify(headline)
    if len(slug) > MAXIMUM_SLUG_LENGTH:
        slug = slug[:MAXIMUM_SLUG_LENGTH].rsplit("-", 1)[0]
    if not slug:
        raise ArticleImportError("the headline gives no usable slug; pass one with --slug")
    return slug


class SourceResolver:
    """SourceRef → Source row: an existing one by name, or a new one created on first use."""

    def __init__(self):
        self.rows = {}

    def __call__(self, ref):
        if ref is None:
            return None
        if ref.name not in self.rows:
            # The exact name first: two sources may differ only in capitals.
            source = (
                Source.objects.filter(name=ref.name).first() or Source.objects.filter(name__iexact=ref.name).first()
            )
            if source is None:
                source = Source(name=ref.name[:200], kind=ref.kind, slug=self.unique_slug(ref.name))
                try:
                    source.full_clean()
                except ValidationError as error:
                    raise ArticleImportError(f"the source “{ref.name[:60]}”: {' '.join(error.messages)}") from None
                source.save()
            self.rows[ref.name] = source
        return self.rows[ref.name]

    def many(self, refs):
        return list(dict.fromkeys(self(ref) for ref in refs if ref is not None))

    @staticmethod
    def unique_slug(name):
        base = slugify(name)[:190] or "source"
        slug, counter = base, 2
        while Source.objects.filter(slug=slug).exists():
            slug, counter = f"{base}-{counter}", counter + 1
        return slug


def stored_image_name(url):
    """The stored file behind a /media/… URL from an export, when this site has that file."""
    if not url:
        return ""
    media_prefix = "/" + settings.MEDIA_URL.lstrip("/")
    # An export writes the URL the storage gives, with unusual characters %-quoted.
    name = unquote(url[len(media_prefix) :]) if url.startswith(media_prefix) else ""
    return name if name and default_storage.exists(name) else ""


def figure_fields(parsed):
    return {
        "image": stored_image_name(parsed.image),
        "caption": parsed.caption,
        "credit": parsed.credit,
        "credit_source": parsed.credit_parts.source,
        "credit_photographer": parsed.credit_parts.photographer,
        "credit_distributor": parsed.credit_parts.distributor,
        "alt_text": parsed.alt_text,
    }


def save_article(parsed, *, slug=None, publish=False, tags=None, replace=False):
    """Write a parsed article in one transaction; refuse an existing slug unless `replace`."""
    slug = slug or parsed.slug or slug_for(parsed.headline)
    tags = list(tags) if tags is not None else parsed.tags
    check_tags(tags)
    try:
        with transaction.atomic(), counted_once():
            article = save_article_row(parsed, slug, replace)
            article.tags.set(tags)
            resolve = SourceResolver()
            if parsed.lead_figure:
                lead = LeadFigure.objects.create(article=article, **figure_fields(parsed.lead_figure))
                lead.sources.set(resolve.many(parsed.lead_figure.sources))
            for section, parsed_section in zip(save_sections(article, parsed.sections), parsed.sections, strict=True):
                for block_position, parsed_block in enumerate(parsed_section.blocks, start=1):
                    save_block(section, block_position, parsed_block, resolve)
            if publish:
                try:
                    publishing.publish(article)
                except publishing.CannotPublish as refusal:
                    raise ArticleImportError(refusal.message.rstrip(".")) from None
    except IntegrityError:
        # Everything was checked beforehand; only another import saved at the same moment gets here.
        raise ArticleImportError(
            "another import saved the same article or source at the same moment; try again"
        ) from None
    return article


def save_article_row(parsed, slug, replace):
    existing = Article.objects.filter(slug=slug).first()
    if existing and not replace:
        raise ArticleImportError(f"an article with the slug “{slug}” already exists (use --replace to overwrite it)")
    if existing:
        existing.delete()
    published_at = parse_datetime(parsed.published_at) if parsed.published_at else None
    if published_at and timezone.is_naive(published_at):
        published_at = timezone.make_aware(published_at)
    article = Article(
        headline=parsed.headline,
        slug=slug,
        standfirst=parsed.standfirst,
        language=parsed.language,
        byline=parsed.byline,
        status=parsed.status,
        published_at=published_at,
        correction_note=parsed.correction_note,
    )
    if article.status == Article.Status.PUBLISHED:
        publishing.set_published(article)
    try:
        article.full_clean()
    except ValidationError as error:
        raise ArticleImportError(
            "; ".join(f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items())
        ) from None
    article.save()
    return article


def save_sections(article, parsed_sections):
    """The article's sections, in order. Those with an anchor are saved first, so that the anchors
    made from headings for the others step around them instead of taking them."""
    sections = [
        Section(article=article, position=position, heading=parsed.heading, anchor=parsed.anchor)
        for position, parsed in enumerate(parsed_sections, start=1)
    ]
    for section in sorted(sections, key=lambda section: not section.anchor):
        section.save()
    return sections


def save_block(section, position, parsed_block, resolve):
    if isinstance(parsed_block, ParsedParagraph):
        paragraph = Paragraph.objects.create(section=section, position=position, text=parsed_block.text)
        paragraph.sources.set(resolve.many(parsed_block.sources))
        Quote.objects.bulk_create(
            Quote(
                paragraph=paragraph,
                position=quote_position,
                text=found.text,
                speaker=resolve(found.speaker),
                source=resolve(found.source),
            )
            for quote_position, found in enumerate(parsed_block.quotes, start=1)
        )
    elif isinstance(parsed_block, ParsedFigure):
        figure = FigureBlock.objects.create(section=section, position=position, **figure_fields(parsed_block))
        figure.sources.set(resolve.many(parsed_block.sources))
    else:
        pull_quote = PullQuote.objects.create(
            section=section,
            position=position,
            text=parsed_block.text,
            speaker=resolve(parsed_block.speaker),
            source=resolve(parsed_block.source),
        )
        pull_quote.sources.set(
            pull_quote.cited_sources if parsed_block.sources is None else resolve.many(parsed_block.sources)
        )
