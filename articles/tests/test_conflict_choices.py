"""Two editors change the same field: the second sees both versions side by side and must choose
one, or merge them, before anything is saved; saving again unchanged is refused."""

import pytest
from django.test import Client

from articles.models import Article
from articles.tests.admin_helpers import change_form_data
from articles.tests.factories import ArticleFactory, ParagraphFactory, SectionFactory
from articles.tests.history_helpers import make_member, open_change_form, revisions_of, save_change_form

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_interface")]

UNRESOLVED = "Someone else saved first and changed the same fields as you."
FIELD_MARK = "Someone else changed this field too"


def logged_in(user):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


@pytest.fixture
def ana(django_user_model):
    return logged_in(make_member(django_user_model, "Editors", "ana"))


@pytest.fixture
def ben(django_user_model):
    return logged_in(make_member(django_user_model, "Editors", "ben"))


@pytest.fixture
def article():
    article = ArticleFactory(headline="Talks resume in Geneva", standfirst="Delegates return.")
    ParagraphFactory(section=SectionFactory(article=article, position=1), position=1, text="The talks would continue.")
    return article


def both_change_the_standfirst(ana, ben, article):
    """Ana and Ben open the article; Ana saves her standfirst, Ben's save of his is refused."""
    ana_form, ben_form = open_change_form(ana, article), open_change_form(ben, article)
    save_change_form(ana, article, ana_form, {"standfirst": "Delegates return, reluctantly."})
    return save_change_form(ben, article, ben_form, {"standfirst": "Delegates return, briefly."})


def standfirst(article):
    return Article.objects.get(pk=article.pk).standfirst


def test_both_versions_of_a_field_changed_by_both_are_shown_side_by_side_and_the_field_marked(ana, ben, article):
    refused = both_change_the_standfirst(ana, ben, article)

    clashes = refused.context["adminform"].form.clashes
    assert [(clash.label, clash.mine_text, clash.theirs_text) for clash in clashes] == [
        ("Standfirst", "Delegates return, briefly.", "Delegates return, reluctantly.")
    ]
    assert FIELD_MARK in str(refused.context["adminform"].form.errors["standfirst"])
    html = refused.content.decode()
    assert 'name="conflict_choice-standfirst" value="mine"' in html
    assert 'name="conflict_choice-standfirst" value="theirs"' in html
    # The editor's words stay in the field.
    assert refused.context["adminform"].form["standfirst"].value() == "Delegates return, briefly."


def test_saving_again_without_a_choice_is_refused_and_saves_nothing(ana, ben, article):
    refused = both_change_the_standfirst(ana, ben, article)
    saved_revisions = len(revisions_of(article))

    again = save_change_form(ben, article, change_form_data(refused, "article_form"))

    assert again.status_code == 200
    assert UNRESOLVED in again.content.decode()
    assert len(again.context["adminform"].form.clashes) == 1
    assert standfirst(article) == "Delegates return, reluctantly."
    assert len(revisions_of(article)) == saved_revisions


@pytest.mark.parametrize(
    ("choice", "kept"), [("mine", "Delegates return, briefly."), ("theirs", "Delegates return, reluctantly.")]
)
def test_choosing_a_version_saves_it(ana, ben, article, choice, kept):
    refused = both_change_the_standfirst(ana, ben, article)

    again = save_change_form(
        ben, article, change_form_data(refused, "article_form"), {"conflict_choice-standfirst": choice}
    )

    assert again.status_code == 302
    assert standfirst(article) == kept


def test_merging_the_two_in_the_field_saves_the_merge(ana, ben, article):
    refused = both_change_the_standfirst(ana, ben, article)

    merged = "Delegates return, reluctantly and briefly."
    again = save_change_form(ben, article, change_form_data(refused, "article_form"), {"standfirst": merged})

    assert again.status_code == 302
    assert standfirst(article) == merged


def test_the_same_paragraph_changed_by_both_on_the_section_page_must_be_chosen(ana, ben, article):
    section = article.sections.get()
    ana_form, ben_form = open_change_form(ana, section), open_change_form(ben, section)
    save_change_form(ana, section, ana_form, {"blocks-0-text": "The talks had ended."})
    refused = save_change_form(ben, section, ben_form, {"blocks-0-text": "The talks would go on."})

    (clash,) = refused.context["adminform"].form.clashes
    assert clash.key == "blocks-0-text" and clash.label.startswith("Paragraph")
    paragraph_form = refused.context["inline_admin_formsets"][0].formset.forms[0]
    assert FIELD_MARK in str(paragraph_form.errors["text"])
    data = change_form_data(refused, "section_form")
    assert save_change_form(ben, section, data).status_code == 200

    again = save_change_form(ben, section, data, {"conflict_choice-blocks-0-text": "theirs"})

    assert again.status_code == 302
    assert section.blocks.get().paragraph.text == "The talks had ended."


def test_a_forged_list_of_clashes_is_ignored(ana, article):
    data = open_change_form(ana, article)

    response = save_change_form(ana, article, data, {"conflict_clashes": "forged", "headline": "Talks end"})

    assert response.status_code == 302
    assert Article.objects.get(pk=article.pk).headline == "Talks end"
