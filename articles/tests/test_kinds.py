"""Block kinds: every block stores its kind, and each kind names its template."""

import json

import pytest
import reversion
from django.apps import apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.template.loader import get_template
from reversion.models import Version

from articles.models import Block, LeadFigure
from articles.revisions import add_article, restore

from .factories import (
    FigureFactory,
    ParagraphFactory,
    PullQuoteFactory,
    SectionFactory,
)


def block_kinds():
    """Every concrete model that inherits from Block."""
    return [
        model
        for model in apps.get_app_config("articles").get_models()
        if issubclass(model, Block) and model is not Block
    ]


def test_every_block_model_names_its_kind_and_a_template_that_exists():
    assert {model.KIND for model in block_kinds()} == set(Block.Kind.values)
    for model in block_kinds():
        # `Block.specific` follows the link named after the kind.
        assert Block._meta.get_field(model.KIND).related_model is model
        assert get_template(model.template_name)
    assert get_template(LeadFigure.template_name)


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
