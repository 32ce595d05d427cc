"""Drafts of live articles: editors' saves keep the public version until they publish or schedule."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, PublicVersion
from articles.public_changes import refresh_pending_public_data
from articles.publishing import refresh_public_data
from articles.tests.admin_helpers import change_form_data, opened
from articles.tests.factories import (
    ArticleFactory,
    DraftArticleFactory,
    ParagraphFactory,
    SectionFactory,
    SourceFactory,
)
from articles.tests.history_helpers import edit, open_change_form, revisions_of, save_change_form

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_interface")]

CHANGELIST = "admin:articles_article_changelist"


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    settings.PAGE_CACHE = False


@pytest.fixture
def article():
    """A published article, made public as it is."""
    article = ArticleFactory(headline="Talks resume in Geneva", slug="talks-resume")
    section = SectionFactory(article=article, position=1, heading="The talks")
    ParagraphFactory(section=section, position=1, text="The delegations met on Monday.")
    refresh_pending_public_data()
    return article


@pytest.fixture
def reader():
    """A reader's browser: not signed in, asking for English."""
    return Client(HTTP_ACCEPT_LANGUAGE="en")


def reader_page(reader, article):
    """The reader's page of `article`, fetched as a reader (not signed in)."""
    response = reader.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def stored(article):
    """Whether `article` has unpublished changes, and its status, once the admin's transaction has
    committed (a test's never does: do what its commit would)."""
    refresh_pending_public_data()
    return Article.objects.values_list("has_unpublished_changes", "status").get(pk=article.pk)


def save_with(client, article, button, changes):
    data = {**open_change_form(client, article), button: "1", **changes}
    return save_change_form(client, article, data)


def test_save_draft_on_a_published_article_leaves_the_public_page_as_it_was(reader, editor_client, article):
    response = save_with(editor_client, article, "_draft", {"headline": "Talks collapse in Geneva"})

    assert response.status_code == 302
    assert response.url == reverse("admin:articles_article_change", args=[article.pk])
    assert stored(article) == (True, Article.Status.PUBLISHED)
    assert Article.objects.get(pk=article.pk).headline == "Talks collapse in Geneva"
    page = reader_page(reader, article)
    assert "Talks resume in Geneva" in page
    assert "Talks collapse in Geneva" not in page


def test_the_list_and_the_page_say_a_published_article_has_unpublished_changes(editor_client, article):
    ArticleFactory(headline="Nothing changed here")
    refresh_pending_public_data()
    save_with(editor_client, article, "_draft", {"headline": "Talks collapse in Geneva"})
    refresh_pending_public_data()

    listing = editor_client.get(reverse(CHANGELIST)).content.decode()
    page = editor_client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()

    # One article has them; the other is as it was made public.
    assert listing.count('class="unpublished-changes"') == 1
    assert "Unpublished changes" in page and "readers see the version made public on" in page
    assert "View the public version" in page and article.get_absolute_url() in page


def test_publish_makes_the_working_version_public_and_clears_the_mark(reader, editor_client, article):
    save_with(editor_client, article, "_draft", {"headline": "Talks collapse in Geneva"})

    response = save_with(editor_client, article, "_publish", {})

    assert response.status_code == 302
    assert stored(article) == (False, Article.Status.PUBLISHED)
    assert "Talks collapse in Geneva" in reader_page(reader, article)
    assert PublicVersion.objects.get(article=article).headline == "Talks collapse in Geneva"


def test_publish_keeps_the_publication_time_of_an_article_already_out(editor_client, article):
    published_at = Article.objects.get(pk=article.pk).published_at

    save_with(editor_client, article, "_publish", {"headline": "Talks collapse in Geneva"})

    assert Article.objects.get(pk=article.pk).published_at == published_at


def test_publish_puts_a_draft_out_now(reader, editor_client):
    draft = DraftArticleFactory(headline="Still writing", slug="still-writing")
    before = timezone.now()

    save_with(editor_client, draft, "_publish", {})

    draft.refresh_from_db()
    assert draft.status == Article.Status.PUBLISHED and draft.published_at >= before
    assert not draft.has_unpublished_changes
    assert "Still writing" in reader_page(reader, draft)


def test_a_draft_saved_as_a_draft_stays_off_the_site(reader, editor_client):
    draft = DraftArticleFactory(headline="Still writing", slug="still-writing")

    save_with(editor_client, draft, "_draft", {"headline": "Still writing it"})

    assert stored(draft) == (False, Article.Status.DRAFT)
    assert reader.get(draft.get_absolute_url()).status_code == 404


