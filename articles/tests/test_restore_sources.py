"""Restoring a revision that cites sources merged or deleted since: merged sources become the
source kept, citations of deleted ones are left out and the editor is told."""

import pytest
from django.contrib.admin import helpers
from django.db import connection
from django.urls import reverse

from articles.merging import merge_sources
from articles.models import PullQuote, Quote, Source, SourceMerge
from articles.revisions import ensure_history, restore
from articles.tests.factories import (
    ArticleFactory,
    LeadFigureFactory,
    ParagraphFactory,
    PullQuoteFactory,
    QuoteFactory,
    SectionFactory,
    SourceFactory,
)
from articles.tests.history_helpers import edit, make_member, revisions_of


@pytest.fixture(autouse=True)
def english(english_interface):
    """Every test here reads the admin in English."""


@pytest.fixture
def editor_client(client, django_user_model):
    client.force_login(make_member(django_user_model, "Editors", "maria"))
    return client


def article_citing(source):
    """An article citing `source` in every way an article can: lead figure, paragraph, quote, pull quote."""
    article = ArticleFactory(headline="Talks resume in Geneva")
    LeadFigureFactory(article=article).sources.add(source)
    section = SectionFactory(article=article, position=1, heading="The talks")
    paragraph = ParagraphFactory(section=section, position=1, text="KCNA said “the talks would continue”.")
    paragraph.sources.add(source)
    QuoteFactory(paragraph=paragraph, position=1, text="the talks would continue", speaker=source, source=source)
    PullQuoteFactory(section=section, position=2, text="We will talk", speaker=source, source=source)
    return article


def citations(article):
    """Every source the article cites, by way of citing."""
    paragraph = article.sections.get().blocks.get(position=1).paragraph
    quote, pull_quote = Quote.objects.get(paragraph=paragraph), PullQuote.objects.get(section__article=article)
    return {
        "lead figure": list(article.lead_figure.sources.all()),
        "paragraph": list(paragraph.sources.all()),
        "quote": [quote.speaker, quote.source],
        "pull quote": [pull_quote.speaker, pull_quote.source],
    }


def first_version(article):
    return revisions_of(article)[-1].version_set.get(content_type__model="article")


def restore_messages(response):
    return [str(message) for message in response.context["messages"] if "is back as it was on" in str(message)]


def restore_url(article, version):
    return reverse("admin:articles_article_restore", args=[article.pk, version.pk])


@pytest.mark.django_db(transaction=True)
def test_restoring_a_revision_from_before_a_source_merge_cites_the_source_kept(editor_client):
    keep = SourceFactory(name="Korean Central News Agency")
    copy = SourceFactory(name="KCNA agency")
    article = article_citing(copy)
    edit(editor_client, article, {"headline": "Talks resume in Geneva at last"})
    selected = {"action": "merge_selected_sources", helpers.ACTION_CHECKBOX_NAME: [keep.pk, copy.pk]}
    editor_client.post(reverse("admin:articles_source_changelist"), {**selected, "confirm_merge": "1", "keep": keep.pk})
    assert not Source.objects.filter(pk=copy.pk).exists()

    response = editor_client.post(restore_url(article, first_version(article)), follow=True)

    assert response.status_code == 200
    article.refresh_from_db()
    assert article.headline == "Talks resume in Geneva"
    assert citations(article) == {
        "lead figure": [keep],
        "paragraph": [keep],
        "quote": [keep, keep],
        "pull quote": [keep, keep],
    }
    [message] = restore_messages(response)
    assert "“KCNA agency” was merged into “Korean Central News Agency”" in message


@pytest.mark.django_db
def test_restoring_a_revision_citing_a_deleted_source_leaves_those_citations_out_and_says_so(editor_client):
    gone, stays = SourceFactory(name="Defunct Wire"), SourceFactory(name="Swiss Wire")
    article = article_citing(gone)
    article.lead_figure.sources.add(stays)
    edit(editor_client, article, {"headline": "Talks resume in Geneva at last"})
    gone.delete()

    response = editor_client.post(restore_url(article, first_version(article)), follow=True)

    connection.check_constraints()
    assert response.status_code == 200
    assert citations(article) == {
        "lead figure": [stays],
        "paragraph": [],
        "quote": [None, None],
        "pull quote": [None, None],
    }
    [message] = restore_messages(response)
    assert "6 citations of sources deleted since were left out" in message


@pytest.mark.django_db
def test_a_source_merged_twice_is_restored_as_the_last_source_kept():
    first, second, last = (SourceFactory(name=name) for name in ("KCNA", "KCNA agency", "Korean Central News Agency"))
    article = article_citing(first)
    ParagraphFactory(section=article.sections.get(), position=3).sources.add(second)
    with_history = recorded(article)
    merge_sources(second, [first])
    merge_sources(last, [second])

    restored = restore(with_history, user=None)

    connection.check_constraints()
    assert citations(article)["paragraph"] == [last]
    assert list(article.sections.get().blocks.get(position=3).sources.all()) == [last]
    assert sorted(restored.replaced) == [
        ("KCNA", "Korean Central News Agency"),
        ("KCNA agency", "Korean Central News Agency"),
    ]
    assert SourceMerge.objects.filter(kept=last).count() == 2


@pytest.mark.django_db
def test_the_restore_page_names_the_source_kept_for_a_merged_one(editor_client):
    keep, copy = SourceFactory(name="Korean Central News Agency"), SourceFactory(name="KCNA agency")
    article = article_citing(copy)
    edit(editor_client, article, {"headline": "Talks resume in Geneva at last"})
    merge_sources(keep, [copy])

    response = editor_client.get(restore_url(article, first_version(article)))

    content = response.content.decode()
    assert "deleted source" not in content
    assert "Korean Central News Agency" not in changes_section(content)


def changes_section(content):
    start = content.index('<table class="article-changes">')
    return content[start : content.index("</table>", start)]


def recorded(article):
    """The article's current state recorded as a revision, as the admin does before a first change."""
    ensure_history(article)
    return revisions_of(article)[0].version_set.get(content_type__model="article")
