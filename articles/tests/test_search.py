"""Search: what it finds, what it never shows, how it ranks, marks and survives odd input.

Every test runs on SQLite and on PostgreSQL, except the few marked as needing
PostgreSQL's stemmers and query syntax.
"""

from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from articles.search import (
    MARK_START,
    MARK_STOP,
    SNIPPETS_PER_RESULT,
    clean_query,
    mark_words,
    snippet,
)

from .factories import (
    ArticleFactory,
    DraftArticleFactory,
    FigureFactory,
    LeadFigureFactory,
    ParagraphFactory,
    PullQuoteFactory,
    QuoteFactory,
    SectionFactory,
)

pytestmark = pytest.mark.django_db

postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text search")

SEARCH_QUERY_BUDGET = 4


def search(client, query, **params):
    response = client.get(reverse("articles:search"), {"q": query, **params})
    assert response.status_code == 200
    return response


def found(client, query):
    return [result.article for result in search(client, query).context["results"]]


def article_with_paragraph(text, **article_fields):
    article = ArticleFactory(**article_fields)
    section = SectionFactory(article=article, position=1)
    return article, ParagraphFactory(section=section, position=1, text=text)


# What is searched


def test_finds_an_article_by_its_headline(client):
    article = ArticleFactory(headline="Glaciers retreat across the Alps")
    ArticleFactory(headline="Markets close higher")

    assert found(client, "glaciers") == [article]


def test_finds_an_article_by_its_standfirst(client):
    article = ArticleFactory(standfirst="Scientists measured the ice for a decade.")

    assert found(client, "scientists") == [article]


@pytest.mark.parametrize(
    ("make_part", "anchor"),
    [
        (
            lambda section: ParagraphFactory(section=section, position=1, text="The harbour froze overnight."),
            "paragraph",
        ),
        (
            lambda section: PullQuoteFactory(section=section, position=1, text="The harbour froze overnight"),
            "pullquote",
        ),
        (lambda section: FigureFactory(section=section, position=1, caption="The harbour froze overnight"), "figure"),
    ],
    ids=["paragraph", "pull quote", "figure caption"],
)
def test_finds_a_block_and_links_its_snippet_to_the_block(client, make_part, anchor):
    article = ArticleFactory(headline="Winter report")
    block = make_part(SectionFactory(article=article, position=1))

    [result] = search(client, "harbour").context["results"]

    assert result.article == article
    assert [snippet.url for snippet in result.snippets] == [f"{article.get_absolute_url()}#{anchor}-{block.pk}"]
    assert "<mark>harbour</mark>" in result.snippets[0].html


def test_finds_a_lead_figure_caption_and_links_to_the_lead_figure(client):
    article = ArticleFactory(headline="Winter report")
    LeadFigureFactory(article=article, caption="Icebreakers in the harbour")

    [result] = search(client, "icebreakers").context["results"]

    assert [snippet.url for snippet in result.snippets] == [f"{article.get_absolute_url()}#lead-figure"]


def test_finds_an_inline_quote_that_its_paragraph_does_not_repeat(client):
    article, paragraph = article_with_paragraph("The minister answered the question.")
    quote = QuoteFactory(paragraph=paragraph, position=1, text="never again")

    [result] = search(client, "never again").context["results"]

    assert [snippet.url for snippet in result.snippets] == [f"{article.get_absolute_url()}#quote-{quote.pk}"]


def test_a_quote_inside_a_matching_paragraph_gives_one_snippet_not_two(client):
    article, paragraph = article_with_paragraph("The minister said “never again” to reporters.")
    QuoteFactory(paragraph=paragraph, position=1, text="never again")

    [result] = search(client, "never again").context["results"]

    assert [snippet.url for snippet in result.snippets] == [f"{article.get_absolute_url()}#paragraph-{paragraph.pk}"]