def test_schedule_gives_the_scheduled_state_and_the_page_appears_at_its_time(reader, editor_client, monkeypatch):
    draft = DraftArticleFactory(headline="Embargoed results", slug="embargoed-results")
    release = (timezone.localtime() + timedelta(days=1)).replace(second=0, microsecond=0)

    response = save_with(
        editor_client,
        draft,
        "_schedule",
        {"schedule_at_0": release.strftime("%Y-%m-%d"), "schedule_at_1": release.strftime("%H:%M:%S")},
    )

    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.status, draft.published_at) == (Article.Status.PUBLISHED, release)
    listing = editor_client.get(reverse(CHANGELIST)).content.decode()
    assert 'publication-state--scheduled">Scheduled for ' in listing
    assert reader.get(draft.get_absolute_url()).status_code == 404
    start = timezone.now()
    monkeypatch.setattr(timezone, "now", lambda: start + timedelta(days=1, minutes=1))
    assert "Embargoed results" in reader_page(reader, draft)


def test_schedule_refuses_a_time_that_has_passed(editor_client):
    draft = DraftArticleFactory()
    passed = timezone.localtime() - timedelta(hours=1)

    response = save_with(
        editor_client,
        draft,
        "_schedule",
        {"schedule_at_0": passed.strftime("%Y-%m-%d"), "schedule_at_1": passed.strftime("%H:%M:%S")},
    )

    assert response.status_code == 200
    assert "Choose a time still to come to schedule the article." in response.content.decode()
    assert stored(draft) == (False, Article.Status.DRAFT)


def test_schedule_refuses_an_article_already_on_the_site(editor_client, article):
    tomorrow = timezone.localtime() + timedelta(days=1)

    response = save_with(
        editor_client,
        article,
        "_schedule",
        {"schedule_at_0": tomorrow.strftime("%Y-%m-%d"), "schedule_at_1": "10:00:00"},
    )

    assert response.status_code == 200
    assert "The article is on the site already" in response.content.decode()
    assert Article.objects.published().filter(pk=article.pk).exists()


def test_saving_a_section_page_of_a_published_article_is_a_draft(reader, editor_client, article):
    section = article.sections.get()

    edit(editor_client, section, {"heading": "The talks collapse"})

    assert stored(article) == (True, Article.Status.PUBLISHED)
    page = reader_page(reader, article)
    assert "The talks" in page and "The talks collapse" not in page


def test_arranging_a_published_article_is_a_draft(reader, editor_client, article):
    SectionFactory(article=article, position=2, heading="What comes next")
    refresh_pending_public_data()
    first = article.sections.get(position=1)

    response = editor_client.post(
        reverse("admin:articles_article_arrange", args=[article.pk]),
        {"move": f"section:{first.pk}:down", **opened(article)},
    )

    assert response.status_code == 302
    assert list(article.sections.values_list("heading", flat=True)) == ["What comes next", "The talks"]
    assert stored(article) == (True, Article.Status.PUBLISHED)
    page = reader_page(reader, article)
    assert page.index("The talks") < page.index("What comes next")


def test_restoring_a_revision_of_a_published_article_is_a_draft(reader, editor_client, article):
    edit(editor_client, article, {"_publish": "1", "headline": "A headline to undo"})
    assert stored(article) == (False, Article.Status.PUBLISHED)
    before = revisions_of(article)[-1].version_set.get(content_type__model="article")

    response = editor_client.post(reverse("admin:articles_article_restore", args=[article.pk, before.pk]))

    assert response.status_code == 302
    assert Article.objects.get(pk=article.pk).headline == "Talks resume in Geneva"
    assert stored(article) == (True, Article.Status.PUBLISHED)
    assert "A headline to undo" in reader_page(reader, article)


def test_the_publish_action_puts_out_the_changes_of_an_article_already_out(editor_client, article):
    save_with(editor_client, article, "_draft", {"headline": "Talks collapse in Geneva"})
    assert stored(article) == (True, Article.Status.PUBLISHED)

    editor_client.post(reverse(CHANGELIST), {"action": "publish_now", "_selected_action": [article.pk]})

    refresh_pending_public_data()
    assert stored(article) == (False, Article.Status.PUBLISHED)
    assert PublicVersion.objects.get(article=article).headline == "Talks collapse in Geneva"


def test_unpublishing_an_article_with_unpublished_changes_clears_the_mark(reader, editor_client, article):
    save_with(editor_client, article, "_draft", {"headline": "Talks collapse in Geneva"})

    editor_client.post(reverse(CHANGELIST), {"action": "unpublish", "_selected_action": [article.pk]})

    refresh_pending_public_data()
    assert stored(article) == (False, Article.Status.DRAFT)
    assert not PublicVersion.objects.filter(article=article).exists()


