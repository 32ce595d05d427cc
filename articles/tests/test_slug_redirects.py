"""A published article's address: Contributors cannot change it; when an Editor does, the old
address keeps leading readers to the article with a permanent redirect, and no other article
may take it."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.addresses import ArticleSlugRedirect
from articles.models import Article
from articles.revisions import restore
from articles.tests.factories import ArticleFactory, DraftArticleFactory, ParagraphFactory, SectionFactory
from articles.tests.history_helpers import (
    change_url,
    edit,
    make_member,
    open_change_form,
    revisions_of,
    save_change_form,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_interface")]


@pytest.fixture
def published():
    article = ArticleFactory(headline="Talks resume in Geneva", slug="talks-resume")
    ParagraphFactory(section=SectionFactory(article=article, position=1), text="Delegates returned.")
    return article


@pytest.fixture
def contributor(client, django_user_model):
    client.force_login(make_member(django_user_model, "Contributors", "carla"))
    return client


@pytest.fixture
def editor(client, django_user_model):
    client.force_login(make_member(django_user_model, "Editors", "maria"))
    return client


def address(slug):
    return reverse("articles:article_detail", kwargs={"slug": slug})


def test_a_contributor_cannot_change_the_slug_of_a_published_article(contributor, published):
    page = contributor.get(change_url(published)).content.decode()

    edit(contributor, published, {"slug": "talks-collapse", "standfirst": "Corrected."})

    published.refresh_from_db()
    assert 'name="slug"' not in page
    assert (published.slug, published.standfirst) == ("talks-resume", "Corrected.")
    assert contributor.get(address("talks-resume")).status_code == 200


def test_a_contributor_changes_the_slug_of_a_draft_and_leaves_no_old_address(contributor):
    draft = DraftArticleFactory(slug="first-try")

    edit(contributor, draft, {"slug": "second-try"})

    assert Article.objects.get(pk=draft.pk).slug == "second-try"
    assert not ArticleSlugRedirect.objects.exists()


def test_the_old_address_of_a_published_article_redirects_permanently_to_the_new_one(client, editor, published):
    edit(editor, published, {"slug": "talks-collapse"})
    edit(editor, Article.objects.get(pk=published.pk), {"slug": "talks-end"})
    client.logout()

    first = client.get(address("talks-resume") + "?source=reuters")
    second = client.get(address("talks-collapse"))

    assert (first.status_code, first["Location"]) == (301, address("talks-end") + "?source=reuters")
    assert (second.status_code, second["Location"]) == (301, address("talks-end"))
    assert client.get(address("talks-end")).status_code == 200


def test_taking_back_an_old_slug_makes_it_the_address_again(client, editor, published):
    edit(editor, published, {"slug": "talks-collapse"})
    edit(editor, Article.objects.get(pk=published.pk), {"slug": "talks-resume"})

    assert client.get(address("talks-resume")).status_code == 200
    assert client.get(address("talks-collapse"))["Location"] == address("talks-resume")
    assert list(ArticleSlugRedirect.objects.values_list("old_slug", flat=True)) == ["talks-collapse"]


def test_the_old_address_of_an_article_taken_down_is_gone_too(client, editor, published):
    edit(editor, published, {"slug": "talks-collapse"})
    edit(editor, Article.objects.get(pk=published.pk), {"_unpublish": "Unpublish"})

    assert client.get(address("talks-resume")).status_code == 404


def test_no_other_article_may_take_an_old_address(editor, published):
    edit(editor, published, {"slug": "talks-collapse"})
    other = ArticleFactory(headline="Another story", slug="another-story")

    refused = save_change_form(editor, other, open_change_form(editor, other), {"slug": "talks-resume"})
    with pytest.raises(ValidationError, match="used to be the address"):
        Article(headline="New", slug="talks-resume", language="en").full_clean()
    imported = editor.post(
        reverse("admin:articles_article_import"),
        {"file": SimpleUploadedFile("new.txt", b"New story\n\nSummary.\n\nA paragraph.\n"), "slug": "talks-resume"},
    )

    assert refused.status_code == 200 and "used to be the address" in refused.content.decode()
    assert imported.status_code == 200 and "used to be the address" in imported.content.decode()
    assert Article.objects.get(pk=other.pk).slug == "another-story"
    assert not Article.objects.filter(slug="talks-resume").exists()


def test_a_live_article_wins_over_an_old_address(client, published):
    ArticleSlugRedirect.objects.create(old_slug="shared-slug", article=published)
    ArticleFactory(headline="Shared", slug="shared-slug")

    response = client.get(address("shared-slug"))

    assert response.status_code == 200 and "Shared" in response.content.decode()


def test_restoring_an_earlier_slug_keeps_the_later_address_working(client, django_user_model, editor, published):
    edit(editor, published, {"slug": "talks-collapse"})
    first = revisions_of(published)[-1].version_set.get(content_type__model="article")

    restore(first, django_user_model.objects.get(username="maria"))

    assert Article.objects.get(pk=published.pk).slug == "talks-resume"
    assert client.get(address("talks-resume")).status_code == 200
    assert client.get(address("talks-collapse"))["Location"] == address("talks-resume")
