import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from articles.admin.conflicts import ConflictCheckingForm
from articles.models import Article
from articles.tests.admin_helpers import change_form_data
from articles.tests.factories import (
    ArticleFactory,
    DraftArticleFactory,
    LeadFigureFactory,
    ParagraphFactory,
    QuoteFactory,
    SectionFactory,
    SourceFactory,
)
from articles.tests.history_helpers import edit, make_member, open_change_form, save_change_form

CONFLICT = "Someone else saved first: this article changed after you opened it."


@pytest.fixture(autouse=True)
def english(english_interface):
    """Every test here reads the admin in English."""


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def two_editors(django_user_model):
    return (
        logged_in(make_member(django_user_model, "Editors", "ana")),
        logged_in(make_member(django_user_model, "Editors", "ben")),
    )


@pytest.fixture
def article():
    article = ArticleFactory(headline="Talks resume in Geneva", standfirst="Delegates return.")
    section = SectionFactory(article=article, position=1, heading="The talks")
    ParagraphFactory(section=section, position=1, text="Officials said the talks would continue.")
    return article


@pytest.mark.django_db
def test_the_second_editor_to_save_is_told_sees_the_changes_and_keeps_their_text(two_editors, article):
    ana, ben = two_editors
    ana_form, ben_form = open_change_form(ana, article), open_change_form(ben, article)

    assert save_change_form(ana, article, ana_form, {"headline": "Talks collapse in Geneva"}).status_code == 302
    response = save_change_form(ben, article, ben_form, {"standfirst": "Delegates return, briefly."})

    assert response.status_code == 200
    content = response.content.decode()
    assert CONFLICT in content
    assert "Talks <del>resume</del><ins>collapse</ins> in Geneva" in content
    assert response.context["adminform"].form["standfirst"].value() == "Delegates return, briefly."
    article.refresh_from_db()
    assert (article.headline, article.standfirst, article.edit_version) == (
        "Talks collapse in Geneva",
        "Delegates return.",
        2,
    )


@pytest.mark.django_db
def test_saving_again_after_the_conflict_keeps_the_second_editors_text(two_editors, article):
    ana, ben = two_editors
    ana_form, ben_form = open_change_form(ana, article), open_change_form(ben, article)
    save_change_form(ana, article, ana_form, {"headline": "Talks collapse in Geneva"})
    refused = save_change_form(ben, article, ben_form, {"standfirst": "Delegates return, briefly."})
    merged = {**ben_form, "standfirst": "Delegates return, briefly.", "headline": "Talks collapse in Geneva"}
    merged["opened_version"] = refused.context["adminform"].form["opened_version"].value()

    assert save_change_form(ben, article, merged).status_code == 302

    article.refresh_from_db()
    assert (article.headline, article.standfirst, article.edit_version) == (
        "Talks collapse in Geneva",
        "Delegates return, briefly.",
        3,
    )


@pytest.mark.django_db
def test_a_section_saved_after_its_article_changed_is_refused_with_the_changes(two_editors, article):
    ana, ben = two_editors
    section = article.sections.get()
    ben_form = open_change_form(ben, section)
    edit(ana, article, {"headline": "Talks collapse in Geneva"})

    response = save_change_form(ben, section, ben_form, {"blocks-0-text": "Officials said the talks had ended."})

    assert response.status_code == 200
    assert CONFLICT in response.content.decode()
    assert (
        response.context["inline_admin_formsets"][0].formset.forms[0]["text"].value()
        == "Officials said the talks had ended."
    )
    assert section.blocks.get().paragraph.text == "Officials said the talks would continue."


@pytest.mark.django_db
def test_an_article_saved_after_one_of_its_sections_changed_is_refused(two_editors, article):
    ana, ben = two_editors
    ben_form = open_change_form(ben, article)
    edit(ana, article.sections.get(), {"heading": "The talks, day one"})

    response = save_change_form(ben, article, ben_form, {"headline": "Talks collapse"})

    assert CONFLICT in response.content.decode()
    assert "The talks<ins>, day one</ins>" in response.content.decode()


@pytest.mark.django_db
def test_saving_a_section_or_a_paragraph_counts_as_an_edit_of_the_article(two_editors, article):
    ana, _ben = two_editors
    section = article.sections.get()

    edit(ana, section, {"heading": "The talks, day one"})
    edit(ana, section.blocks.get().paragraph, {"text": "Officials said the talks would go on."})

    assert Article.objects.get(pk=article.pk).edit_version == 3


