import pytest
from django.db import IntegrityError

from articles.models import Block, Quote, Section
from articles.ordering import Placement, renumber, save_in_order
from articles.tests.factories import (
    ArticleFactory,
    FigureFactory,
    ParagraphFactory,
    PullQuoteFactory,
    QuoteFactory,
    SectionFactory,
)

pytestmark = pytest.mark.django_db


def block_order(section):
    return [
        (block.position, block.specific)
        for block in Block.objects.filter(section=section).select_related("paragraph", "figure", "pullquote")
    ]


def test_two_paragraphs_swapping_numbers_are_saved_swapped():
    section = SectionFactory()
    first = ParagraphFactory(section=section, position=1, text="first")
    second = ParagraphFactory(section=section, position=2, text="second")
    first.text = "first, edited"

    save_in_order(section.blocks.all(), [Placement(first, wanted=2), Placement(second, wanted=1)])

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.position, first.text, second.position) == (2, "first, edited", 1)


def test_a_paragraph_and_a_figure_given_the_same_number_keep_both_paragraph_first():
    section = SectionFactory()
    existing = ParagraphFactory(section=section, position=1)
    paragraph = ParagraphFactory.build(section=section, position=None, text="new paragraph")
    figure = FigureFactory.build(section=section, position=None)

    save_in_order(section.blocks.all(), [Placement(paragraph, wanted=2, kind=0), Placement(figure, wanted=2, kind=1)])

    assert [position for position, _ in block_order(section)] == [1, 2, 3]
    assert [block for _, block in block_order(section)] == [existing, paragraph, figure]


def test_a_renumbered_row_goes_before_the_row_left_alone_at_that_number():
    section = SectionFactory()
    first, second, third = (ParagraphFactory(section=section, position=n) for n in (1, 2, 3))

    save_in_order(section.blocks.all(), [Placement(third, wanted=1)])

    assert [block for _, block in block_order(section)] == [third, first, second]


def test_rows_left_without_a_number_go_to_the_end_in_the_order_given():
    section = SectionFactory()
    existing = PullQuoteFactory(section=section, position=5)
    later = [ParagraphFactory.build(section=section, position=None, text=f"late {n}") for n in range(2)]

    save_in_order(section.blocks.all(), [Placement(row, wanted=None) for row in later])

    assert block_order(section) == [(1, existing), (2, later[0]), (3, later[1])]


def test_rows_being_deleted_take_no_place_and_leave_no_gap():
    section = SectionFactory()
    first, leaving, last = (ParagraphFactory(section=section, position=n) for n in (1, 2, 3))

    save_in_order(section.blocks.all(), [], save=leaving.delete, leaving=[leaving.pk])

    assert block_order(section) == [(1, first), (2, last)]


def test_renumber_closes_gaps_and_keeps_the_order():
    section = SectionFactory()
    blocks = [
        ParagraphFactory(section=section, position=10),
        FigureFactory(section=section, position=20),
        ParagraphFactory(section=section, position=0),
    ]

    renumber(section.blocks.all())

    assert block_order(section) == [(1, blocks[2]), (2, blocks[0]), (3, blocks[1])]


def test_sections_of_an_article_can_swap_positions():
    article = ArticleFactory()
    opening = SectionFactory(article=article, position=1)
    closing = SectionFactory(article=article, position=2)

    save_in_order(article.sections.all(), [Placement(opening, wanted=2), Placement(closing, wanted=1)])

    assert list(Section.objects.filter(article=article)) == [closing, opening]


def test_quotes_of_a_paragraph_can_swap_positions():
    paragraph = ParagraphFactory()
    first = QuoteFactory(paragraph=paragraph, position=1)
    second = QuoteFactory(paragraph=paragraph, position=2)

    save_in_order(paragraph.quotes.all(), [Placement(first, wanted=2), Placement(second, wanted=1)])

    assert list(Quote.objects.filter(paragraph=paragraph).values_list("pk", "position")) == [
        (second.pk, 1),
        (first.pk, 2),
    ]


def test_a_failing_save_leaves_the_old_order_in_place():
    section = SectionFactory()
    first = ParagraphFactory(section=section, position=1)
    second = ParagraphFactory(section=section, position=2)

    def save_then_fail():
        first.save()
        raise IntegrityError("simulated failure after the first row")

    with pytest.raises(IntegrityError):
        save_in_order(section.blocks.all(), [Placement(first, wanted=2)], save=save_then_fail)

    assert block_order(section) == [(1, first), (2, second)]
