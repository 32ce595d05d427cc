"""Block kinds and the registry of what cites a source (articles/kinds.py): every kind of block
and every relation to Source is described there, and the rest of the application follows it."""

import json

import pytest
import reversion
from django.apps import apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.template.loader import get_template
from reversion.models import Version

from articles import kinds
from articles.admin.sources import citation_count, with_citation_counts
from articles.importing.article_v1 import BLOCK_DATA
from articles.models import Article, ArticleSource, Block, LeadFigure, PullQuote, Quote, Source, SourceMerge
from articles.public_citations import citations_of
from articles.revisions import add_article, restore

from .factories import (
    ArticleFactory,
    FigureFactory,
    LeadFigureFactory,
    ParagraphFactory,
    PullQuoteFactory,
    QuoteFactory,
    SectionFactory,
    SourceFactory,
)


def block_kinds():
    """Every concrete model that inherits from Block."""
    return [
        model
        for model in apps.get_app_config("articles").get_models()
        if issubclass(model, Block) and model is not Block
    ]


def source_relations_of(model):
    return {
        field.name
        for field in model._meta.get_fields()
        if field.related_model is Source and (field.many_to_one or field.many_to_many) and not field.auto_created
    }


# Registry coverage


def test_every_block_model_is_a_registered_kind_with_a_template_that_exists():
    assert {model.KIND for model in block_kinds()} == set(Block.Kind.values) == set(kinds.BLOCK_KINDS)
    for model in block_kinds():
        kind = kinds.BLOCK_KINDS[model.KIND]
        assert (kind.model, kind.name) == (model, model.KIND)
        # `Block.specific` follows the link named after the kind.
        assert Block._meta.get_field(model.KIND).related_model is model
        assert get_template(model.template_name)
        # What a source's page shows of it.
        assert isinstance(getattr(model, "excerpt", None), property), model.__name__
    assert get_template(LeadFigure.template_name)


def test_every_relation_from_a_model_of_the_app_to_a_source_is_in_the_registry():
    models_citing = [
        model
        for model in apps.get_app_config("articles").get_models()
        if source_relations_of(model)
        and model is not Block
        and not model._meta.auto_created
        # A merge record names the source kept; it is the sources' bookkeeping, not a part of an article.
        and model is not SourceMerge
        # Counts of what an article's parts cite (articles/counts.py), not a part either.
        and model is not ArticleSource
    ]
    registered = {part.model: part for part in kinds.PARTS.values()}

    assert {model.__name__ for model in models_citing} <= {model.__name__ for model in registered}
    for model in models_citing:
        assert source_relations_of(model) == set(registered[model].cites), model.__name__


def test_every_row_of_an_article_is_registered_with_reversion_when_the_app_is_ready():
    parts = [Article, LeadFigure, Block, *(part.model for part in kinds.PARTS.values())]

    assert [model for model in parts if not reversion.is_registered(model)] == []


def test_every_kind_of_block_has_a_form_in_article_v1_exports():
    assert set(BLOCK_DATA) == set(Block.Kind.values)


def test_every_part_has_a_label_for_readers():
    assert all(str(part.label) for part in kinds.PARTS.values())


# Every registered relation counts as a citation everywhere


def section_of(article):
    return SectionFactory(article=article, position=article.sections.count() + 1)


CITE_THROUGH = {
    (LeadFigure, "sources"): lambda article, source: LeadFigureFactory(article=article).sources.add(source),
    (Block, "sources"): lambda article, source: FigureFactory(section=section_of(article)).sources.add(source),
    (PullQuote, "speaker"): lambda article, source: PullQuoteFactory(section=section_of(article), speaker=source),
    (PullQuote, "source"): lambda article, source: PullQuoteFactory(section=section_of(article), source=source),
    (Quote, "speaker"): lambda article, source: QuoteFactory(
        paragraph=ParagraphFactory(section=section_of(article)), speaker=source
    ),
    (Quote, "source"): lambda article, source: QuoteFactory(
        paragraph=ParagraphFactory(section=section_of(article)), source=source
    ),
}


def test_these_tests_cite_a_source_through_every_registered_relation():
    assert set(CITE_THROUGH) == {(field.model, field.name) for field in kinds.source_relations()}


