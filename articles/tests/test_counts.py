"""Counts stored with each article (articles/counts.py): its word count and the sources it cites
with their statements and photos stay what its page counts, whatever changes it and however."""

from io import StringIO

import pytest
import reversion
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from articles import counts
from articles.importing import save_article
from articles.importing.text import parse_plain_text
from articles.merging import merge_sources
from articles.models import Article, ArticleSource, Block, Quote, Section, Source
from articles.public_changes import drafting, refresh_pending_public_data
from articles.publishing import make_public
from articles.reading import read_body
from articles.revisions import add_article, article_versions, restore
from articles.synthetic import generate_articles

from .factories import (
    ArticleFactory,
    FigureFactory,
    LeadFigureFactory,
    ParagraphFactory,
    PullQuoteFactory,
    QuoteFactory,
    SectionFactory,
    SourceFactory,
    build_long_article,
)


def stored(article):
    article.refresh_from_db()
    uses = ArticleSource.objects.filter(article=article)
    return article.word_count, {use.source_id: (use.statements, use.photos) for use in uses}


def on_its_page(article):
    body = read_body(Article.objects.with_body().get(pk=article.pk))
    return body.word_count, {use.source.pk: (use.statements, use.photos) for use in body.source_uses}


# Any article, any change: a property


POOL = 4
some_sources = st.lists(st.integers(0, POOL - 1), max_size=3, unique=True)
maybe_source = st.one_of(st.none(), st.integers(0, POOL - 1))
blocks = st.lists(
    st.one_of(
        st.tuples(
            st.just("paragraph"),
            some_sources,
            st.integers(1, 40),
            st.lists(st.tuples(maybe_source, maybe_source), max_size=3),
        ),
        st.tuples(st.just("figure"), some_sources),
        st.tuples(st.just("pullquote"), some_sources, maybe_source, maybe_source),
    ),
    max_size=6,
)
changes = st.lists(
    st.one_of(
        st.tuples(st.just("delete block"), st.integers(0, 9)),
        st.tuples(st.just("clear block"), st.integers(0, 9)),
        st.tuples(st.just("add to block"), st.integers(0, 9), st.integers(0, POOL - 1)),
        st.tuples(st.just("source drops"), st.integers(0, POOL - 1)),
        st.tuples(st.just("speaker"), st.integers(0, 9), maybe_source),
        st.tuples(st.just("rewrite"), st.integers(0, 9), st.integers(0, 30)),
        st.tuples(
            st.just("delete section"),
        ),
        st.tuples(st.just("delete source"), st.integers(0, POOL - 1)),
    ),
    max_size=4,
)


def build(sources, lead, planned):
    article = ArticleFactory()
    if lead is not None:
        LeadFigureFactory(article=article).sources.add(*(sources[index] for index in lead))
    sections = [SectionFactory(article=article, position=1), SectionFactory(article=article, position=2)]
    for position, (kind, chips, *rest) in enumerate(planned, start=1):
        section = sections[position % 2]
        if kind == "paragraph":
            words, quotes = rest
            block = ParagraphFactory(section=section, position=position, text=" ".join(["word"] * words))
            for number, (speaker, outlet) in enumerate(quotes, start=1):
                QuoteFactory(
                    paragraph=block,
                    position=number,
                    speaker=None if speaker is None else sources[speaker],
                    source=None if outlet is None else sources[outlet],
                )
        elif kind == "figure":
            block = FigureFactory(section=section, position=position)
        else:
            speaker, outlet = rest
            block = PullQuoteFactory(
                section=section,
                position=position,
                speaker=None if speaker is None else sources[speaker],
                source=None if outlet is None else sources[outlet],
            )
        block.sources.add(*(sources[index] for index in chips))
    return article


def apply(change, article, sources):
    blocks = list(Block.objects.filter(section__article=article).order_by("pk"))
    quotes = list(Quote.objects.filter(paragraph__section__article=article).order_by("pk"))
    # A source deleted by an earlier change is no longer there to cite.
    present = {index: source for index, source in enumerate(sources) if source.pk is not None}
    name, *arguments = change
    if name == "delete section":
        for section in Section.objects.filter(article=article).order_by("position")[:1]:
            section.delete()
    elif name == "source drops" and arguments[0] in present:
        present[arguments[0]].blocks.clear()
    elif name == "delete source" and arguments[0] in present:
        present[arguments[0]].delete()
    elif name == "speaker" and quotes:
        quote = quotes[arguments[0] % len(quotes)]
        quote.speaker = present.get(arguments[1])
        quote.save()
    elif name == "rewrite" and blocks and blocks[arguments[0] % len(blocks)].kind == "paragraph":
        paragraph = blocks[arguments[0] % len(blocks)].paragraph
        paragraph.text = " ".join(["other"] * arguments[1])
        paragraph.save()
    elif blocks and name in ("delete block", "clear block", "add to block"):
        block = blocks[arguments[0] % len(blocks)]
        if name == "delete block":
            block.specific.delete()
        elif name == "clear block":
            block.sources.clear()
        elif arguments[1] in present:
            present[arguments[1]].blocks.add(block)


class StoredCountsProperty(TestCase):
    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(lead=st.one_of(st.none(), some_sources), planned=blocks, later=changes)
    def test_stored_counts_are_what_the_article_page_counts_after_any_change(self, lead, planned, later):
        sources = [SourceFactory(name=f"Pool source {number}") for number in range(POOL)]
        article = build(sources, lead, planned)
        assert stored(article) == on_its_page(article)
        for change in later:
            apply(change, article, sources)
            assert stored(article) == on_its_page(article), change


# Each way an article changes

pytestmark = pytest.mark.django_db