def test_every_snippet_link_lands_on_an_element_of_the_article_page(client, monkeypatch):
    article = ArticleFactory(headline="Winter report")
    LeadFigureFactory(article=article, caption="Harbour at dawn")
    section = SectionFactory(article=article, position=1)
    ParagraphFactory(section=section, position=1, text="The harbour froze.")
    QuoteFactory(
        paragraph=ParagraphFactory(section=section, position=2, text="Nobody spoke."), position=1, text="harbour closed"
    )
    FigureFactory(section=section, position=3, caption="Harbour ice")
    PullQuoteFactory(section=section, position=4, text="The harbour is our life")

    assert len(search(client, "harbour").context["results"][0].snippets) == SNIPPETS_PER_RESULT
    monkeypatch.setattr("articles.search.SNIPPETS_PER_RESULT", 5)
    [result] = search(client, "harbour").context["results"]
    page = client.get(article.get_absolute_url()).content.decode()

    assert sorted(part.kind for part in result.snippets) == ["figure", "lead_figure", "paragraph", "pullquote", "quote"]
    for part in result.snippets:
        path, anchor = part.url.split("#")
        assert path == article.get_absolute_url() and f'id="{anchor}"' in page


def test_every_word_must_be_in_the_article_but_not_in_the_same_block(client):
    article = ArticleFactory(headline="Glaciers retreat")
    SectionFactory(article=article, position=1)
    ParagraphFactory(section=article.sections.get(), position=1, text="Measurements began in 1990.")
    ArticleFactory(headline="Glaciers advance")

    assert found(client, "glaciers measurements") == [article]


def test_searches_paragraph_text_not_its_markdown_or_link_addresses(client):
    article_with_paragraph("Read the [report](https://example.org/zeppelin) in **full**.")

    assert found(client, "zeppelin") == []
    assert len(found(client, "report")) == 1


# Accents and case


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("Nuevas sanción contra Moscú", "sancion"),
        ("Nuevas sancion contra Moscu", "sanción"),
        ("la guerra en ucrania", "Ucrania"),
        ("LA GUERRA EN UCRANIA", "ucrania"),
        ("Die Straße nach Kyjiw", "STRASSE"),
    ],
)
def test_matching_ignores_accents_and_case(client, text, query):
    article, _ = article_with_paragraph(text, language="es")

    assert found(client, query) == [article]


def test_marks_the_word_as_written_in_the_article(client):
    article_with_paragraph("El Gobierno anunció una sanción.", language="es")

    [result] = search(client, "sancion").context["results"]

    assert "<mark>sanción</mark>" in result.snippets[0].html


@postgresql_only
def test_spanish_articles_are_searched_with_the_spanish_stemmer(client):
    article, _ = article_with_paragraph("Bruselas aprobó una nueva sanción.", language="es")

    assert found(client, "sanciones") == [article]
    assert "<mark>sanción</mark>" in search(client, "sanciones").context["results"][0].snippets[0].html


@postgresql_only
def test_each_article_is_searched_in_its_own_language(client):
    english, _ = article_with_paragraph("The negotiators were running late.", language="en")
    spanish, _ = article_with_paragraph("Los negociadores llegaban tarde.", language="es")

    assert found(client, "run") == [english]
    assert found(client, "negociador") == [spanish]


@postgresql_only
def test_websearch_syntax_excludes_words_and_matches_phrases(client):
    with_both, _ = article_with_paragraph("Talks in Geneva resumed on Monday.")
    geneva_only, _ = article_with_paragraph("Geneva hosted the summit.")

    assert found(client, "geneva -talks") == [geneva_only]
    assert found(client, '"talks in geneva"') == [with_both]


# What is never shown


def test_drafts_and_articles_scheduled_for_later_are_never_found(client):
    visible = ArticleFactory(headline="Avalanche warning today")
    DraftArticleFactory(headline="Avalanche warning draft")
    ArticleFactory(headline="Avalanche warning tomorrow", published_at=timezone.now() + timedelta(days=1))
    draft = DraftArticleFactory(headline="Draft story")
    SectionFactory(article=draft, position=1)
    ParagraphFactory(section=draft.sections.get(), position=1, text="Avalanche in the draft's body.")

    response = search(client, "avalanche")

    assert [result.article for result in response.context["results"]] == [visible]
    assert "draft" not in response.content.decode().lower().split("search-results", 1)[1]


# Ranking


def test_a_headline_match_ranks_above_a_body_only_match(client):
    now = timezone.now()
    body_only, _ = article_with_paragraph(
        "A word on volcanoes at the end.", headline="Weekly science notes", published_at=now
    )
    in_headline = ArticleFactory(headline="Volcanoes wake up", published_at=now - timedelta(days=30))

    assert found(client, "volcanoes") == [in_headline, body_only]


