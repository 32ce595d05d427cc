"""Small builders for tests: each makes one valid object, every field overridable."""

import factory
from django.utils import timezone
from django.utils.text import slugify

from articles.counts import counted_once
from articles.models import Article, Figure, LeadFigure, Paragraph, PullQuote, Quote, Section, Source


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda number: f"Test Source {number}")
    slug = factory.LazyAttribute(lambda source: slugify(source.name))
    kind = Source.Kind.NEWS_AGENCY


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    headline = factory.Sequence(lambda number: f"Headline number {number}")
    slug = factory.LazyAttribute(lambda article: slugify(article.headline))
    standfirst = "A short summary of the story."
    language = "en"
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


class DraftArticleFactory(ArticleFactory):
    status = Article.Status.DRAFT
    published_at = None


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    article = factory.SubFactory(ArticleFactory)
    position = factory.Sequence(lambda number: number + 1)
    heading = factory.Sequence(lambda number: f"Section {number}")


class ParagraphFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Paragraph

    section = factory.SubFactory(SectionFactory)
    position = factory.Sequence(lambda number: number + 1)
    text = "Officials said the talks would continue."


class FigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Figure

    section = factory.SubFactory(SectionFactory)
    position = factory.Sequence(lambda number: number + 1)
    caption = "Delegates arrive for the talks"
    credit = "REUTERS/JANE DOE"
    credit_source = "REUTERS"
    credit_photographer = "JANE DOE"
    alt_text = "Delegates walking along a red carpet"


class LeadFigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LeadFigure

    article = factory.SubFactory(ArticleFactory)
    caption = "The leaders shake hands"
    credit = "KCNA via REUTERS"
    credit_source = "KCNA"
    credit_distributor = "REUTERS"
    alt_text = "Two men shaking hands"


class PullQuoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PullQuote

    section = factory.SubFactory(SectionFactory)
    position = factory.Sequence(lambda number: number + 1)
    text = "We will not back down"


class QuoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Quote

    paragraph = factory.SubFactory(ParagraphFactory)
    position = factory.Sequence(lambda number: number + 1)
    text = "the talks would continue"


def build_long_article(sections=40, paragraphs_per_section=12, **article_fields):
    """An article the size of a long investigation: 40 sections × 12 paragraphs by default,
    every paragraph tagged with a source and quoting someone, a figure in every section."""
    with counted_once():
        return write_long_article(sections, paragraphs_per_section, **article_fields)


def write_long_article(sections, paragraphs_per_section, **article_fields):
    article = ArticleFactory(**article_fields)
    article.tags.add("Rusia", "OTAN")
    agency = SourceFactory(name="Long Article Agency")
    speaker = SourceFactory(name="Long Article Speaker", kind=Source.Kind.PERSON)
    LeadFigureFactory(article=article).sources.add(agency)
    for section_number in range(1, sections + 1):
        section = SectionFactory(article=article, position=section_number, heading=f"Chapter {section_number}")
        for paragraph_number in range(1, paragraphs_per_section + 1):
            paragraph = ParagraphFactory(
                section=section,
                position=paragraph_number,
                text=f"Paragraph {paragraph_number} of chapter {section_number}: “we are ready”, said the *speaker*.",
            )
            paragraph.sources.add(agency, speaker)
            QuoteFactory(paragraph=paragraph, position=1, text="we are ready", speaker=speaker, source=agency)
        figure = FigureFactory(section=section, position=paragraphs_per_section + 1)
        figure.sources.add(agency)
    return article