@pytest.mark.django_db
def test_a_form_without_the_version_it_was_opened_at_is_refused(two_editors, article):
    ana, _ben = two_editors
    data = open_change_form(ana, article)
    del data["opened_version"]

    response = save_change_form(ana, article, data, {"headline": "Talks collapse"})

    assert response.status_code == 200
    assert Article.objects.get(pk=article.pk).headline == "Talks resume in Geneva"


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent transactions need PostgreSQL's row locks")
def test_two_concurrent_saves_one_succeeds_and_the_other_gets_the_conflict(django_user_model, monkeypatch):
    article = ArticleFactory(headline="Talks resume in Geneva")
    users = [make_member(django_user_model, "Editors", name) for name in ("ana", "ben")]
    both_opened = threading.Barrier(2, timeout=10)
    # Without the row lock both saves would pass this point together and both would win.
    both_checked = threading.Barrier(2)
    clean = ConflictCheckingForm.clean

    def clean_then_wait(form):
        cleaned_data = clean(form)
        try:
            both_checked.wait(timeout=2)
        except threading.BrokenBarrierError:
            pass
        return cleaned_data

    monkeypatch.setattr(ConflictCheckingForm, "clean", clean_then_wait)
    results = {}

    def save(user, headline):
        try:
            client = logged_in(user)
            data = open_change_form(client, article)
            both_opened.wait()
            response = save_change_form(client, article, data, {"headline": headline})
            results[user.username] = (response.status_code, CONFLICT in response.content.decode())
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(user, f"Headline by {user.username}")) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)

    assert sorted(results.values()) == [(200, True), (302, False)]
    winner = next(name for name, (status, _conflict) in results.items() if status == 302)
    article.refresh_from_db()
    assert (article.headline, article.edit_version) == (f"Headline by {winner}", 2)


@pytest.mark.django_db
def test_text_the_second_editor_did_not_touch_comes_back_with_the_first_editors_version(two_editors, article):
    ana, ben = two_editors
    section = article.sections.get()
    ana_form, ben_form = open_change_form(ana, section), open_change_form(ben, section)
    save_change_form(ana, section, ana_form, {"blocks-0-text": "Officials said the talks had ended."})

    refused = save_change_form(ben, section, ben_form, {"heading": "The talks, day one"})
    again = save_change_form(ben, section, change_form_data(refused, "section_form"))

    assert (refused.status_code, again.status_code) == (200, 302)
    section.refresh_from_db()
    assert section.heading == "The talks, day one"
    assert section.blocks.get().paragraph.text == "Officials said the talks had ended."


def local_date_and_time(moment, field="schedule_at"):
    """The two boxes of a date and time next to the Schedule button, as an editor types them (local time)."""
    local = timezone.localtime(moment)
    return {f"{field}_0": local.strftime("%Y-%m-%d"), f"{field}_1": local.strftime("%H:%M:%S")}


