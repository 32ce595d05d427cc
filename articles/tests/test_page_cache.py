"""Readers' pages come from the cache until anything they show changes, and never after."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date
from taggit.models import Tag

from articles import views
from articles.content_queryset import ContentQuerySet
from articles.content_version import current_version, watched_models
from articles.merging import merge_sources
from articles.models import Article, ContentVersion, Paragraph, Source
from articles.preview import preview_url
from articles.public_changes import refresh_pending_public_data
from articles.tests.cache_helpers import REDIS_TEST_URL, redis_or_skip
from articles.tests.factories import (
    ArticleFactory,
    FigureFactory,
    LeadFigureFactory,
    ParagraphFactory,
    QuoteFactory,
    SectionFactory,
    SourceFactory,
)
from articles.tests.history_helpers import edit, make_member, revisions_of

pytestmark = pytest.mark.django_db


class Reader(Client):
    """A reader's browser (no session, no cookie) that counts the queries each page costs."""

    def get(self, *args, **kwargs):
        with CaptureQueriesContext(connection) as queries:
            response = super().get(*args, **kwargs)
        response.query_count = len(queries)
        return response


@pytest.fixture
def reader():
    return Reader()


@pytest.fixture
def editor_client(client, django_user_model):
    client.force_login(make_member(django_user_model, "Editors", "maria"))
    return client


@pytest.fixture
def article():
    article = ArticleFactory(headline="Talks resume in Geneva", standfirst="Delegates return.")
    article.tags.add("Diplomacy")
    LeadFigureFactory(article=article, caption="The leaders shake hands")
    opening = SectionFactory(article=article, position=1, heading="The talks")
    paragraph = ParagraphFactory(section=opening, position=1, text="Officials said “the talks would continue”.")
    QuoteFactory(
        paragraph=paragraph, position=1, text="the talks would continue", speaker=SourceFactory(name="Jane Roe")
    )
    FigureFactory(section=opening, position=2, caption="Delegates arrive")
    closing = SectionFactory(article=article, position=2, heading="What comes next")
    ParagraphFactory(section=closing, position=1, text="A second round is planned for May.")
    return article


def from_cache(response):
    """Whether the page was served without rendering: the content version is all it read."""
    return response.status_code == 200 and not response.templates and response.query_count == 1


def cached_page(reader, url, **headers):
    """The page at `url`, once rendered and then served from the cache."""
    rendered = reader.get(url, headers=headers)
    again = reader.get(url, headers=headers)
    assert not from_cache(rendered)
    assert from_cache(again)
    assert again.content == rendered.content
    return again.content.decode()


def shown_after_change(reader, url, change, **headers):
    """The page at `url` once cached, then right after `change()`, freshly rendered."""
    cached_page(reader, url, **headers)
    change()
    response = reader.get(url, headers=headers)
    assert response.status_code == 200
    assert not from_cache(response)
    return response.content.decode()


def test_a_page_served_again_comes_from_the_cache_with_one_query(reader, article, django_assert_num_queries):
    reader.get(article.get_absolute_url())

    with django_assert_num_queries(1):
        response = reader.get(article.get_absolute_url())

    assert from_cache(response)
    assert "Talks resume in Geneva" in response.content.decode()


@pytest.mark.parametrize(
    "url, shown",
    [
        (reverse("articles:article_list"), "Talks end in Geneva"),
        (reverse("articles:source_list"), "Jane Q. Roe"),
        (reverse("articles:source_detail", kwargs={"slug": "jane-roe"}), "Talks end in Geneva"),
        (reverse("articles:tag_detail", kwargs={"slug": "diplomacy"}), "Talks end in Geneva"),
        (reverse("articles:latest_feed_rss"), "Talks end in Geneva"),
        (reverse("articles:tag_feed_atom", kwargs={"slug": "diplomacy"}), "Talks end in Geneva"),
        (reverse("articles:sitemap_section", kwargs={"section": "articles"}), "/articles/talks-end/"),
    ],
)
def test_every_reader_page_is_cached_and_shows_a_change_at_once(reader, article, url, shown):
    def change():
        article.headline, article.slug = "Talks end in Geneva", "talks-end"
        article.save()
        Source.objects.filter(name="Jane Roe").update(name="Jane Q. Roe")

    assert shown in shown_after_change(reader, url, change)


