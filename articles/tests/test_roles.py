import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.models import Article, Section
from articles.tests.factories import ArticleFactory, DraftArticleFactory, ParagraphFactory, SectionFactory
from articles.tests.history_helpers import edit, make_member, revisions_of

pytestmark = pytest.mark.django_db

EDITORS, CONTRIBUTORS = "Editors", "Contributors"
PARTS = ["article", "section", "block", "paragraph", "figure", "leadfigure", "pullquote", "quote", "source"]
CONTRIBUTOR_PERMISSIONS = (
    {f"articles.{action}_{model}" for action in ("add", "change", "view") for model in PARTS}
    | {f"articles.delete_{model}" for model in PARTS if model not in {"article", "source"}}
    | {f"taggit.{action}_{model}" for action in ("add", "change", "view") for model in ("tag", "taggeditem")}
    | {"taggit.delete_taggeditem"}
)


@pytest.fixture(autouse=True)
def english(english_interface):
    """Every test here reads the admin in English."""


@pytest.fixture
def article():
    article = ArticleFactory(headline="Talks resume in Geneva")
    section = SectionFactory(article=article, position=1, heading="The talks")
    ParagraphFactory(section=section, position=1, text="Officials said the talks would continue.")
    return article


def client_for(client, django_user_model, group):
    client.force_login(make_member(django_user_model, group, group.lower()))
    return client


@pytest.fixture(params=[EDITORS, CONTRIBUTORS])
def member(request, client, django_user_model):
    """A logged-in client of each group, in turn."""
    client.group = request.param
    return client_for(client, django_user_model, request.param)


@pytest.fixture
def editor(client, django_user_model):
    return client_for(client, django_user_model, EDITORS)


@pytest.fixture
def contributor(client, django_user_model):
    return client_for(client, django_user_model, CONTRIBUTORS)


def granted(group_name):
    return {
        f"{permission.content_type.app_label}.{permission.codename}"
        for permission in Group.objects.get(name=group_name).permissions.select_related("content_type")
    }


def test_contributors_hold_exactly_the_drafting_permissions():
    assert granted(CONTRIBUTORS) == CONTRIBUTOR_PERMISSIONS


def test_editors_may_publish_and_restore_and_contributors_may_not():
    assert {"articles.publish_article", "articles.restore_article"} <= granted(EDITORS)
    assert not {"articles.publish_article", "articles.restore_article", "articles.delete_article"} & granted(
        CONTRIBUTORS
    )


def test_the_publishing_and_restoring_permissions_are_declared_on_the_article_model():
    assert {codename for codename, _name in Article._meta.permissions} == {"publish_article", "restore_article"}


@pytest.mark.parametrize("url_name", ["changelist", "add", "import"])
def test_each_group_opens_the_article_list_add_and_import_pages(member, url_name):
    assert member.get(reverse(f"admin:articles_article_{url_name}")).status_code == 200


def test_each_group_edits_an_article_and_its_sections(member, article):
    edit(member, article, {"standfirst": f"Edited by {member.group}."})
    edit(member, article.sections.get(), {"heading": f"The talks ({member.group})"})

    article.refresh_from_db()
    assert (article.standfirst, article.sections.get().heading) == (
        f"Edited by {member.group}.",
        f"The talks ({member.group})",
    )


@pytest.mark.parametrize("url_name", ["history", "compare", "preview"])
def test_each_group_sees_the_history_comparisons_and_preview(member, article, url_name):
    edit(member, article, {"standfirst": "A change."})
    query = (
        {"old": revisions_of(article)[-1].version_set.get(content_type__model="article").pk}
        if url_name == "compare"
        else {}
    )

    response = member.get(reverse(f"admin:articles_article_{url_name}", args=[article.pk]), query)

    assert response.status_code == 200


def test_an_editor_restores_an_earlier_version(editor, article):
    edit(editor, article, {"headline": "Talks collapse"})
    before = revisions_of(article)[-1].version_set.get(content_type__model="article")
    url = reverse("admin:articles_article_restore", args=[article.pk, before.pk])

    assert editor.get(url).status_code == 200
    assert editor.post(url).status_code == 302
    assert Article.objects.get(pk=article.pk).headline == "Talks resume in Geneva"


def test_a_contributor_may_not_restore_nor_see_the_restore_links(contributor, article):
    edit(contributor, article, {"headline": "Talks collapse"})
    before = revisions_of(article)[-1].version_set.get(content_type__model="article")
    url = reverse("admin:articles_article_restore", args=[article.pk, before.pk])

    assert (contributor.get(url).status_code, contributor.post(url).status_code) == (403, 403)
    assert (
        "/restore/"
        not in contributor.get(reverse("admin:articles_article_history", args=[article.pk])).content.decode()
    )
    assert Article.objects.get(pk=article.pk).headline == "Talks collapse"