@pytest.mark.django_db
def test_an_embargo_survives_a_conflict_and_saving_again_does_not_publish_early(two_editors, client):
    ana, ben = two_editors
    article = DraftArticleFactory(headline="Budget leaks ahead of the vote", standfirst="Figures obtained.")
    ana_form, ben_form = open_change_form(ana, article), open_change_form(ben, article)
    embargo = (timezone.now() + timedelta(days=2)).replace(microsecond=0)

    scheduled = save_change_form(ana, article, ana_form, {"_schedule": "Schedule", **local_date_and_time(embargo)})
    refused = save_change_form(ben, article, ben_form, {"standfirst": "Figures obtained by this newspaper."})
    reshown = change_form_data(refused, "article_form")
    saved_again = save_change_form(ben, article, {**reshown, "_draft": "Save draft"})

    assert (scheduled.status_code, refused.status_code, saved_again.status_code) == (302, 200, 302)
    assert CONFLICT in refused.content.decode()
    article.refresh_from_db()
    assert (article.status, article.published_at, article.standfirst) == (
        Article.Status.PUBLISHED,
        embargo,
        "Figures obtained by this newspaper.",
    )
    assert not Article.objects.published().filter(pk=article.pk).exists()
    assert client.get(article.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_a_time_the_second_editor_typed_for_a_draft_save_does_not_undo_the_first_editors_schedule(two_editors):
    ana, ben = two_editors
    article = DraftArticleFactory(headline="Budget leaks ahead of the vote")
    ana_form, ben_form = open_change_form(ana, article), open_change_form(ben, article)
    embargo = (timezone.now() + timedelta(days=2)).replace(microsecond=0)
    yesterday = timezone.now() - timedelta(days=1)

    save_change_form(ana, article, ana_form, {"_schedule": "Schedule", **local_date_and_time(embargo)})
    refused = save_change_form(ben, article, ben_form, {"_draft": "1", **local_date_and_time(yesterday)})
    save_change_form(ben, article, {**change_form_data(refused, "article_form"), "_draft": "1"})

    article.refresh_from_db()
    assert (article.status, article.published_at) == (Article.Status.PUBLISHED, embargo)
    assert not Article.objects.published().filter(pk=article.pk).exists()


def save_again_after_the_conflict(ben, obj, ben_form, changes, choices=None):
    """Ben saves his stale form, gets the conflict page and saves the form it shows, as told,
    with `choices` made where both editors changed a field."""
    refused = save_change_form(ben, obj, ben_form, changes)
    assert CONFLICT in refused.content.decode()
    again = save_change_form(ben, obj, change_form_data(refused, f"{obj._meta.model_name}_form"), choices)
    assert again.status_code == 302, again.context and again.context["errors"]


@pytest.mark.django_db
def test_topics_the_first_editor_added_survive_the_second_editors_save(two_editors, article):
    ana, ben = two_editors
    article.tags.add("Diplomacy")
    ana_form, ben_form = open_change_form(ana, article), open_change_form(ben, article)
    save_change_form(ana, article, ana_form, {"tags": "Diplomacy, Switzerland"})

    save_again_after_the_conflict(ben, article, ben_form, {"headline": "Talks collapse in Geneva"})

    article.refresh_from_db()
    assert article.headline == "Talks collapse in Geneva"
    assert sorted(tag.name for tag in article.tags.all()) == ["Diplomacy", "Switzerland"]


@pytest.mark.django_db
def test_topics_the_second_editor_changed_are_theirs(two_editors, article):
    ana, ben = two_editors
    ana_form, ben_form = open_change_form(ana, article), open_change_form(ben, article)
    save_change_form(ana, article, ana_form, {"tags": "Switzerland"})

    save_again_after_the_conflict(ben, article, ben_form, {"tags": "Geneva"}, {"conflict_choice-tags": "mine"})

    assert [tag.name for tag in article.tags.all()] == ["Geneva"]


@pytest.mark.django_db
def test_sources_the_first_editor_gave_a_paragraph_survive_a_save_of_its_section(two_editors, article):
    ana, ben = two_editors
    section = article.sections.get()
    paragraph = section.blocks.get().paragraph
    agency = SourceFactory(name="Swiss Wire")
    ana_form, ben_form = open_change_form(ana, section), open_change_form(ben, section)
    save_change_form(ana, section, ana_form, {"blocks-0-sources": [agency.pk]})

    save_again_after_the_conflict(ben, section, ben_form, {"heading": "The talks, day one"})

    section.refresh_from_db()
    assert section.heading == "The talks, day one"
    assert list(paragraph.sources.all()) == [agency]


@pytest.mark.django_db
def test_sources_and_speakers_the_first_editor_set_survive_a_save_of_the_paragraph(two_editors, article):
    ana, ben = two_editors
    paragraph = article.sections.get().blocks.get().paragraph
    quote = QuoteFactory(paragraph=paragraph, position=1, text="the talks would continue")
    agency, official = SourceFactory(name="Swiss Wire"), SourceFactory(name="A Swiss official")
    ana_form, ben_form = open_change_form(ana, paragraph), open_change_form(ben, paragraph)
    save_change_form(ana, paragraph, ana_form, {"sources": [agency.pk], "quotes-0-speaker": official.pk})

    save_again_after_the_conflict(ben, paragraph, ben_form, {"text": "Officials said “the talks would continue”."})

    paragraph.refresh_from_db()
    quote.refresh_from_db()
    assert paragraph.text == "Officials said “the talks would continue”."
    # The quote's speaker became a source of the paragraph too (sources follow the text).
    assert (set(paragraph.sources.all()), quote.speaker) == ({agency, official}, official)


@pytest.mark.django_db
def test_the_lead_figures_sources_the_first_editor_set_survive_a_save_of_the_article(two_editors, article):
    ana, ben = two_editors
    lead = LeadFigureFactory(article=article)
    agency = SourceFactory(name="Swiss Wire")
    ana_form, ben_form = open_change_form(ana, article), open_change_form(ben, article)
    save_change_form(ana, article, ana_form, {"lead_figure-0-sources": [agency.pk]})

    save_again_after_the_conflict(ben, article, ben_form, {"standfirst": "Delegates return, briefly."})

    assert list(lead.sources.all()) == [agency]
