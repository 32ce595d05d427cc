"""Merging duplicate sources: citations move to the source kept, names become its aliases."""

import pytest
from django.contrib.admin import helpers
from django.contrib.auth.models import Permission
from django.urls import reverse

from articles.merging import merge_sources
from articles.models import Article, Source
from articles.tests.admin_helpers import make_editor
from articles.tests.factories import (
    ArticleFactory,
    FigureFactory,
    LeadFigureFactory,
    ParagraphFactory,
    PullQuoteFactory,
    QuoteFactory,
    SectionFactory,
    SourceFactory,
)
from articles.tests.history_helpers import make_member, revisions_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_interface")]


def changelist_url():
    return reverse("admin:articles_source_changelist")


@pytest.fixture
def duplicates():
    keep = SourceFactory(name="Korean Central News Agency", aliases="KCNA")
    copy = SourceFactory(name="KCNA agency", aliases="Agencia Central de Noticias de Corea")
    return keep, copy


def test_merge_moves_every_citation_to_the_source_kept(duplicates):
    keep, copy = duplicates
    paragraph = ParagraphFactory()
    paragraph.sources.add(copy)
    both = ParagraphFactory()
    both.sources.add(copy, keep)
    figure = FigureFactory()
    figure.sources.add(copy)
    lead = LeadFigureFactory()
    lead.sources.add(copy)
    quote = QuoteFactory(paragraph=paragraph, position=1, speaker=copy, source=copy)
    pull_quote = PullQuoteFactory(speaker=copy, source=copy)

    merge_sources(keep, [copy])

    assert not Source.objects.filter(pk=copy.pk).exists()
    assert list(paragraph.sources.all()) == [keep]
    assert list(both.sources.all()) == [keep]
    assert list(figure.sources.all()) == [keep]
    assert list(lead.sources.all()) == [keep]
    quote.refresh_from_db()
    pull_quote.refresh_from_db()
    assert (quote.speaker, quote.source) == (keep, keep)
    assert (pull_quote.speaker, pull_quote.source) == (keep, keep)


def test_merge_keeps_the_duplicates_names_as_aliases(duplicates):
    keep, copy = duplicates

    merge_sources(keep, [copy])

    keep.refresh_from_db()
    assert keep.alias_list() == ["KCNA", "KCNA agency", "Agencia Central de Noticias de Corea"]


def test_merge_into_merges_the_sources_of_a_queryset_but_the_one_kept_and_counts_them(duplicates):
    keep, copy = duplicates
    other = SourceFactory(name="KCNA news", aliases="")
    ParagraphFactory().sources.add(copy, other)

    merged = Source.objects.filter(pk__in=[keep.pk, copy.pk, other.pk]).merge_into(keep)

    assert merged == 2
    assert list(Source.objects.filter(pk__in=[keep.pk, copy.pk, other.pk])) == [keep]
    assert keep.blocks.count() == 1
    assert "KCNA news" in keep.alias_list()


def test_editor_merges_from_the_source_list_after_choosing_which_to_keep(client, django_user_model, duplicates):
    keep, copy = duplicates
    ParagraphFactory().sources.add(copy)
    client.force_login(make_editor(django_user_model))
    selected = {"action": "merge_selected_sources", helpers.ACTION_CHECKBOX_NAME: [keep.pk, copy.pk]}

    confirmation = client.post(changelist_url(), selected)
    merged = client.post(changelist_url(), {**selected, "confirm_merge": "yes", "keep": keep.pk}, follow=True)

    assert confirmation.status_code == 200
    assert "admin/articles/source/merge_confirmation.html" in [template.name for template in confirmation.templates]
    assert "KCNA agency (news agency), cited 1 time" in confirmation.content.decode()
    assert confirmation.context["form"]["keep"].initial == copy.pk
    assert Source.objects.filter(pk=copy.pk).exists() is False
    assert any("Merged 1 source" in str(message) for message in merged.context["messages"])
    assert keep.blocks.count() == 1