def test_a_contributor_cannot_publish_a_draft(contributor):
    draft = DraftArticleFactory(headline="Draft")

    edit(contributor, draft, {"status": Article.Status.PUBLISHED, "headline": "Draft, edited"})

    draft.refresh_from_db()
    assert (draft.headline, draft.status, draft.published_at) == ("Draft, edited", Article.Status.DRAFT, None)


def test_a_contributor_cannot_unpublish_a_published_article(contributor, article):
    edit(contributor, article, {"status": Article.Status.DRAFT})

    assert Article.objects.get(pk=article.pk).status == Article.Status.PUBLISHED


def test_an_editor_publishes_a_draft(editor):
    draft = DraftArticleFactory(headline="Draft")

    edit(editor, draft, {"_publish": "Publish"})

    assert Article.objects.get(pk=draft.pk).status == Article.Status.PUBLISHED


@pytest.mark.parametrize("factory", [ArticleFactory, DraftArticleFactory])
def test_a_contributor_may_not_delete_articles(contributor, factory):
    article = factory()
    url = reverse("admin:articles_article_delete", args=[article.pk])

    assert (contributor.get(url).status_code, contributor.post(url, {"post": "yes"}).status_code) == (403, 403)
    assert Article.objects.filter(pk=article.pk).exists()


def test_an_editor_deletes_a_published_article(editor, article):
    response = editor.post(reverse("admin:articles_article_delete", args=[article.pk]), {"post": "yes"})

    assert response.status_code == 302
    assert not Article.objects.filter(pk=article.pk).exists()


def test_deleting_a_published_article_needs_the_publish_permission(client, django_user_model, article):
    user = django_user_model.objects.create_user(username="deleter", password="x-long-password-1", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_article", "change_article", "delete_article"])
    )
    client.force_login(user)
    draft = DraftArticleFactory()

    refused = client.post(reverse("admin:articles_article_delete", args=[article.pk]), {"post": "yes"})
    allowed = client.post(reverse("admin:articles_article_delete", args=[draft.pk]), {"post": "yes"})

    assert (refused.status_code, allowed.status_code) == (403, 302)
    assert Article.objects.filter(pk=article.pk).exists() and not Article.objects.filter(pk=draft.pk).exists()


def test_a_contributor_deletes_a_section_of_a_draft(contributor):
    section = SectionFactory(article=DraftArticleFactory(), position=1)

    response = contributor.post(reverse("admin:articles_section_delete", args=[section.pk]), {"post": "yes"})

    assert response.status_code == 302
    assert not Section.objects.filter(pk=section.pk).exists()


def test_a_contributor_imports_an_article_as_a_draft(contributor):
    upload = SimpleUploadedFile(
        "talks.txt", b"Talks resume\n\nDelegates return.\n\nDelegates returned to Geneva on Monday.\n"
    )

    response = contributor.post(reverse("admin:articles_article_import"), {"file": upload})

    assert response.status_code == 200
    assert Article.objects.get(headline="Talks resume").status == Article.Status.DRAFT


@pytest.mark.parametrize("url_name", ["history", "compare", "import"])
def test_people_outside_the_newsroom_are_sent_to_the_login_page(client, article, url_name):
    args = [] if url_name == "import" else [article.pk]

    response = client.get(reverse(f"admin:articles_article_{url_name}", args=args))

    assert response.status_code == 302 and "/login/" in response["Location"]


def test_staff_without_article_permissions_are_refused_the_history(client, django_user_model, article):
    client.force_login(
        django_user_model.objects.create_user(username="staff", password="x-long-password-1", is_staff=True)
    )

    assert client.get(reverse("admin:articles_article_history", args=[article.pk])).status_code == 403
    assert client.get(reverse("admin:articles_article_import")).status_code == 403


def test_a_contributor_may_not_delete_a_section_of_a_published_article(contributor, article):
    section = article.sections.get()

    response = contributor.post(reverse("admin:articles_section_delete", args=[section.pk]), {"post": "yes"})

    assert response.status_code == 403
    assert Section.objects.filter(pk=section.pk).exists()


def test_a_contributor_editing_a_published_article_cannot_delete_its_parts_inline(contributor, article):
    section = article.sections.get()
    page = contributor.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()

    edit(contributor, article, {"sections-0-DELETE": "on", "standfirst": "Corrected."})
    edit(contributor, section, {"blocks-0-DELETE": "on"})

    assert 'name="sections-0-DELETE"' not in page
    assert section.blocks.count() == 1 and Section.objects.filter(pk=section.pk).exists()
    assert Article.objects.get(pk=article.pk).standfirst == "Corrected."


def test_a_contributor_may_not_delete_from_a_published_article_on_the_arrange_page(contributor, article):
    section = article.sections.get()
    url = reverse("admin:articles_article_arrange_delete", args=[article.pk, "section", section.pk])

    assert contributor.post(url).status_code == 403
    assert Section.objects.filter(pk=section.pk).exists()


def test_an_editor_deletes_a_section_of_a_published_article(editor, article):
    section = article.sections.get()

    edit(editor, article, {"sections-0-DELETE": "on"})

    assert not Section.objects.filter(pk=section.pk).exists()