# --- Every kind of change ------------------------------------------------------------------------


def test_an_article_published_in_the_admin_shows_at_once(reader, editor_client, article):
    changes = {"headline": "Talks end", "lead_figure-0-caption": "A new caption", "_publish": "Publish"}
    page = shown_after_change(reader, article.get_absolute_url(), lambda: edit(editor_client, article, changes))
    assert "Talks end" in page
    assert "A new caption" in page


def test_a_section_and_its_figure_saved_in_the_admin_show_at_once_published(reader, editor_client, article):
    section = article.sections.get(position=1)

    def save_section():
        figures = figure_inline_prefix(editor_client, section)
        edit(editor_client, section, {"heading": "The talks, day one", f"{figures}-0-caption": "Delegates leave"})
        edit(editor_client, article, {"_publish": "Publish"})

    page = shown_after_change(reader, article.get_absolute_url(), save_section)
    assert "The talks, day one" in page
    assert "Delegates leave" in page
    assert "Delegates arrive" not in page


def figure_inline_prefix(client, section):
    response = client.get(reverse("admin:articles_section_change", args=[section.pk]))
    formsets = response.context["inline_admin_formsets"]
    return next(formset.formset.prefix for formset in formsets if formset.opts.model.KIND == "figure")


def test_a_paragraph_and_its_quote_saved_in_the_admin_show_at_once_published(reader, editor_client, article):
    paragraph = Paragraph.objects.get(text__startswith="Officials")
    SourceFactory(name="John Doe")

    def save_paragraph():
        john = Source.objects.get(name="John Doe")
        edit(
            editor_client,
            paragraph,
            {"text": "Officials said on Monday “the talks would continue”.", "quotes-0-speaker": john.pk},
        )
        edit(editor_client, article, {"_publish": "Publish"})

    page = shown_after_change(reader, article.get_absolute_url(), save_paragraph)
    assert "Officials said on Monday" in page
    assert "John Doe" in page


def test_an_imported_article_shows_on_the_front_page_at_once(reader, article, tmp_path):
    text = tmp_path / "story.txt"
    text.write_text(
        "Storm reaches the coast\n\nThe storm was the strongest in years.\n\n"
        "The storm reached the coast on Monday night, officials said.\n",
        encoding="utf-8",
    )

    page = shown_after_change(
        reader,
        reverse("articles:article_list"),
        lambda: call_command("import_article", str(text), "--publish", stdout=StringIO()),
    )
    assert "Storm reaches the coast" in page


def test_a_restored_revision_shows_at_once_published(reader, editor_client, article):
    edit(editor_client, article, {"headline": "A headline to undo", "_publish": "Publish"})
    before = revisions_of(article)[-1].version_set.get(content_type__model="article")
    restore_url = reverse("admin:articles_article_restore", args=[article.pk, before.pk])

    def restore_and_publish():
        editor_client.post(restore_url)
        edit(editor_client, article, {"_publish": "Publish"})

    page = shown_after_change(reader, article.get_absolute_url(), restore_and_publish)
    assert "Talks resume in Geneva" in page
    assert "A headline to undo" not in page


def test_merged_sources_show_at_once_on_the_article_and_the_sources_pages(reader, article):
    keep = SourceFactory(name="Korean Central News Agency")
    copy = SourceFactory(name="KCNA agency")
    Paragraph.objects.get(text__startswith="A second").sources.add(copy)
    copy_page = copy.get_absolute_url()
    cached_page(reader, copy_page)

    page = shown_after_change(reader, article.get_absolute_url(), lambda: merge_sources(keep, [copy]))

    assert "Korean Central News Agency" in page
    assert "KCNA agency" not in page
    assert reader.get(copy_page).status_code == 404