def test_refresh_public_data_leaves_out_articles_with_unpublished_changes(editor_client, article):
    other = ArticleFactory(headline="Another story")
    refresh_pending_public_data()
    save_with(editor_client, article, "_draft", {"headline": "Talks collapse in Geneva"})
    refresh_pending_public_data()
    Article.objects.filter(pk=other.pk).update(headline="Another story, renamed")

    refresh_public_data([article.pk, other.pk])
    assert PublicVersion.objects.get(article=article).headline == "Talks resume in Geneva"
    assert PublicVersion.objects.get(article=other).headline == "Another story, renamed"

    call_command("refresh_public_data", stdout=StringIO())
    assert PublicVersion.objects.get(article=article).headline == "Talks resume in Geneva"


def test_an_article_with_unpublished_changes_is_served_its_stored_page_whatever_code_rendered_it(
    reader, editor_client, article
):
    save_with(editor_client, article, "_draft", {"headline": "Talks collapse in Geneva"})
    refresh_pending_public_data()
    PublicVersion.objects.filter(article=article).update(code="older-code")

    page = reader_page(reader, article)
    highlighted = reader.get(article.get_absolute_url() + "?source=anything").content.decode()

    assert "Talks resume in Geneva" in page and "Talks collapse in Geneva" not in page
    assert "Talks resume in Geneva" in highlighted and "Talks collapse in Geneva" not in highlighted


def test_a_source_renamed_meanwhile_shows_on_the_public_page_once_published(reader, editor_client, article):
    source = SourceFactory(name="Geneva Wire")
    article.sections.get().blocks.get().paragraph.sources.add(source)
    refresh_pending_public_data()
    save_with(editor_client, article, "_draft", {"headline": "Talks collapse in Geneva"})
    refresh_pending_public_data()

    source.name = "Geneva Newswire"
    source.save()
    refresh_pending_public_data()
    page = reader_page(reader, article)
    assert "Geneva Wire" in page and "Geneva Newswire" not in page

    save_with(editor_client, article, "_publish", {})
    refresh_pending_public_data()
    assert "Geneva Newswire" in reader_page(reader, article)


def test_a_draft_form_posted_without_a_button_is_saved_as_a_draft(editor_client, article):
    data = change_form_data(
        editor_client.get(reverse("admin:articles_article_change", args=[article.pk])), "article_form"
    )

    response = editor_client.post(
        reverse("admin:articles_article_change", args=[article.pk]), {**data, "headline": "Changed quietly"}
    )

    assert response.status_code == 302
    assert stored(article) == (True, Article.Status.PUBLISHED)


def test_the_buttons_come_in_order_in_the_editors_language(editor_client, article):
    url = reverse("admin:articles_article_change", args=[article.pk])

    english = editor_client.get(url).content.decode()
    spanish = editor_client.get(url, headers={"accept-language": "es"}).content.decode()

    labels = ['value="Save draft"', 'value="Publish"', 'value="Schedule"', 'value="Unpublish"']
    assert [english.index(label) for label in labels] == sorted(english.index(label) for label in labels)
    spanish_labels = ['value="Guardar borrador"', 'value="Publicar"', 'value="Programar"', 'value="Despublicar"']
    assert [spanish.index(label) for label in spanish_labels] == sorted(
        spanish.index(label) for label in spanish_labels
    )
    assert 'name="_save"' not in english and 'name="_addanother"' not in english
    assert "Cambios sin publicar" not in spanish


def test_the_unpublish_button_takes_the_article_down_with_its_changes(reader, editor_client, article):
    save_with(editor_client, article, "_draft", {"headline": "Talks collapse in Geneva"})
    assert stored(article) == (True, Article.Status.PUBLISHED)

    save_with(editor_client, article, "_unpublish", {})

    assert stored(article) == (False, Article.Status.DRAFT)
    assert reader.get(article.get_absolute_url()).status_code == 404


def test_saving_a_published_article_unchanged_leaves_it_without_unpublished_changes(editor_client, article):
    response = save_with(editor_client, article, "_draft", {})

    assert response.status_code == 302
    assert stored(article) == (False, Article.Status.PUBLISHED)
    shown = [str(message) for message in editor_client.get(response.url).context["messages"]]
    assert "Nothing was changed." in shown


def test_publish_brings_an_expired_article_back_without_its_passed_expiry(reader, editor_client):
    now = timezone.now()
    expired = ArticleFactory(
        headline="Back again",
        slug="back-again",
        published_at=now - timedelta(days=2),
        expire_at=now - timedelta(days=1),
    )

    response = save_with(editor_client, expired, "_publish", {})

    assert response.status_code == 302
    expired.refresh_from_db()
    assert expired.expire_at is None
    assert "Back again" in reader_page(reader, expired)