def test_word_count_follows_paragraphs_written_rewritten_and_deleted():
    article = ArticleFactory()
    section = SectionFactory(article=article)
    first = ParagraphFactory(section=section, position=1, text="one two three")
    second = ParagraphFactory(section=section, position=2, text="four five")
    assert stored(article)[0] == 5

    first.text = "one"
    first.save()
    second.delete()

    assert stored(article)[0] == 1


def test_saving_a_copy_loaded_before_its_paragraphs_changed_keeps_the_right_word_count():
    article = ArticleFactory()
    copy = Article.objects.get(pk=article.pk)
    ParagraphFactory(section=SectionFactory(article=article), text="words added after the copy was loaded")

    copy.headline = "A new headline"
    copy.save()

    assert stored(article)[0] == 7


def test_sources_added_and_cleared_from_the_sources_side_are_counted():
    article = ArticleFactory()
    paragraph = ParagraphFactory(section=SectionFactory(article=article))
    agency = SourceFactory(name="Agency on the other side")

    agency.blocks.add(paragraph)
    assert stored(article)[1] == {agency.pk: (1, 0)}

    agency.blocks.clear()
    assert stored(article)[1] == {}


def test_a_quote_spoken_and_reported_by_one_source_counts_as_its_page_counts_it():
    article = ArticleFactory()
    agency = SourceFactory(name="Speaks and reports")
    paragraph = ParagraphFactory(section=SectionFactory(article=article))
    paragraph.sources.add(agency)
    QuoteFactory(paragraph=paragraph, position=1, speaker=agency, source=agency)
    PullQuoteFactory(section=paragraph.section, position=2, speaker=agency, source=agency).sources.add(agency)

    assert stored(article) == on_its_page(article)
    assert stored(article)[1] == {agency.pk: (4, 0)}


def test_deleting_an_article_or_a_source_deletes_their_counts():
    kept, deleted = build_long_article(sections=1, paragraphs_per_section=2), ArticleFactory()
    LeadFigureFactory(article=deleted).sources.add(Source.objects.get(name="Long Article Agency"))
    deleted.delete()
    assert set(ArticleSource.objects.values_list("article", flat=True)) == {kept.pk}

    Source.objects.get(name="Long Article Speaker").delete()

    assert list(ArticleSource.objects.values_list("source__name", flat=True)) == ["Long Article Agency"]
    assert stored(kept) == on_its_page(kept)


def test_merging_sources_counts_their_citations_for_the_source_kept():
    article = ArticleFactory()
    keep, duplicate = SourceFactory(name="KCNA"), SourceFactory(name="Korean Central News Agency")
    paragraph = ParagraphFactory(section=SectionFactory(article=article))
    paragraph.sources.add(duplicate)
    QuoteFactory(paragraph=paragraph, position=1, speaker=duplicate)
    LeadFigureFactory(article=article).sources.add(keep, duplicate)

    merge_sources(keep, [duplicate])

    assert stored(article)[1] == {keep.pk: (2, 1)}
    assert stored(article) == on_its_page(article)


def test_restoring_a_revision_brings_back_its_counts(admin_user):
    article = ArticleFactory()
    agency = SourceFactory(name="Restored agency")
    paragraph = ParagraphFactory(section=SectionFactory(article=article), text="as it was first written")
    paragraph.sources.add(agency)
    with reversion.create_revision():
        add_article(article)
    before = stored(article)
    paragraph.text = "changed"
    paragraph.save()
    paragraph.sources.clear()
    ParagraphFactory(section=paragraph.section, position=9, text="added later").sources.add(SourceFactory())

    restore(article_versions(article).get(), admin_user)
    # A restore is a draft of the published article: its counts, which lists read, follow when it is
    # published.
    make_public(article)
    refresh_pending_public_data()

    assert stored(article) == before == on_its_page(article)


def test_a_draft_of_a_published_article_leaves_its_counts_as_made_public():
    article = ArticleFactory()
    agency = SourceFactory(name="Counted agency")
    paragraph = ParagraphFactory(section=SectionFactory(article=article), text="as it was made public")
    paragraph.sources.add(agency)
    refresh_pending_public_data()
    before = stored(article)

    with drafting():
        paragraph.sources.clear()
        ParagraphFactory(section=paragraph.section, position=9, text="drafted later").sources.add(SourceFactory())
    refresh_pending_public_data()

    assert stored(article)[1] == before[1]
    make_public(article)
    refresh_pending_public_data()
    assert stored(article) == on_its_page(article) != before


def test_an_import_counts_the_new_article_once(monkeypatch):
    calls = []
    real = counts.refresh_counts
    monkeypatch.setattr(
        counts, "refresh_counts", lambda article_ids: calls.append(set(article_ids)) or real(article_ids)
    )
    SourceFactory(name="TASS")

    text = "A headline\n\nThe standfirst.\n\n“We are ready”, said the agency TASS.\n\nAnother paragraph here."
    article = save_article(parse_plain_text(text), publish=True)

    assert calls == [{article.pk}]
    assert stored(article) == on_its_page(article)
    assert stored(article)[0] > 0


def test_refresh_counts_command_and_migrate_count_articles_written_without_signals():
    article = build_long_article(sections=1, paragraphs_per_section=3)
    expected = stored(article)
    ArticleSource.objects.all().delete()
    Article.objects.update(word_count=0)

    counts.fill_after_migrate(sender=None)
    assert stored(article) == expected

    Article.objects.update(word_count=0)
    output = StringIO()
    call_command("refresh_counts", stdout=output)
    assert stored(article) == expected
    assert "1" in output.getvalue()


def test_generated_articles_written_in_bulk_carry_their_counts():
    generate_articles(3, seed=7)

    for article in Article.objects.filter(slug__startswith="synthetic-7-"):
        assert stored(article) == on_its_page(article)
        assert stored(article)[0] > 0 and stored(article)[1]
