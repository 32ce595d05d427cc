"""The stored search documents: current after every kind of write, rebuilt once per transaction,
rebuilt on demand, and queried without ever passing the reader's words as query syntax."""

from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article, LeadFigure, Paragraph
from articles.public_changes import refresh_pending_public_data
from articles.search import MARK_START, MARK_STOP, mark_words, ranked_article_ids
from articles.search.documents import index_articles_without_document
from articles.search.models import SearchDocument
from articles.search.sqlite import fts_query, query_words

from .factories import (
    ArticleFactory,
    FigureFactory,
    LeadFigureFactory,
    ParagraphFactory,
    PullQuoteFactory,
    QuoteFactory,
    SectionFactory,
)
from .history_helpers import edit, make_member, revisions_of

pytestmark = pytest.mark.django_db

sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5 prefix queries")

IMPORTS = Path(__file__).parent / "articles_to_import"


def found(client, query):
    response = client.get(reverse("articles:search"), {"q": query})
    assert response.status_code == 200
    return [result.article for result in response.context["results"]]


def build_article(headline="Glacier news"):
    """An article whose every searched part says "glacier"."""
    article = ArticleFactory(headline=headline, standfirst="The glacier moved.", language="en")
    LeadFigureFactory(article=article, caption="A glacier from the air")
    section = SectionFactory(article=article, position=1)
    paragraph = ParagraphFactory(section=section, position=1, text="Nobody saw the glacier tongue move.")
    QuoteFactory(paragraph=paragraph, position=1, text="glacier tongue")
    FigureFactory(section=section, position=2, caption="The glacier at dawn")
    PullQuoteFactory(section=section, position=3, text="The glacier is alive")
    return article


def part(article, kind):
    section = article.sections.get()
    return {
        "article": article,
        "lead figure": LeadFigure.objects.get(article=article),
        "paragraph": Paragraph.objects.get(section=section),
        "quote": Paragraph.objects.get(section=section).quotes.get(),
        "figure": section.blocks.get(position=2).figure,
        "pull quote": section.blocks.get(position=3).pullquote,
    }[kind]


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Writes in this block count as committed: their on-commit callbacks run at its end."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


# Kept current


@pytest.mark.parametrize(
    ("kind", "field"),
    [
        ("article", "headline"),
        ("article", "standfirst"),
        ("lead figure", "caption"),
        ("paragraph", "text"),
        ("quote", "text"),
        ("figure", "caption"),
        ("pull quote", "text"),
    ],
)
def test_an_edit_of_any_part_changes_what_search_finds_once_committed(client, committed, kind, field):
    with committed():
        article = build_article()
    other = ArticleFactory(headline="Another glacier")

    with committed():
        changed = part(article, kind)
        setattr(changed, field, "A volcano instead")
        changed.save()

    assert found(client, "volcano") == [article]
    assert article in found(client, "glacier") and other in found(client, "glacier")


@pytest.mark.parametrize("kind", ["lead figure", "paragraph", "quote", "figure", "pull quote"])
def test_deleting_a_part_takes_its_words_out_of_search(client, committed, kind):
    with committed():
        article = build_article()
        changed = part(article, kind)
        changed.caption = changed.text = "A volcano instead"
        changed.save()
    assert found(client, "volcano") == [article]

    with committed():
        changed.delete()

    assert found(client, "volcano") == []
    assert found(client, "glacier") == [article]


def test_deleting_a_section_or_the_article_takes_all_their_words_out_of_search(client, committed):
    with committed():
        article = build_article()
        second = SectionFactory(article=article, position=2)
        ParagraphFactory(section=second, position=1, text="A volcano erupted.")
    assert found(client, "volcano") == [article]

    with committed():
        second.delete()
    assert found(client, "volcano") == [] and found(client, "glacier") == [article]

    with committed():
        article.delete()
    assert found(client, "glacier") == []
    assert not SearchDocument.objects.exists()


def test_a_transaction_rebuilds_the_document_of_each_changed_article_once(django_capture_on_commit_callbacks):
    refresh_pending_public_data()  # what earlier tests left noted
    with django_capture_on_commit_callbacks() as callbacks:
        article = build_article()
        section = SectionFactory(article=article, position=2)
        for position in range(1, 21):
            paragraph = ParagraphFactory(section=section, position=position, text=f"Paragraph {position}.")
            QuoteFactory(paragraph=paragraph, position=1, text="Paragraph")

    with CaptureQueriesContext(connection) as queries:
        for callback in callbacks:
            callback()

    # Made public once (articles/public_changes.py): one upsert of its search document.
    writes = [query["sql"] for query in queries if "articles_searchdocument" in query["sql"]]
    assert len(writes) == 1 and writes[0].startswith('INSERT INTO "articles_searchdocument"')
    assert "paragraph 20." in SearchDocument.objects.get(article=article).body.lower()