def test_equal_matches_are_newest_first(client):
    now = timezone.now()
    older = ArticleFactory(headline="Storm season begins", published_at=now - timedelta(days=2))
    newer = ArticleFactory(headline="Storm season ends", published_at=now - timedelta(days=1))

    assert found(client, "storm") == [newer, older]


# Snippets and the page


def test_snippets_are_escaped_plain_text_with_the_matched_words_marked(client):
    article = ArticleFactory(headline="Markup report", standfirst="Tags like <b>this</b> stay text.")
    section = SectionFactory(article=article, position=1)
    ParagraphFactory(
        section=section, position=1, text="Compare a < b & c with <script>alert('x')</script> **bold** report."
    )
    FigureFactory(section=section, position=2, caption="<img src=x onerror=alert(1)> report caption")

    response = search(client, "report")
    html = response.content.decode()

    assert "<script>alert" not in html and "<img src=x" not in html and "<b>this</b>" not in html
    assert "Tags like &lt;b&gt;this&lt;/b&gt; stay text." in html
    assert "&lt;img src=x onerror=alert(1)&gt; <mark>report</mark> caption" in html
    assert "Compare a &lt; b &amp; c with" in html and "bold <mark>report</mark>." in html
    assert "<strong>" not in html.split("search-results", 1)[1]
    assert MARK_START not in html and MARK_STOP not in html


def test_a_query_that_looks_like_html_is_shown_escaped(client):
    ArticleFactory(headline="Script kiddies")

    html = search(client, "<script>alert(1)</script> script").content.decode()

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; script" in html


def test_results_show_headline_link_date_standfirst_and_count(client):
    article = ArticleFactory(headline="Flood defences hold", standfirst="The river peaked at dawn.")

    response = search(client, "flood")
    html = response.content.decode()

    assert f'<a href="{article.get_absolute_url()}"><mark>Flood</mark> defences hold</a>' in html
    assert f'datetime="{timezone.localtime(article.published_at):%Y-%m-%dT%H:%M:%S%z}"' in html
    assert "The river peaked at dawn." in html
    assert response.context["page_obj"].paginator.count == 1


def test_an_empty_query_shows_the_search_form_alone(client):
    ArticleFactory(headline="Anything")

    response = search(client, "   ")
    html = response.content.decode()

    assert response.context["query"] == "" and response.context["page_obj"] is None
    assert f'action="{reverse("articles:search")}"' in html and 'name="q"' in html
    assert "search-results" not in html


def test_a_query_without_results_says_so(client):
    html = search(client, "nothingmatchesthis").content.decode()

    assert "search-summary" in html and "search-results" not in html


def test_every_page_has_a_labelled_search_form_in_the_header(client):
    html = client.get(reverse("articles:article_list")).content.decode()

    header = html.split('class="site-header"', 1)[1].split("</header>", 1)[0]
    assert (
        f'<form class="search-form search-form--header" role="search" action="{reverse("articles:search")}">' in header
    )
    assert (
        '<label class="visually-hidden" for="site-search-query">' in header
        and 'id="site-search-query" name="q"' in header
    )


def test_results_are_paginated_and_page_links_keep_the_query(client):
    now = timezone.now()
    for number in range(12):
        ArticleFactory(headline=f"Drought update {number}", published_at=now - timedelta(hours=number))

    first = search(client, "drought")
    second = search(client, "drought", page=2)

    assert len(first.context["results"]) == 10 and len(second.context["results"]) == 2
    assert 'href="?q=drought&amp;page=2"' in first.content.decode()


@pytest.mark.parametrize("page", ["3", "0", "-1", "abc", "1.5", "9" * 5000])
def test_a_page_that_does_not_exist_is_404(client, page):
    ArticleFactory(headline="Drought update")

    response = client.get(reverse("articles:search"), {"q": "drought", "page": page})

    assert response.status_code == 404


# Odd input: a normal page, never an error