def test_a_renamed_topic_and_a_topic_added_show_at_once(reader, article):
    def retag():
        tag = Tag.objects.get(name="Diplomacy")
        tag.name = "Statecraft"
        tag.save()
        article.tags.add("Geneva")

    page = shown_after_change(reader, article.get_absolute_url(), retag)
    assert "Statecraft" in page
    assert "Geneva</a>" in page


def test_a_source_added_to_a_paragraph_and_a_deleted_block_show_at_once(reader, article):
    agency = SourceFactory(name="Reuters Agency")

    def change():
        Paragraph.objects.get(text__startswith="A second").sources.add(agency)
        Paragraph.objects.get(text__startswith="Officials").delete()

    page = shown_after_change(reader, article.get_absolute_url(), change)
    assert "Reuters Agency" in page
    assert "Officials said" not in page


def test_a_change_in_bulk_shows_at_once(reader, article):
    page = shown_after_change(
        reader,
        article.get_absolute_url(),
        lambda: Paragraph.objects.filter(text__startswith="A second").update(text_html="<p>Rewritten in bulk.</p>"),
    )
    assert "Rewritten in bulk." in page


def test_an_unpublished_article_disappears_at_once(reader, editor_client, article):
    unpublish = {"action": "unpublish", "_selected_action": [article.pk]}

    page = shown_after_change(
        reader,
        reverse("articles:article_list"),
        lambda: editor_client.post(reverse("admin:articles_article_changelist"), unpublish),
    )

    assert "Talks resume in Geneva" not in page
    assert reader.get(article.get_absolute_url()).status_code == 404


def test_a_scheduled_article_appears_on_the_first_request_after_its_time(reader, article, monkeypatch):
    start = timezone.now()
    ArticleFactory(headline="Published tomorrow morning", published_at=start + timedelta(hours=10))
    front_page = reverse("articles:article_list")
    assert "Published tomorrow morning" not in cached_page(reader, front_page)

    monkeypatch.setattr(timezone, "now", lambda: start + timedelta(hours=9, minutes=59))
    assert from_cache(reader.get(front_page))
    monkeypatch.setattr(timezone, "now", lambda: start + timedelta(hours=10))
    response = reader.get(front_page)

    assert not from_cache(response)
    assert "Published tomorrow morning" in response.content.decode()
    assert current_version().next_publication is None


def test_a_scheduled_time_moves_the_version_once_however_many_requests_see_it(article, monkeypatch):
    start = timezone.now()
    ArticleFactory(published_at=start + timedelta(hours=1))
    ArticleFactory(published_at=start + timedelta(hours=2))
    monkeypatch.setattr(timezone, "now", lambda: start + timedelta(hours=1, minutes=30))

    first = current_version()
    second = current_version()

    assert first == second
    assert first.next_publication == start + timedelta(hours=2)


def test_renditions_written_for_a_figure_show_at_once(reader, article, settings, tmp_path):
    from articles.images import generate_renditions
    from articles.tests.image_helpers import image_bytes, upload

    figure = article.sections.get(position=1).blocks.get(position=2).specific
    figure.image = upload("photo.jpg", image_bytes(size=(900, 600)))
    figure.save()

    page = shown_after_change(reader, article.get_absolute_url(), lambda: generate_renditions(figure))
    assert "srcset=" in page


def test_a_change_committed_while_a_page_renders_shows_on_the_next_request(reader, article, monkeypatch):
    """The page is stored under the version read before rendering: never newer than what it shows."""
    related_articles = views.related_articles_of_version

    def read_then_change(*args, **kwargs):
        related = related_articles(*args, **kwargs)
        monkeypatch.setattr(views, "related_articles_of_version", related_articles)
        Article.objects.filter(pk=article.pk).update(headline="Changed while rendering")
        return related

    monkeypatch.setattr(views, "related_articles_of_version", read_then_change)
    reader.get(article.get_absolute_url())
    response = reader.get(article.get_absolute_url())

    assert not from_cache(response)
    assert "Changed while rendering" in response.content.decode()


# --- What the key holds ----------------------------------------------------------------------------