def test_a_search_sees_the_writes_of_its_own_transaction():
    article = build_article()

    assert ranked_article_ids("glacier") == [article.pk]


# Every way articles are written


def test_an_article_saved_in_the_admin_is_found_by_its_new_words(client, committed, django_user_model):
    with committed():
        article = build_article()
    editor = make_member(django_user_model, "Editors", "search-editor")
    client.force_login(editor)

    with committed():
        edit(client, article, {"standfirst": "An avalanche buried the road.", "_publish": "Publish"})

    assert found(client, "avalanche") == [article]


def test_an_imported_article_is_found(client, committed):
    with committed():
        call_command("import_article", str(IMPORTS / "seoul_warns_en.txt"), "--publish", verbosity=0)

    assert [article.headline for article in found(client, "Pyongyang")] == [
        "Seoul warns of deeper military ties between Pyongyang and Moscow"
    ]


def test_restoring_a_revision_brings_its_words_back_to_search(client, committed, django_user_model):
    with committed():
        article = build_article()
    client.force_login(make_member(django_user_model, "Editors", "search-restorer"))
    with committed():
        edit(client, article, {"standfirst": "An avalanche buried the road.", "_publish": "Publish"})
        edit(client, article, {"standfirst": "A flood closed the road.", "_publish": "Publish"})
    avalanche = revisions_of(article)[1].version_set.get(content_type__model="article")

    with committed():
        response = client.post(reverse("admin:articles_article_restore", args=[article.pk, avalanche.pk]))
    # Restored into the working version: readers, search included, get it once it is published.
    assert found(client, "flood") == [article]
    with committed():
        edit(client, article, {"_publish": "Publish"})

    assert response.status_code == 302
    assert found(client, "avalanche") == [article] and found(client, "flood") == []


def test_generated_articles_are_indexed_in_bulk(client):
    call_command("generate_articles", "2", "--seed", "21", verbosity=0)

    assert SearchDocument.objects.filter(article__slug__startswith="synthetic-").count() == 2


# Rebuilt on demand


def test_rebuild_search_index_gives_every_article_its_document_again(client):
    articles = [build_article(f"Glacier news {number}") for number in range(3)]
    refresh_pending_public_data()
    SearchDocument.objects.all().delete()
    assert found(client, "glacier") == []

    call_command("rebuild_search_index", verbosity=0)

    assert set(found(client, "glacier")) == set(articles)


def test_after_migrate_articles_without_a_document_get_one(client):
    indexed, unindexed = build_article("Glacier news 1"), build_article("Glacier news 2")
    refresh_pending_public_data()
    SearchDocument.objects.filter(article=unindexed).delete()

    index_articles_without_document(sender=None)

    assert set(found(client, "glacier")) == {indexed, unindexed}
    assert SearchDocument.objects.count() == Article.objects.count()


# The reader's words, never query syntax


def test_query_words_are_folded_letters_and_digits_and_each_becomes_a_quoted_prefix():
    words = query_words('NEAR(Sanción, "bay") OR headline:Straße* ^x_y {body}:z -w', limit=12)

    assert words == ["near", "sancion", "bay", "or", "headline", "strasse", "x", "y", "body", "z", "w"]
    assert fts_query(words[:3]) == '"near"* "sancion"* "bay"*'
    assert query_words("a b c d", limit=2) == ["a", "b"]


@sqlite_only
def test_on_sqlite_a_word_finds_the_words_it_begins(client):
    article = ArticleFactory(headline="Nuevas sanciones", language="es")

    assert found(client, "sanc") == [article]
    assert found(client, "ciones") == []


def test_marking_maps_folded_words_back_to_the_text_as_written():
    assert (
        mark_words("strasse", "Die Straße, STRASSE")
        == f"Die {MARK_START}Straße{MARK_STOP}, {MARK_START}STRASSE{MARK_STOP}"
    )
    assert mark_words("ucrania", "En Ucrania.") == f"En {MARK_START}Ucrania{MARK_STOP}."
