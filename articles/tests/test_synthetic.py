"""Synthetic articles for benchmarks: shaped like real ones, readable, searchable, repeatable, removable."""

from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Paragraph, Source
from articles.rendering import count_words, render_markdown
from articles.synthetic import BYLINE, RARE_WORDS, generate_articles

from .factories import ArticleFactory, ParagraphFactory, SectionFactory

pytestmark = pytest.mark.django_db


def synthetic():
    return Article.objects.filter(slug__startswith="synthetic-").with_body().order_by("slug")


def blocks_of(article):
    return [block.specific for section in article.sections.all() for block in section.blocks.all()]


def snapshot(article):
    """Everything a reader sees of an article, as plain values."""

    def names(sources):
        return sorted(source.name for source in sources)

    blocks = []
    for block in blocks_of(article):
        if isinstance(block, Paragraph):
            quotes = [
                (quote.text, quote.speaker.name, getattr(quote.source, "name", "")) for quote in block.quotes.all()
            ]
            blocks.append(("paragraph", block.position, block.text, quotes))
        else:
            blocks.append(("figure", block.position, block.caption, block.credit))
    return {
        "slug": article.slug,
        "headline": article.headline,
        "standfirst": article.standfirst,
        "language": article.language,
        "published_at": article.published_at,
        "topics": sorted(tag.name for tag in article.tags.all()),
        "sections": [(section.heading, section.anchor) for section in article.sections.all()],
        "blocks": blocks,
        "lead_figure": (
            article.lead_figure.caption,
            article.lead_figure.credit,
            names(article.lead_figure.sources.all()),
        ),
    }


def test_generated_articles_are_published_marked_as_synthetic_and_shaped_like_real_ones():
    generate_articles(3, seed=11)

    articles = list(synthetic())
    assert len(articles) == 3
    now = timezone.now()
    for article in articles:
        assert article.status == Article.Status.PUBLISHED and article.byline == BYLINE
        assert now - timedelta(days=3660) <= article.published_at <= now
        assert article.language in {"es", "en"} and article.headline and article.standfirst
        assert 3 <= article.sections.count() <= 5
        assert len(article.tags.all()) == 3
        blocks = blocks_of(article)
        paragraphs = [block for block in blocks if isinstance(block, Paragraph)]
        figures = [block for block in blocks if not isinstance(block, Paragraph)] + [article.lead_figure]
        assert 8 <= len(paragraphs) <= 15
        quotes = [(paragraph, quote) for paragraph in paragraphs for quote in paragraph.quotes.all()]
        assert 2 <= len(quotes) <= 5
        for paragraph, quote in quotes:
            assert quote.text in paragraph.text and quote.speaker is not None
        for paragraph in paragraphs:
            assert paragraph.text_html == render_markdown(paragraph.text)
            assert paragraph.word_count == count_words(paragraph.text_html)
        assert len(figures) == 2
        for figure in figures:
            assert figure.caption and figure.credit and figure.credit_source
            assert not figure.image and len(figure.sources.all()) == 1
    assert Source.objects.filter(slug__startswith="synthetic-").count() == 300
    assert {
        kind for kind in Source.objects.filter(slug__startswith="synthetic-").values_list("kind", flat=True)
    } == set(Source.Kind.values)


def test_generated_articles_have_a_reader_page_and_are_found_by_search(client):
    generate_articles(3, seed=12)

    for article in synthetic():
        response = client.get(article.get_absolute_url())
        assert response.status_code == 200
        assert article.headline in response.content.decode()
        text = " ".join(block.text for block in blocks_of(article) if isinstance(block, Paragraph))
        rare_words = [word.lower().strip(".") for word in text.split() if word.lower().strip(".") in RARE_WORDS]
        assert rare_words
        found = client.get(reverse("articles:search"), {"q": rare_words[0]}).context["results"]
        assert article in [result.article for result in found]


def test_the_same_seed_writes_the_same_articles_and_another_seed_others():
    generate_articles(3, seed=13)
    first = [snapshot(article) for article in synthetic()]
    call_command("generate_articles", "--delete", verbosity=0)
    generate_articles(3, seed=13)
    again = [snapshot(article) for article in synthetic()]
    generate_articles(3, seed=14)

    assert first == again
    assert len({article["headline"] for article in map(snapshot, synthetic())}) == 6


def test_delete_removes_the_synthetic_articles_and_their_sources_and_nothing_else():
    real = ArticleFactory(headline="A real story")
    ParagraphFactory(section=SectionFactory(article=real, position=1), position=1, text="Real words.")
    real.tags.add("Clima")
    call_command("generate_articles", "4", "--seed", "15", verbosity=0)

    call_command("generate_articles", "--delete", verbosity=0)

    assert list(Article.objects.all()) == [real]
    assert real.sections.get().blocks.count() == 1 and list(real.tags.names()) == ["Clima"]
    assert not Source.objects.filter(slug__startswith="synthetic-").exists()
    assert Paragraph.objects.count() == 1


def test_a_seed_already_written_is_refused_with_a_clear_message():
    call_command("generate_articles", "2", "--seed", "16", verbosity=0)

    with pytest.raises(CommandError, match="seed 16 exist already"):
        call_command("generate_articles", "2", "--seed", "16", verbosity=0)
    assert synthetic().count() == 2


@pytest.mark.parametrize("arguments", [[], ["0"], ["-3"]])
def test_the_command_asks_for_a_number_of_articles(arguments):
    with pytest.raises(CommandError, match="how many articles"):
        call_command("generate_articles", *arguments, verbosity=0)
