"""The reader's pages: what each shows, and what the public may not see."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertInHTML

from articles.models import Source

from .factories import (
    ArticleFactory,
    DraftArticleFactory,
    FigureFactory,
    LeadFigureFactory,
    ParagraphFactory,
    PullQuoteFactory,
    QuoteFactory,
    SectionFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db


def article_html(client, article):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


# Front page


def test_article_list_shows_published_articles_newest_first(client):
    now = timezone.now()
    older = ArticleFactory(headline="Older story", published_at=now - timedelta(days=2))
    newest = ArticleFactory(headline="Newest story", published_at=now - timedelta(hours=1))
    middle = ArticleFactory(headline="Middle story", published_at=now - timedelta(days=1))

    response = client.get(reverse("articles:article_list"))

    assert [article.pk for article in response.context["page_obj"]] == [newest.pk, middle.pk, older.pk]
    html = response.content.decode()
    assert html.index("Newest story") < html.index("Middle story") < html.index("Older story")


def test_article_list_links_headline_and_shows_standfirst_and_lead_caption(client):
    article = ArticleFactory(headline="Talks resume", standfirst="Both sides agree to meet again.")
    LeadFigureFactory(article=article, caption="Delegations at the table")

    html = client.get(reverse("articles:article_list")).content.decode()

    assert f'<a href="{article.get_absolute_url()}">Talks resume</a>' in html
    assert "Both sides agree to meet again." in html
    assert "Delegations at the table" in html


def test_article_list_leaves_out_drafts_and_articles_scheduled_for_later(client):
    ArticleFactory(headline="Visible story")
    DraftArticleFactory(headline="Draft story")
    ArticleFactory(headline="Scheduled story", published_at=timezone.now() + timedelta(days=1))

    html = client.get(reverse("articles:article_list")).content.decode()

    assert "Visible story" in html
    assert "Draft story" not in html
    assert "Scheduled story" not in html


# Article page: who may see it


def test_draft_article_is_not_found(client):
    draft = DraftArticleFactory()
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_article_scheduled_for_later_is_not_found(client):
    scheduled = ArticleFactory(published_at=timezone.now() + timedelta(hours=1))
    assert client.get(scheduled.get_absolute_url()).status_code == 404


def test_unknown_article_slug_is_not_found_in_the_site_style(client):
    response = client.get(reverse("articles:article_detail", kwargs={"slug": "no-such-article"}))
    assert response.status_code == 404
    assert 'class="site-header"' in response.content.decode()


# Article page: structure


def test_article_page_sets_html_lang_from_the_article_language(client):
    article = ArticleFactory(language="pt-BR")
    assert '<html lang="pt-BR">' in article_html(client, article)


def test_interface_pages_use_the_interface_language(client):
    assert '<html lang="es">' in client.get(reverse("articles:article_list")).content.decode()


def test_article_page_puts_headline_in_h1_and_shows_standfirst(client):
    article = ArticleFactory(headline="Summit in Pyongyang", standfirst="The envoy met the leader.")
    html = article_html(client, article)
    assertInHTML('<h1 class="article__headline">Summit in Pyongyang</h1>', html)
    assert "The envoy met the leader." in html


def test_article_page_links_topics_to_tag_pages(client):
    article = ArticleFactory()
    article.tags.add("Corea del Norte")
    html = article_html(client, article)
    assert f'href="{reverse("articles:tag_detail", kwargs={"slug": "corea-del-norte"})}"' in html


def test_section_nav_links_to_titled_sections_only(client):
    article = ArticleFactory()
    opening = SectionFactory(article=article, position=1, heading="")
    weapons = SectionFactory(article=article, position=2, heading="Weapons deals")
    ParagraphFactory(section=opening, position=1)
    ParagraphFactory(section=weapons, position=1)

    html = article_html(client, article)
    start = html.index('<nav class="section-nav"')
    nav = html[start : html.index("</nav>", start)]

    assert f'href="#{weapons.anchor}"' in nav
    assert "Weapons deals" in nav
    assert f'href="#{opening.anchor}"' not in nav
    assert nav.count("<li>") == 1


def test_each_section_is_a_section_element_with_its_anchor_and_heading(client):
    article = ArticleFactory()
    opening = SectionFactory(article=article, position=1, heading="")
    weapons = SectionFactory(article=article, position=2, heading="Weapons deals")

    html = article_html(client, article)

    assert f'<section class="article-section" id="{opening.anchor}">' in html
    assert f'<section class="article-section" id="{weapons.anchor}"' in html
    assert f'id="{weapons.anchor}-heading">Weapons deals</h2>' in html
    assert html.count('class="article-section__heading"') == 1


def test_article_without_titled_sections_has_no_section_nav(client):
    article = ArticleFactory()
    ParagraphFactory(section=SectionFactory(article=article, position=1, heading=""), position=1)
    assert '<nav class="section-nav"' not in article_html(client, article)


def test_every_block_carries_its_anchor(client):
    section = SectionFactory()
    paragraph = ParagraphFactory(section=section, position=1)
    figure = FigureFactory(section=section, position=2)
    pull_quote = PullQuoteFactory(section=section, position=3)

    html = article_html(client, section.article)

    for anchor in (f"paragraph-{paragraph.pk}", f"figure-{figure.pk}", f"pullquote-{pull_quote.pk}"):
        assert f'id="{anchor}"' in html


# Figures


def test_figure_has_figcaption_with_caption_and_credit(client):
    figure = FigureFactory(
        caption="Delegates arrive for the talks",
        credit_source="STUDIO PRESS",
        credit_photographer="JANE ROE",
        credit_distributor="WIRE SERVICE",
    )

    html = article_html(client, figure.section.article)
    figure_html = html[
        html.index(f'id="{figure.anchor}"') : html.index("</figure>", html.index(f'id="{figure.anchor}"'))
    ]

    assert "<figcaption>" in figure_html
    assert "Delegates arrive for the talks" in figure_html
    assert "STUDIO PRESS / JANE ROE vía WIRE SERVICE" in figure_html


def test_figure_without_image_has_no_img_element(client):
    figure = FigureFactory()
    html = article_html(client, figure.section.article)
    assert "<img" not in html
    assert figure.caption in html


def test_figure_with_image_shows_it_with_width_and_height(client):
    figure = FigureFactory(image="figures/2025/06/summit.jpg", image_width=1200, image_height=800)
    html = article_html(client, figure.section.article)
    assert 'src="/media/figures/2025/06/summit.jpg" width="1200" height="800"' in html
    assert f'alt="{figure.alt_text}"' in html


def test_lead_figure_has_its_anchor_caption_credit_and_source_chips(client):
    agency = SourceFactory(name="KCNA", slug="kcna", kind=Source.Kind.STATE_MEDIA)
    lead_figure = LeadFigureFactory(caption="The leaders shake hands")
    lead_figure.sources.add(agency)

    html = article_html(client, lead_figure.article)

    assert '<figure class="figure figure--lead figure--no-image" id="lead-figure" data-sources="kcna">' in html
    assert "The leaders shake hands" in html
    assert f'class="chip chip--state_media" href="{agency.get_absolute_url()}"' in html


# Quotes


def test_pull_quote_is_a_blockquote_attributed_with_speaker_and_cited_source(client):
    speaker = SourceFactory(name="Emmanuel Macron", kind=Source.Kind.PERSON)
    agency = SourceFactory(name="Reuters Test")
    pull_quote = PullQuoteFactory(text="We will not back down", speaker=speaker, source=agency)

    html = article_html(client, pull_quote.section.article)

    assert f'<figure class="pull-quote" id="pullquote-{pull_quote.pk}"' in html
    assertInHTML("<blockquote><p>We will not back down</p></blockquote>", html)
    assertInHTML(f'<cite><a class="source-link" href="{agency.get_absolute_url()}">Reuters Test</a></cite>', html)
    assert f'href="{speaker.get_absolute_url()}">Emmanuel Macron</a>, vía <cite>' in html


def test_inline_quote_is_wrapped_in_q_with_its_anchor_and_attributed(client):
    speaker = SourceFactory(name="Kim Jong-un", kind=Source.Kind.PERSON)
    agency = SourceFactory(name="KCNA", kind=Source.Kind.STATE_MEDIA)
    paragraph = ParagraphFactory(
        text="Kim said his country “will support Russia unconditionally”, the agency reported."
    )
    quote = QuoteFactory(
        paragraph=paragraph, text="will support Russia unconditionally", speaker=speaker, source=agency
    )

    html = article_html(client, paragraph.section.article)

    assert f'<q id="quote-{quote.pk}">will support Russia unconditionally</q>, the agency reported.' in html
    assert "“will support" not in html
    assert "— " in html and "Kim Jong-un</a>, vía <cite>" in html
    assert f'href="{agency.get_absolute_url()}">KCNA</a></cite>' in html


def test_inline_quote_not_found_in_text_leaves_paragraph_untouched_and_keeps_its_anchor(client):
    paragraph = ParagraphFactory(text="Officials said the talks would continue.")
    quote = QuoteFactory(paragraph=paragraph, text="words that are not there")

    html = article_html(client, paragraph.section.article)

    assertInHTML("<p>Officials said the talks would continue.</p>", html)
    assert f'<li class="attribution" id="quote-{quote.pk}"><q>words that are not there</q>' in html


# Source chips


def test_paragraph_source_chips_link_to_source_pages_with_accessible_text(client):
    agency = SourceFactory(name="TASS", slug="tass")
    paragraph = ParagraphFactory()
    paragraph.sources.add(agency)

    html = article_html(client, paragraph.section.article)

    assert (
        f'<a class="chip chip--news_agency" href="{agency.get_absolute_url()}">'
        '<span class="visually-hidden">Fuente: </span>TASS</a>'
    ) in html


def test_figure_source_chips_link_to_source_pages(client):
    agency = SourceFactory(name="Sputnik", kind=Source.Kind.STATE_MEDIA)
    figure = FigureFactory()
    figure.sources.add(agency)
    html = article_html(client, figure.section.article)
    assert f'class="chip chip--state_media" href="{agency.get_absolute_url()}"' in html


def test_pull_quote_chips_leave_out_sources_already_named_in_its_attribution(client):
    speaker = SourceFactory(name="Named Speaker", kind=Source.Kind.PERSON)
    other = SourceFactory(name="Other Source")
    pull_quote = PullQuoteFactory(speaker=speaker)
    pull_quote.sources.add(speaker, other)

    html = article_html(client, pull_quote.section.article)

    assert f'class="chip chip--news_agency" href="{other.get_absolute_url()}"' in html
    assert f'class="chip chip--person" href="{speaker.get_absolute_url()}"' not in html


# Source page


def test_source_page_shows_name_kind_country_and_url(client):
    source = SourceFactory(name="Yonhap Test", country="Corea del Sur", url="https://en.yna.co.kr/")
    html = client.get(source.get_absolute_url()).content.decode()
    assert '<h1 class="page-title">Yonhap Test</h1>' in html
    assert "<dd>Agencia de noticias</dd>" in html
    assert "Corea del Sur" in html
    assert 'href="https://en.yna.co.kr/"' in html


def test_source_page_does_not_link_a_url_that_is_not_http(client):
    source = SourceFactory(url="javascript:alert(1)")
    html = client.get(source.get_absolute_url()).content.decode()
    assert "javascript:" not in html


def test_source_page_deep_links_to_a_paragraph_citing_it(client):
    source = SourceFactory()
    paragraph = ParagraphFactory(text="The agency said *so*.")
    paragraph.sources.add(source)

    html = client.get(source.get_absolute_url()).content.decode()

    assert f'href="{paragraph.section.article.get_absolute_url()}#paragraph-{paragraph.pk}"' in html
    assert "The agency said so." in html


def test_source_page_deep_links_to_inline_quotes_it_spoke_or_reported(client):
    source = SourceFactory()
    spoken = QuoteFactory(text="spoken words", speaker=source)
    reported = QuoteFactory(text="reported words", source=source)

    html = client.get(source.get_absolute_url()).content.decode()

    for quote in (spoken, reported):
        assert f'href="{quote.paragraph.section.article.get_absolute_url()}#quote-{quote.pk}"' in html
    assert "Lo dijo esta fuente" in html
    assert "Lo difundió esta fuente" in html


def test_source_page_deep_links_to_pull_quotes_figures_and_lead_figures(client):
    source = SourceFactory()
    article = ArticleFactory()
    section = SectionFactory(article=article, position=1)
    pull_quote = PullQuoteFactory(section=section, position=1, speaker=source)
    figure = FigureFactory(section=section, position=2)
    figure.sources.add(source)
    lead_figure = LeadFigureFactory(article=article)
    lead_figure.sources.add(source)

    response = client.get(source.get_absolute_url())
    html = response.content.decode()

    for anchor in (f"pullquote-{pull_quote.pk}", f"figure-{figure.pk}", "lead-figure"):
        assert f'href="{article.get_absolute_url()}#{anchor}"' in html
    [(cited_article, citations)] = response.context["citations"]
    assert cited_article.pk == article.pk
    assert [citation.kind for citation in citations] == ["lead_figure", "pullquote", "figure"]


def test_source_page_lists_a_pull_quote_once_when_it_both_lists_and_quotes_the_source(client):
    source = SourceFactory()
    pull_quote = PullQuoteFactory(speaker=source)
    pull_quote.sources.add(source)

    html = client.get(source.get_absolute_url()).content.decode()

    assert html.count(f"#pullquote-{pull_quote.pk}") == 1


def test_source_page_groups_citations_by_article_newest_first(client):
    source = SourceFactory()
    now = timezone.now()
    older = ParagraphFactory(section__article__published_at=now - timedelta(days=3))
    newer = ParagraphFactory(section__article__published_at=now - timedelta(days=1))
    for paragraph in (older, newer):
        paragraph.sources.add(source)

    response = client.get(source.get_absolute_url())

    assert [article.pk for article, _ in response.context["citations"]] == [
        newer.section.article_id,
        older.section.article_id,
    ]


def test_source_page_leaves_out_drafts(client):
    source = SourceFactory()
    draft_paragraph = ParagraphFactory(section__article=DraftArticleFactory(headline="Secret draft"))
    draft_paragraph.sources.add(source)
    QuoteFactory(paragraph=draft_paragraph, speaker=source)

    response = client.get(source.get_absolute_url())

    assert response.context["citations"] == []
    assert "Secret draft" not in response.content.decode()


def test_unknown_source_slug_is_not_found(client):
    assert client.get(reverse("articles:source_detail", kwargs={"slug": "no-such-source"})).status_code == 404


# Topic pages


def test_tag_page_lists_published_articles_with_that_topic(client):
    tagged = ArticleFactory(headline="Tagged story")
    tagged.tags.add("OTAN")
    ArticleFactory(headline="Other story").tags.add("Ucrania")
    draft = DraftArticleFactory(headline="Draft tagged story")
    draft.tags.add("OTAN")

    response = client.get(reverse("articles:tag_detail", kwargs={"slug": "otan"}))
    html = response.content.decode()

    assert response.status_code == 200
    assert "Tagged story" in html
    assert "Other story" not in html
    assert "Draft tagged story" not in html


def test_unknown_tag_slug_is_not_found(client):
    assert client.get(reverse("articles:tag_detail", kwargs={"slug": "no-such-topic"})).status_code == 404


# Article page: section navigation and reading time


def test_section_heading_has_a_self_link_with_an_accessible_label(client):
    section = SectionFactory(heading="Weapons deals")
    html = article_html(client, section.article)
    assert (
        f'<a class="section-link" href="#{section.anchor}" lang="es" aria-label="Enlace a esta sección: Weapons deals"'
    ) in html


def test_each_section_ends_with_a_link_to_the_next_section_and_back_to_top(client):
    article = ArticleFactory()
    opening = SectionFactory(article=article, position=1, heading="")
    weapons = SectionFactory(article=article, position=2, heading="Weapons deals")
    last = SectionFactory(article=article, position=3, heading="What comes next")

    html = article_html(client, article)

    assert html.count('class="section-end__top" href="#top"') == 3
    assert html.count('class="section-end__next"') == 2
    for section, following in ((opening, weapons), (weapons, last)):
        section_html = html[html.index(f'id="{section.anchor}"') : html.index(f'id="{following.anchor}"')]
        assert f'<a class="section-end__next" href="#{following.anchor}">' in section_html


def test_correcting_a_heading_keeps_the_anchor_and_the_contents_link(client):
    article = ArticleFactory()
    section = SectionFactory(article=article, position=1, heading="Weapons deal")
    ParagraphFactory(section=section, position=1)
    anchor = section.anchor

    section.heading = "Weapons deals worth billions"
    section.save()
    html = article_html(client, article)

    section.refresh_from_db()
    assert section.anchor == anchor == "weapons-deal"
    start = html.index('<nav class="section-nav"')
    nav = html[start : html.index("</nav>", start)]
    assertInHTML(f'<a href="#{anchor}" lang="en">Weapons deals worth billions</a>', nav + "</nav>")
    assert f'<section class="article-section" id="{anchor}"' in html


def test_article_page_shows_reading_time_from_the_words_of_its_paragraphs(client):
    section = SectionFactory()
    for position in (1, 2, 3):
        ParagraphFactory(section=section, position=position, text=" ".join(["word"] * 150))

    response = client.get(section.article.get_absolute_url())

    assert response.context["body"].word_count == 450
    assertInHTML('<span class="reading-time" lang="es">3 min de lectura</span>', response.content.decode())


def test_reading_time_is_at_least_one_minute(client):
    section = SectionFactory()
    ParagraphFactory(section=section, position=1, text="Three short words.")
    assertInHTML('<span class="reading-time" lang="es">1 min de lectura</span>', article_html(client, section.article))


def test_paragraph_word_count_is_the_words_a_reader_sees(client):
    paragraph = ParagraphFactory(text="A [link to a page](https://example.org/a/long/path) and *emphasis* &amp; more.")
    assert paragraph.word_count == 9


# Article page: sources panel and highlighting


def build_article_citing_two_sources():
    """TASS: a paragraph, an inline quote it reported, a pull quote it spoke; KCNA: the lead
    figure, a figure and a paragraph."""
    tass = SourceFactory(name="TASS", slug="tass", country="Rusia")
    kcna = SourceFactory(name="KCNA", slug="kcna", kind=Source.Kind.STATE_MEDIA, country="Corea del Norte")
    article = ArticleFactory()
    LeadFigureFactory(article=article).sources.add(kcna)
    section = SectionFactory(article=article, position=1, heading="Talks")
    cited = ParagraphFactory(section=section, position=1, text="The agency said “talks went well”.")
    cited.sources.add(tass)
    QuoteFactory(paragraph=cited, position=1, text="talks went well", source=tass)
    other = ParagraphFactory(section=section, position=2, text="The other agency disagreed.")
    other.sources.add(kcna)
    FigureFactory(section=section, position=3).sources.add(kcna)
    spoken = PullQuoteFactory(section=section, position=4, speaker=tass)
    return article, tass, kcna, cited, other, spoken


def test_sources_panel_lists_each_source_with_kind_country_and_counts(client):
    article, tass, kcna, *_ = build_article_citing_two_sources()

    response = client.get(article.get_absolute_url())

    uses = {use.source: (use.statements, use.photos) for use in response.context["body"].source_uses}
    assert uses == {tass: (3, 0), kcna: (1, 2)}
    html = response.content.decode()
    panel = html[
        html.index('<aside class="sources-panel"') : html.index("</aside>", html.index('<aside class="sources-panel"'))
    ]
    assert "Fuentes de este artículo" in panel
    assert "Agencia de noticias · Rusia" in panel
    assert "Medio estatal · Corea del Norte" in panel
    assert "3 afirmaciones" in panel
    assert "1 afirmación · 2 fotos" in panel
    assert 'href="?source=tass#source-filter" data-source="tass"' in panel


def test_source_query_parameter_marks_passages_citing_it_and_dims_the_rest(client):
    article, tass, kcna, cited, other, spoken = build_article_citing_two_sources()

    html = client.get(article.get_absolute_url(), {"source": "tass"}).content.decode()

    assert f'class="block block--paragraph passage--cited" id="{cited.anchor}" data-sources="tass"' in html
    assert f'class="pull-quote passage--cited" id="{spoken.anchor}" data-sources="tass"' in html
    assert f'class="block block--paragraph passage--dimmed" id="{other.anchor}" data-sources="kcna"' in html
    assert 'figure--no-image passage--dimmed" id="lead-figure" data-sources="kcna"' in html
    assert html.count('<span class="visually-hidden passage-flag">') == 2
    assert 'aria-current="true">TASS</a>' in html
    filter_html = html[
        html.index('<div class="source-filter"') : html.index("</div>", html.index('<div class="source-filter"'))
    ]
    assert " hidden" not in filter_html.split(">")[0]
    assert (
        '<strong class="source-filter__name" lang="en">TASS</strong> (<span class="source-filter__count">2</span>)'
        in filter_html
    )


@pytest.mark.parametrize("slug", ["no-such-source", "", "<script>", "tass kcna"])
def test_unknown_source_query_parameter_shows_the_page_normally(client, slug):
    article, *_ = build_article_citing_two_sources()

    response = client.get(article.get_absolute_url(), {"source": slug})

    assert response.status_code == 200
    html = response.content.decode()
    assert "passage--cited" not in html and "passage--dimmed" not in html
    assert '<div class="source-filter" id="source-filter" role="status" lang="es" hidden>' in html


def test_figure_credit_parts_link_to_the_sources_named_or_aliased(client):
    agency = SourceFactory(name="Photo Agency", slug="photo-agency", aliases="PHOTOAG\nPhoto Agency Images")
    distributor = SourceFactory(name="Wire Distributor", slug="wire-distributor")
    article = ArticleFactory()
    LeadFigureFactory(article=article, credit_source="PHOTOAG", credit_photographer="JANE ROE", credit_distributor="")
    section = SectionFactory(article=article, position=1)
    FigureFactory(section=section, position=1, credit_source="UNKNOWN STUDIO", credit_distributor="WIRE DISTRIBUTOR")

    response = client.get(article.get_absolute_url())
    html = response.content.decode()

    assert f'<a class="source-link" href="{agency.get_absolute_url()}">PHOTOAG</a> / JANE ROE' in html
    assert f'vía <a class="source-link" href="{distributor.get_absolute_url()}">WIRE DISTRIBUTOR</a>' in html
    assert "UNKNOWN STUDIO / " in html


# Article page: related reading


def test_related_articles_share_topics_or_sources_are_published_and_leave_out_the_article(client):
    source = SourceFactory(name="Shared Agency")
    article = ArticleFactory(headline="This story")
    article.tags.add("OTAN")
    ParagraphFactory(section__article=article).sources.add(source)
    same_topic = ArticleFactory(headline="Same topic story")
    same_topic.tags.add("OTAN")
    same_source = ArticleFactory(headline="Same source story")
    ParagraphFactory(section__article=same_source).sources.add(source)
    unrelated = ArticleFactory(headline="Unrelated story")
    unrelated.tags.add("Sanidad")
    draft = DraftArticleFactory(headline="Draft on the same topic")
    draft.tags.add("OTAN")

    response = client.get(article.get_absolute_url())

    assert [other.pk for other in response.context["related"]] == [same_topic.pk, same_source.pk]
    html = response.content.decode()
    related_html = html[html.index('<aside class="related"') :]
    assert f'href="{same_topic.get_absolute_url()}">Same topic story</a>' in related_html
    assert "Unrelated story" not in related_html
    assert "Draft on the same topic" not in related_html


def test_related_articles_are_ranked_by_topics_shared_then_sources_shared_then_the_newest(client):
    now = timezone.now()
    first, second = SourceFactory(name="First Agency"), SourceFactory(name="Second Agency")
    article = ArticleFactory(headline="This story")
    article.tags.add("OTAN", "Rusia")
    ParagraphFactory(section__article=article).sources.add(first, second)

    def other(headline, days_ago, topics=(), sources=()):
        found = ArticleFactory(headline=headline, published_at=now - timedelta(days=days_ago))
        found.tags.add(*topics)
        if sources:
            ParagraphFactory(section__article=found).sources.add(*sources)
        return found

    both_topics = other("Both topics, oldest", 30, topics=["OTAN", "Rusia"])
    topic_and_sources = other("One topic, both sources", 20, topics=["OTAN"], sources=[first, second])
    newer_topic_and_source = other("One topic, one source, newer", 2, topics=["Rusia"], sources=[first])
    older_topic_and_source = other("One topic, one source, older", 10, topics=["OTAN"], sources=[second])
    other("Both sources, no topic", 1, sources=[first, second])
    scheduled = other("Scheduled, both topics", -1, topics=["OTAN", "Rusia"])

    response = client.get(article.get_absolute_url())

    related = [other.pk for other in response.context["related"]]
    assert related == [both_topics.pk, topic_and_sources.pk, newer_topic_and_source.pk]
    assert older_topic_and_source.pk not in related
    assert scheduled.pk not in related


def test_article_without_topics_or_sources_has_no_related_reading(client):
    ArticleFactory(headline="Another story")
    article = ArticleFactory()
    response = client.get(article.get_absolute_url())
    assert response.context["related"] == []
    assert '<aside class="related"' not in response.content.decode()


# Lists: reading time, lead figure and page numbers


def test_front_page_shows_each_article_reading_time(client):
    long_read = ArticleFactory(headline="Long read")
    ParagraphFactory(section__article=long_read, text=" ".join(["word"] * 1001))
    ArticleFactory(headline="Short read")

    response = client.get(reverse("articles:article_list"))

    assert {article.headline: article.word_count for article in response.context["page_obj"]} == {
        "Long read": 1001,
        "Short read": 0,
    }
    html = response.content.decode()
    assert '<span lang="es">6 min de lectura</span>' in html
    assert '<span lang="es">1 min de lectura</span>' in html


def test_front_page_shows_lead_figure_caption_and_credit_when_there_is_no_image(client):
    article = ArticleFactory()
    LeadFigureFactory(article=article, caption="Soldiers march", credit="KCNA via REUTERS")
    html = client.get(reverse("articles:article_list")).content.decode()
    assert 'Soldiers march <span class="card__credit">KCNA via REUTERS</span>' in html


@pytest.mark.parametrize("page", ["abc", "999", "0", "-1", "2"])
def test_front_page_and_tag_page_answer_a_bad_page_number_with_not_found(client, page):
    ArticleFactory().tags.add("OTAN")
    for url in (reverse("articles:article_list"), reverse("articles:tag_detail", kwargs={"slug": "otan"})):
        assert client.get(url, {"page": page}).status_code == 404


def test_front_page_second_page_continues_the_list(client):
    for _ in range(21):
        ArticleFactory()
    response = client.get(reverse("articles:article_list"), {"page": "2"})
    assert response.status_code == 200
    assert len(response.context["page_obj"]) == 1
    assert 'rel="prev" href="?page=1"' in response.content.decode()


# The list of sources


def test_source_list_groups_sources_cited_in_published_articles_by_kind(client):
    agency = SourceFactory(name="Cited Agency")
    speaker = SourceFactory(name="Quoted Person", kind=Source.Kind.PERSON)
    photographer = SourceFactory(name="Photo State Media", kind=Source.Kind.STATE_MEDIA)
    SourceFactory(name="Never Cited")
    draft_only = SourceFactory(name="Cited In A Draft Only")
    ParagraphFactory().sources.add(agency)
    QuoteFactory(speaker=speaker)
    LeadFigureFactory().sources.add(photographer)
    ParagraphFactory(section__article=DraftArticleFactory()).sources.add(draft_only)

    response = client.get(reverse("articles:source_list"))

    groups = {str(label): sources for label, sources in response.context["groups"]}
    assert groups == {"agencia de noticias": [agency], "medio estatal": [photographer], "persona o experto": [speaker]}
    html = response.content.decode()
    assert f'href="{agency.get_absolute_url()}">Cited Agency</a>' in html
    assert "Never Cited" not in html
    assert "Cited In A Draft Only" not in html


def test_every_page_links_to_the_list_of_sources(client):
    html = client.get(reverse("articles:article_list")).content.decode()
    assert f'<a href="{reverse("articles:source_list")}">Fuentes</a>' in html


def test_source_page_shows_the_quoted_words_of_each_quote(client):
    source = SourceFactory()
    QuoteFactory(text="we will respond", speaker=source)
    PullQuoteFactory(text="never again", source=source)
    html = client.get(source.get_absolute_url()).content.decode()
    assert "<q>we will respond</q>" in html
    assert "<q>never again</q>" in html


def test_a_pull_quote_listing_its_speaker_as_a_source_counts_once_for_that_source(client):
    speaker = SourceFactory(name="Named Speaker", slug="named-speaker", kind=Source.Kind.PERSON)
    pull_quote = PullQuoteFactory(speaker=speaker, source=speaker)
    pull_quote.sources.add(speaker)

    response = client.get(pull_quote.section.article.get_absolute_url())

    [use] = response.context["body"].source_uses
    assert (use.source, use.statements, use.photos, use.passages) == (speaker, 1, 0, 1)