def test_each_interface_language_has_its_own_page(reader, article):
    url = article.get_absolute_url()

    spanish = cached_page(reader, url, accept_language="es")
    english = cached_page(reader, url, accept_language="en")
    reader.cookies["django_language"] = "en"
    english_by_cookie = reader.get(url, headers={"accept-language": "es"})

    assert "Fuentes de este artículo" in spanish
    assert "Sources in this article" in english
    assert from_cache(english_by_cookie)
    assert english_by_cookie.content.decode() == english


def test_a_chosen_source_has_its_own_page(reader, article):
    url = article.get_absolute_url()

    plain = cached_page(reader, url)
    highlighted = cached_page(reader, f"{url}?source=jane-roe")

    assert "passage--cited" not in plain
    assert "passage--cited" in highlighted


def test_pages_say_how_they_may_be_cached_and_set_no_cookie(reader, article):
    response = reader.get(article.get_absolute_url())

    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"public", "max-age=0", "s-maxage=60", "stale-while-revalidate=30"} <= cache_control
    assert {"Accept-Language", "Cookie"} <= {part.strip() for part in response["Vary"].split(",")}
    assert response["ETag"].startswith('W/"')
    assert response["Last-Modified"] == http_date(current_version().last_modified)
    assert not response.cookies


# --- Conditional requests ----------------------------------------------------------------------------


def test_a_reader_holding_the_page_gets_304_by_etag_with_one_query(reader, article, django_assert_num_queries):
    url = article.get_absolute_url()
    etag = reader.get(url)["ETag"]

    with django_assert_num_queries(1):
        response = reader.get(url, headers={"if-none-match": etag})

    assert response.status_code == 304
    assert response["ETag"] == etag
    assert "s-maxage=60" in response["Cache-Control"]
    assert not response.content


def test_a_reader_holding_the_page_gets_304_by_date(reader, article):
    url = article.get_absolute_url()
    # Made public as a commit would have, before the version is set to be alone in its second.
    refresh_pending_public_data()
    ContentVersion.objects.update(previous_changed_at=timezone.now() - timedelta(minutes=5))
    last_modified = reader.get(url)["Last-Modified"]

    response = reader.get(url, headers={"if-modified-since": last_modified})

    assert response.status_code == 304


def test_a_changed_page_is_sent_whole_to_a_reader_holding_the_old_one(reader, article):
    url = article.get_absolute_url()
    old = reader.get(url)
    article.headline = "Talks end in Geneva"
    article.save()

    by_etag = reader.get(url, headers={"if-none-match": old["ETag"]})
    by_date = reader.get(url, headers={"if-modified-since": old["Last-Modified"]})

    assert by_etag.status_code == by_date.status_code == 200
    assert by_etag["ETag"] != old["ETag"]
    assert "Talks end in Geneva" in by_etag.content.decode()


def test_two_versions_within_one_second_are_not_told_apart_by_date(reader, article):
    """If-Modified-Since counts whole seconds: a reader holding the first of two versions made in
    the same second gets the page, not a 304."""
    now = timezone.now().replace(microsecond=500_000)
    ContentVersion.objects.update(changed_at=now, previous_changed_at=now - timedelta(microseconds=300_000))
    url = article.get_absolute_url()

    response = reader.get(url, headers={"if-modified-since": http_date(int(now.timestamp()))})

    assert response.status_code == 200


def test_another_page_or_language_is_not_answered_with_304(reader, article):
    url = article.get_absolute_url()
    etag = reader.get(url)["ETag"]

    other_page = reader.get(reverse("articles:article_list"), headers={"if-none-match": etag})
    other_language = reader.get(url, headers={"if-none-match": etag, "accept-language": "en"})

    assert other_page.status_code == other_language.status_code == 200


# --- What is never cached ---------------------------------------------------------------------------