@pytest.mark.parametrize(
    "query",
    [
        "",
        "'",
        '"',
        "\\",
        ":*",
        "&",
        "|",
        "!",
        "(",
        ")",
        "<",
        ">",
        "` ' \\ :* & | ! ( ) < > \"",
        "storm:*",
        "storm & | ! rain",
        "((storm",
        '"unclosed storm',
        "-storm",
        "- -",
        "or",
        "storm OR",
        "a\x00b storm",
        "\x00",
        "storm\u0301",
        "\ue000storm\ue001",
        "🌩️ storm",
        "100% storm_",
        "'; DROP TABLE articles_article; --",
        "NEAR(storm bay)",
        "headline:storm",
        "{headline standfirst}: storm",
        "storm NOT bay",
        "storm AND",
        "^storm",
        "storm*",
        '"storm" + "bay"',
        "\u202estorm",
        "x" * 10240,
        "storm " * 2000,
    ],
)
def test_odd_queries_get_a_normal_page(client, query):
    ArticleFactory(headline="Storm over the bay")

    response = client.get(reverse("articles:search"), {"q": query})

    assert response.status_code == 200
    assert len(response.context["query"]) <= 200
    assert "\x00" not in response.context["query"]


def test_a_nul_byte_is_dropped_and_the_rest_searched(client):
    article = ArticleFactory(headline="Storm over the bay")

    assert found(client, "sto\x00rm bay") == []
    assert found(client, "storm\x00 bay") == [article]


def test_a_long_query_is_cut_to_200_characters_between_words(client):
    article = ArticleFactory(headline="Storm over the bay")

    response = search(client, "storm bay " * 1000)

    assert response.context["query"] == ("storm bay " * 20).strip()
    assert [result.article for result in response.context["results"]] == [article]


# Cost


def test_a_search_costs_the_same_few_queries_for_one_result_and_for_many(
    client, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    def build_match(number):
        article = ArticleFactory(headline=f"Eruption report {number}")
        LeadFigureFactory(article=article, caption="Eruption seen from the air")
        section = SectionFactory(article=article, position=1)
        for position in range(1, 4):
            paragraph = ParagraphFactory(
                section=section, position=position, text=f"The eruption {position} “eruption goes on”."
            )
            QuoteFactory(paragraph=paragraph, position=1, text="eruption goes on")
        FigureFactory(section=section, position=4, caption="Eruption")
        PullQuoteFactory(section=section, position=5, text="An eruption like no other")

    # Written as by an editor: search documents are rebuilt when the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        build_match(0)
    with django_assert_max_num_queries(SEARCH_QUERY_BUDGET) as one:
        search(client, "eruption")
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(1, 15):
            build_match(number)
    with django_assert_max_num_queries(SEARCH_QUERY_BUDGET) as many:
        response = search(client, "eruption")

    assert len(response.context["results"]) == 10
    assert all(result.snippets for result in response.context["results"])
    assert len(one) == len(many)


# The helpers


def test_clean_query_drops_control_characters_and_extra_spaces():
    assert clean_query("  storm\x00\tover\n\nthe   bay ") == "storm over the bay"
    assert clean_query("x" * 500) == "x" * 200
    assert clean_query("storm " * 40) == ("storm " * 33).strip()


def test_mark_words_marks_whole_words_that_start_with_a_query_word_ignoring_accents():
    decomposed = "Sancio\u0301n y sanciones, no consanción."

    marked = mark_words("sancion", decomposed)

    assert marked == f"{MARK_START}Sancio\u0301n{MARK_STOP} y {MARK_START}sanciones{MARK_STOP}, no consanción."


def test_snippet_cuts_around_the_first_match_at_spaces():
    text = " ".join(f"word{number}" for number in range(100))
    marked = text.replace("word50", f"{MARK_START}word50{MARK_STOP}")

    html = snippet(marked)

    assert html.startswith("… word") and html.endswith(" …")
    assert "<mark>word50</mark>" in html
    assert snippet("no marks here") == ""


# In the browser


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_reader_searches_from_the_header_and_follows_a_snippet_to_its_paragraph(page, live_server):
    article, paragraph = article_with_paragraph(
        "El Gobierno anunció una nueva sanción.", headline="Bruselas decide", language="es"
    )

    page.goto(live_server.url + reverse("articles:article_list"))
    page.get_by_role("search").get_by_role("searchbox").fill("sancion")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=sancion")

    expect(page.locator(".search-result mark")).to_have_text("sanción")
    page.screenshot(path=str(settings.BASE_DIR / "artefacts" / "search-browser.png"), full_page=True)
    page.locator(".search-result__snippets a").click()
    page.wait_for_url(f"**{article.get_absolute_url()}#paragraph-{paragraph.pk}")
    expect(page.locator(f"#paragraph-{paragraph.pk}")).to_be_in_viewport()