def test_confirming_without_choosing_asks_again_and_changes_nothing(client, django_user_model, duplicates):
    keep, copy = duplicates
    client.force_login(make_editor(django_user_model))

    response = client.post(
        changelist_url(),
        {"action": "merge_selected_sources", helpers.ACTION_CHECKBOX_NAME: [keep.pk, copy.pk], "confirm_merge": "yes"},
    )

    assert response.status_code == 200 and "Choose the source to keep" in response.content.decode()
    assert Source.objects.filter(pk__in=[keep.pk, copy.pk]).count() == 2


def test_merging_one_source_is_refused_with_a_message(client, django_user_model, duplicates):
    keep, copy = duplicates
    client.force_login(make_editor(django_user_model))

    response = client.post(
        changelist_url(), {"action": "merge_selected_sources", helpers.ACTION_CHECKBOX_NAME: [keep.pk]}, follow=True
    )

    assert any("two or more" in str(message) for message in response.context["messages"])
    assert Source.objects.filter(pk=keep.pk).exists()


def test_a_contributor_is_not_offered_the_merge_and_cannot_post_it(client, django_user_model, duplicates):
    keep, copy = duplicates
    ParagraphFactory().sources.add(copy)
    client.force_login(make_member(django_user_model, "Contributors", "carla"))
    selected = {"action": "merge_selected_sources", helpers.ACTION_CHECKBOX_NAME: [keep.pk, copy.pk]}

    page = client.get(changelist_url()).content.decode()
    response = client.post(changelist_url(), {**selected, "confirm_merge": "yes", "keep": keep.pk})

    assert "merge_selected_sources" not in page
    assert "Merged" not in response.content.decode()
    assert Source.objects.filter(pk__in=[keep.pk, copy.pk]).count() == 2
    assert copy.blocks.count() == 1


def test_merging_needs_both_the_change_and_the_delete_permission(client, django_user_model, duplicates):
    keep, copy = duplicates
    user = django_user_model.objects.create_user(username="deleter", password="x-long-password-1", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=["view_source", "delete_source"]))
    client.force_login(user)

    client.post(
        changelist_url(),
        {
            "action": "merge_selected_sources",
            helpers.ACTION_CHECKBOX_NAME: [keep.pk, copy.pk],
            "confirm_merge": "yes",
            "keep": keep.pk,
        },
    )

    assert Source.objects.filter(pk__in=[keep.pk, copy.pk]).count() == 2


def test_a_merge_is_a_revision_of_every_article_whose_citations_it_moved(client, django_user_model, duplicates):
    keep, copy = duplicates
    editor = make_editor(django_user_model)
    cited = ParagraphFactory(section=SectionFactory(article=ArticleFactory(headline="Cited")))
    cited.sources.add(copy)
    quoted = QuoteFactory(paragraph=ParagraphFactory(), position=1, speaker=copy)
    untouched = ParagraphFactory(section=SectionFactory(article=ArticleFactory(headline="Untouched")))
    untouched.sources.add(keep)
    client.force_login(editor)
    moved = [cited.section.article, quoted.paragraph.section.article]
    edit_versions = [article.edit_version for article in moved]

    client.post(
        changelist_url(),
        {
            "action": "merge_selected_sources",
            helpers.ACTION_CHECKBOX_NAME: [keep.pk, copy.pk],
            "confirm_merge": "yes",
            "keep": keep.pk,
        },
    )

    newest = [revisions_of(article)[0] for article in moved]
    assert [(revision.comment, revision.user) for revision in newest] == [
        ("Merged source “KCNA agency” into “Korean Central News Agency”.", editor)
    ] * 2
    assert newest[0].version_set.get(content_type__model="block", object_id=str(cited.pk)).field_dict["sources"] == [
        keep.pk
    ]
    assert (
        newest[1].version_set.get(content_type__model="quote", object_id=str(quoted.pk)).field_dict["speaker_id"]
        == keep.pk
    )
    assert [Article.objects.get(pk=article.pk).edit_version for article in moved] == [
        version + 1 for version in edit_versions
    ]
    assert revisions_of(untouched.section.article) == []