def test_draft_previews_are_never_cached(reader, editor_client):
    draft = ArticleFactory(headline="A draft", status=Article.Status.DRAFT, published_at=None)
    link = preview_url(draft)

    first = reader.get(link)
    draft.headline = "A draft, reworded"
    Article.objects.filter(pk=draft.pk).update(headline="A draft, reworded")
    second = reader.get(link)
    staff = editor_client.get(reverse("admin:articles_article_preview", args=[draft.pk]))

    for response in (first, second, staff):
        assert response.status_code == 200
        assert response.templates
        assert "ETag" not in response
        assert {"private", "no-store"} <= {part.strip() for part in response["Cache-Control"].split(",")}
    assert "A draft, reworded" in second.content.decode()


def test_signed_in_editors_get_fresh_pages_that_no_one_else_is_served(reader, editor_client, article):
    url = article.get_absolute_url()

    for _ in range(2):
        response = editor_client.get(url)
        assert response.templates
        assert "private" in response["Cache-Control"]
        assert "ETag" not in response
    assert not from_cache(reader.get(url))


def test_with_the_page_cache_off_every_page_is_rendered_and_still_answered_304(reader, article, settings):
    settings.PAGE_CACHE = False
    url = article.get_absolute_url()

    first = reader.get(url)
    second = reader.get(url)
    revalidated = reader.get(url, headers={"if-none-match": second["ETag"]})

    assert not from_cache(first)
    assert not from_cache(second)
    assert first["ETag"] == second["ETag"]
    assert revalidated.status_code == 304


def test_search_is_not_cached(reader, article):
    url = reverse("articles:search") + "?q=Geneva"
    reader.get(url)
    assert not from_cache(reader.get(url))


# --- The content version -------------------------------------------------------------------------


def test_every_model_a_page_shows_moves_the_version_on_save_and_in_bulk():
    watched = watched_models()
    for model in watched:
        if model._meta.app_label == "articles" and not model._meta.auto_created:
            assert isinstance(model._default_manager.all(), ContentQuerySet), model
    assert {"article", "section", "paragraph", "figure", "pullquote", "quote", "leadfigure", "source"} <= {
        model._meta.model_name for model in watched
    }
    assert {"tag", "taggeditem", "block_sources", "leadfigure_sources"} <= {model._meta.model_name for model in watched}


def version_updates(queries):
    return [query for query in queries if query["sql"].startswith("UPDATE") and "contentversion" in query["sql"]]


def test_a_transaction_moves_the_version_once_however_many_rows_it_saves(article):
    with CaptureQueriesContext(connection) as queries, transaction.atomic():
        for paragraph in Paragraph.objects.all():
            paragraph.text += " More."
            paragraph.save()
        SectionFactory(article=article, position=3)

    assert len(version_updates(queries)) == 1


def test_a_change_rolled_back_to_a_savepoint_does_not_count_for_the_rest_of_the_transaction(article):
    paragraph = Paragraph.objects.first()
    with CaptureQueriesContext(connection) as queries, transaction.atomic():
        try:
            with transaction.atomic():
                paragraph.save()
                raise RuntimeError("undo")
        except RuntimeError:
            pass
        paragraph.save()

    assert len(version_updates(queries)) == 2


def test_the_version_comes_back_if_its_row_was_deleted(reader, article):
    ContentVersion.objects.all().delete()

    assert reader.get(article.get_absolute_url()).status_code == 200
    assert ContentVersion.objects.count() == 1


def test_purge_page_cache_moves_the_version(reader, article):
    url = article.get_absolute_url()
    cached_page(reader, url)
    output = StringIO()

    call_command("purge_page_cache", stdout=output)

    assert not from_cache(reader.get(url))
    assert output.getvalue().strip()


def test_with_redis_pages_are_kept_in_redis_and_a_change_still_shows_at_once(reader, article, settings):
    redis = redis_or_skip()
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_TEST_URL,
            "KEY_PREFIX": "newsreader",
        }
    }

    page = shown_after_change(reader, article.get_absolute_url(), lambda: edit_headline(article, "Talks end"))

    assert "Talks end" in page
    assert len(redis.keys("newsreader:*:page:*")) == 2
    redis.flushdb()


def edit_headline(article, headline):
    article.headline = headline
    article.save()