@pytest.mark.django_db
@pytest.mark.parametrize("relation", list(CITE_THROUGH), ids=lambda relation: f"{relation[0].__name__}.{relation[1]}")
def test_a_source_cited_through_any_registered_relation_is_cited_on_every_page_and_count(relation):
    article, bystander = ArticleFactory(), ArticleFactory()
    source = SourceFactory()
    CITE_THROUGH[relation](article, source)
    ParagraphFactory(section=section_of(bystander)).sources.add(SourceFactory())

    assert list(Source.objects.cited_by(Article.objects.filter(pk=article.pk))) == [source]
    assert list(Article.objects.citing(source)) == [article]
    assert [(cited_in, len(citations)) for cited_in, citations in citations_of(source)] == [(article, 1)]
    assert citation_count(with_citation_counts(Source.objects.filter(pk=source.pk)).get()) == 1


# The stored kind


@pytest.mark.django_db
def test_each_block_stores_its_kind_and_keeps_its_anchor():
    section = SectionFactory()
    made = [
        ParagraphFactory(section=section, position=1),
        FigureFactory(section=section, position=2),
        PullQuoteFactory(section=section, position=3),
    ]

    stored = Block.objects.filter(section=section).order_by("position")

    assert [block.kind for block in stored] == ["paragraph", "figure", "pullquote"]
    assert [block.anchor for block in stored] == [f"{block.kind}-{block.pk}" for block in made]
    assert [block.anchor for block in made] == [
        f"paragraph-{made[0].pk}",
        f"figure-{made[1].pk}",
        f"pullquote-{made[2].pk}",
    ]


@pytest.mark.django_db
def test_specific_reads_the_row_of_the_stored_kind_only(django_assert_num_queries):
    figure = FigureFactory()

    block = Block.objects.get(pk=figure.pk)
    with django_assert_num_queries(1) as captured:
        assert block.specific == figure
    assert "paragraph" not in captured.captured_queries[0]["sql"]

    loaded = Block.objects.with_specific().get(pk=figure.pk)
    with django_assert_num_queries(0):
        assert loaded.specific == figure


@pytest.mark.django_db(transaction=True)
def test_the_migration_gives_every_existing_block_the_kind_of_its_row():
    executor = MigrationExecutor(connection)
    migration = next(
        key for key in executor.loader.graph.nodes if key[0] == "articles" and key[1].endswith("_block_kind")
    )
    before = executor.loader.graph.node_map[migration].parents
    executor.migrate([parent.key for parent in before])
    old = executor.loader.project_state([parent.key for parent in before]).apps
    article = old.get_model("articles", "Article").objects.create(headline="Old", slug="old")
    section = old.get_model("articles", "Section").objects.create(article=article, position=1, anchor="one")
    pks = {
        "paragraph": old.get_model("articles", "Paragraph").objects.create(section=section, position=1, text="Hi").pk,
        "figure": old.get_model("articles", "Figure").objects.create(section=section, position=2).pk,
        "pullquote": old.get_model("articles", "PullQuote").objects.create(section=section, position=3, text="Q").pk,
    }

    executor = MigrationExecutor(connection)
    executor.migrate([migration])
    migrated = executor.loader.project_state([migration]).apps.get_model("articles", "Block")
    try:
        assert {kind: migrated.objects.get(pk=pk).kind for kind, pk in pks.items()} == {kind: kind for kind in pks}
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db
def test_restoring_a_revision_recorded_before_blocks_stored_their_kind_gives_them_their_kind(client):
    section = SectionFactory(heading="Restored")
    paragraph = ParagraphFactory(section=section, position=1, text="Kept in the old revision.")
    figure = FigureFactory(section=section, position=2)
    with reversion.create_revision():
        add_article(section.article)
    for version in Version.objects.filter(content_type__model="block"):
        data = json.loads(version.serialized_data)
        del data[0]["fields"]["kind"]
        version.serialized_data = json.dumps(data)
        version.save()
    paragraph_pk = paragraph.pk
    paragraph.delete()
    article_version = Version.objects.get(content_type__model="article")

    restore(article_version, user=None)

    assert dict(Block.objects.values_list("pk", "kind")) == {paragraph_pk: "paragraph", figure.pk: "figure"}
    assert f'id="paragraph-{paragraph_pk}"' in client.get(section.article.get_absolute_url()).content.decode()
