import pytest
import reversion
from django.db.models import F
from django.urls import reverse

from articles.admin.change_messages import comment_text
from articles.models import Article, Block, Paragraph, Quote, Section
from articles.revisions import add_article, restore
from articles.tests.admin_helpers import opened
from articles.tests.factories import (
    ArticleFactory,
    FigureFactory,
    LeadFigureFactory,
    ParagraphFactory,
    QuoteFactory,
    SectionFactory,
    SourceFactory,
)
from articles.tests.history_helpers import edit, make_member, open_change_form, revisions_of, save_change_form

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(english_interface):
    """Every test here reads the admin in English."""


@pytest.fixture
def editor(django_user_model):
    return make_member(django_user_model, "Editors", "maria")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def article():
    article = ArticleFactory(headline="Talks resume in Geneva", standfirst="Delegates return.")
    article.tags.add("Diplomacy")
    LeadFigureFactory(article=article)
    opening = SectionFactory(article=article, position=1, heading="The talks")
    paragraph = ParagraphFactory(section=opening, position=1, text="Officials said “the talks would continue”.")
    QuoteFactory(
        paragraph=paragraph, position=1, text="the talks would continue", speaker=SourceFactory(name="Jane Roe")
    )
    FigureFactory(section=opening, position=2, caption="Delegates arrive")
    closing = SectionFactory(article=article, position=2, heading="What comes next")
    ParagraphFactory(section=closing, position=1, text="A second round is planned for May.")
    return article


def recorded_models(revision):
    return sorted({version.content_type.model for version in revision.version_set.all()})


def changes_table(response):
    content = response.content.decode()
    start = content.index('<table class="article-changes">')
    return content[start : content.index("</table>", start)]


def history_url(article):
    return reverse("admin:articles_article_history", args=[article.pk])


def test_saving_an_article_records_one_revision_of_the_whole_article_with_user_and_changes(
    editor_client, editor, article
):
    edit(editor_client, article, {"headline": "Talks resume in Geneva at last"})

    revision = revisions_of(article)[0]
    assert revision.user == editor
    assert comment_text(revision.comment) == "Changed headline."
    assert recorded_models(revision) == [
        "article",
        "block",
        "figure",
        "leadfigure",
        "paragraph",
        "quote",
        "section",
        "taggeditem",
    ]
    assert revision.version_set.filter(content_type__model="section").count() == 2


def test_saving_a_section_records_a_revision_of_its_article_naming_the_section(editor_client, article):
    section = article.sections.get(position=2)

    edit(editor_client, section, {"blocks-0-text": "A second round is planned for June."})

    revision = revisions_of(article)[0]
    assert comment_text(revision.comment).startswith("Section “What comes next”: Changed text for paragraph")
    assert (
        "A second round is planned for June."
        in revision.version_set.get(
            content_type__model="paragraph", object_id=str(section.blocks.get().pk)
        ).serialized_data
    )


def test_saving_a_paragraph_records_a_revision_of_its_article(editor_client, article):
    paragraph = Paragraph.objects.get(text__startswith="A second round")

    edit(editor_client, paragraph, {"text": "A second round is planned for July."})

    revision = revisions_of(article)[0]
    assert revision.version_set.filter(content_type__model="article", object_id=str(article.pk)).exists()


def test_each_save_is_a_new_revision_and_counts_as_an_edit_version(editor_client, article):
    edit(editor_client, article, {"standfirst": "First change."})
    edit(editor_client, article.sections.get(position=1), {"heading": "The talks, day one"})

    article.refresh_from_db()
    assert len(revisions_of(article)) == 3  # the article as first found, and two saves
    assert article.edit_version == 3


def test_an_article_without_history_is_recorded_as_it_was_before_its_first_admin_change(editor_client, article):
    edit(editor_client, article, {"headline": "Changed"})

    newest, before = revisions_of(article)
    assert before.user is None
    assert "before its first change" in before.get_comment()
    assert (
        '"headline": "Talks resume in Geneva"' in before.version_set.get(content_type__model="article").serialized_data
    )


def test_history_lists_revisions_with_user_date_and_what_changed(editor_client, article):
    edit(editor_client, article, {"headline": "Talks resume in Geneva at last"})

    response = editor_client.get(history_url(article))

    assert response.status_code == 200
    content = response.content.decode()
    assert "maria" in content
    assert "Changed headline." in content
    assert "Compare with now" in content and "Restore" in content


def test_compare_shows_word_changes_escaped_with_ins_and_del(editor_client, article):
    section = article.sections.get(position=2)
    edit(editor_client, article, {"headline": "Talks resume"})
    edit(editor_client, section, {"blocks-0-text": "A second round <script>x</script> is planned for June."})
    newest, middle, _baseline = revisions_of(article)
    old, new = (revision.version_set.get(content_type__model="article") for revision in (middle, newest))

    response = editor_client.get(
        reverse("admin:articles_article_compare", args=[article.pk]), {"old": old.pk, "new": new.pk}
    )

    table = changes_table(response)
    assert "Section 2 · paragraph 1 · Text" in table
    assert (
        "A second round<ins> &lt;script&gt;x&lt;/script&gt;</ins> is planned for <del>May</del><ins>June</ins>."
        in table
    )
    assert "<script>x" not in response.content.decode()
    assert "Headline" not in table


def test_compare_with_now_shows_headline_figure_and_quote_changes(editor_client, article):
    edit(editor_client, article, {"headline": "Talks resume in Geneva"})
    [version] = (revision.version_set.get(content_type__model="article") for revision in revisions_of(article)[:1])
    Article.objects.filter(pk=article.pk).update(headline="Talks collapse in Geneva")
    Quote.objects.update(text="the talks are over")
    section = article.sections.get(position=1)
    section.blocks.get(position=2).figure.__class__.objects.update(caption="Delegates leave")

    response = editor_client.get(
        reverse("admin:articles_article_compare", args=[article.pk]), {"old": version.pk, "new": "current"}
    )

    table = changes_table(response)
    assert "Talks <del>resume</del><ins>collapse</ins> in Geneva" in table
    assert "Section 1 · figure 2 · Caption" in table and "<del>arrive</del><ins>leave</ins>" in table
    assert "quote 1 · Quoted words" in table and "<del>would continue</del><ins>are over</ins>" in table


def test_restoring_brings_back_a_deleted_section_and_is_itself_a_revision(editor_client, editor, article):
    edit(editor_client, article, {"standfirst": "Before the deletion."})
    before_deletion = revisions_of(article)[0].version_set.get(content_type__model="article")
    closing = article.sections.get(position=2)
    edit(editor_client, article, {"sections-1-DELETE": "on"})
    assert not Section.objects.filter(pk=closing.pk).exists()
    version_before = Article.objects.get(pk=article.pk).edit_version

    response = editor_client.post(reverse("admin:articles_article_restore", args=[article.pk, before_deletion.pk]))

    assert response.status_code == 302
    restored = Section.objects.get(pk=closing.pk)
    assert (restored.heading, restored.position, restored.anchor) == ("What comes next", 2, closing.anchor)
    assert restored.blocks.get().paragraph.text == "A second round is planned for May."
    article.refresh_from_db()
    assert article.edit_version == version_before + 1
    newest = revisions_of(article)[0]
    assert newest.user == editor and newest.get_comment().startswith("Restored the version of")


def test_restoring_removes_what_was_added_since_and_undoes_a_swap(editor_client, article):
    opening = article.sections.get(position=1)
    edit(editor_client, article, {"standfirst": "Baseline."})
    baseline = revisions_of(article)[0].version_set.get(content_type__model="article")
    paragraph, figure = (block.specific for block in opening.blocks.select_related("paragraph", "figure"))
    edit(editor_client, opening, {"blocks-0-position": "2", "blocks-2-0-position": "1", "blocks-0-text": "Rewritten."})
    added = ParagraphFactory(section=opening, position=3, text="Added later.")
    article.tags.add("Geneva")

    restore(baseline, user=None)

    assert [block.specific for block in opening.blocks.select_related("paragraph", "figure")] == [paragraph, figure]
    assert Paragraph.objects.get(pk=paragraph.pk).text == "Officials said “the talks would continue”."
    assert not Paragraph.objects.filter(pk=added.pk).exists()
    assert list(article.tags.names()) == ["Diplomacy"]
    assert Article.objects.get(pk=article.pk).standfirst == "Baseline."


def test_restoring_keeps_the_article_published_or_not_as_it_is_now(editor_client, article):
    edit(editor_client, article, {"standfirst": "Published version."})
    published = revisions_of(article)[0].version_set.get(content_type__model="article")
    Article.objects.filter(pk=article.pk).update(status=Article.Status.DRAFT)

    restore(published, user=None)

    assert Article.objects.get(pk=article.pk).status == Article.Status.DRAFT


def test_the_restore_page_shows_what_restoring_changes_before_doing_it(editor_client, article):
    edit(editor_client, article, {"headline": "Talks resume"})
    [version] = [revisions_of(article)[1].version_set.get(content_type__model="article")]

    response = editor_client.get(reverse("admin:articles_article_restore", args=[article.pk, version.pk]))

    assert response.status_code == 200
    assert "Talks resume<ins> in Geneva</ins>" in response.content.decode()
    assert Article.objects.get(pk=article.pk).headline == "Talks resume"


def test_a_version_of_another_article_cannot_be_compared_or_restored_here(editor_client, article):
    other = ArticleFactory()
    edit(editor_client, other, {"headline": "Other"})
    foreign = revisions_of(other)[0].version_set.get(content_type__model="article")

    compare = editor_client.get(reverse("admin:articles_article_compare", args=[article.pk]), {"old": foreign.pk})
    restore_page = editor_client.post(reverse("admin:articles_article_restore", args=[article.pk, foreign.pk]))

    assert (compare.status_code, restore_page.status_code) == (404, 404)


def test_add_article_records_rows_as_they_are_at_the_end_of_the_save(article):
    block = article.sections.get(position=1).blocks.get(position=1)
    with reversion.create_revision():
        reversion.add_to_revision(block)
        Block.objects.filter(pk=block.pk).update(position=F("position") + 1000)
        add_article(article)

    revision = revisions_of(article)[0]
    assert (
        '"position": 1001'
        in revision.version_set.get(content_type__model="block", object_id=str(block.pk)).serialized_data
    )


def test_deleting_a_section_on_its_own_page_records_the_article_and_the_section_comes_back(editor_client, article):
    closing = article.sections.get(position=2)
    url = reverse("admin:articles_section_delete", args=[closing.pk])

    assert editor_client.post(url, {"post": "yes"}).status_code == 302

    deleted, before = revisions_of(article)
    assert deleted.get_comment() == "Deleted section “What comes next”."
    assert Article.objects.get(pk=article.pk).edit_version == 2
    restore(before.version_set.get(content_type__model="article"), user=None)
    assert Section.objects.get(pk=closing.pk).blocks.get().paragraph.text == "A second round is planned for May."


def test_an_action_on_the_article_list_is_recorded_and_counts_as_an_edit(editor_client, article):
    response = editor_client.post(
        reverse("admin:articles_article_changelist"), {"action": "unpublish", "_selected_action": [article.pk]}
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.status, article.edit_version) == (Article.Status.DRAFT, 2)
    assert revisions_of(article)[0].get_comment() == "Action on the list of articles: unpublish."


def test_arranging_and_deleting_on_the_arrange_page_are_recorded(editor_client, article):
    opening, closing = article.sections.all()
    arrange = reverse("admin:articles_article_arrange", args=[article.pk])

    editor_client.post(arrange, {"move": f"section:{closing.pk}:up", **opened(article)})
    delete = reverse("admin:articles_article_arrange_delete", args=[article.pk, "section", opening.pk])
    editor_client.post(delete, opened(article))

    comments = [revision.get_comment() for revision in revisions_of(article)]
    assert comments[:2] == ["Deleted a section on the arrange page.", "Arranged the sections and blocks."]
    assert Article.objects.get(pk=article.pk).edit_version == 3


def test_a_sections_history_is_its_articles_history(editor_client, article):
    section = article.sections.get(position=1)

    response = editor_client.get(reverse("admin:articles_section_history", args=[section.pk]))

    assert response.status_code == 302 and response["Location"] == history_url(article)


def test_the_history_names_inline_rows_added_and_deleted_on_the_article_page(editor_client, article):
    data = open_change_form(editor_client, article)
    index = int(data["sections-TOTAL_FORMS"]) - 1
    data.update(
        {f"sections-{index}-heading": "Reactions", f"sections-{index}-position": "3", "sections-0-DELETE": "on"}
    )

    assert save_change_form(editor_client, article, data).status_code == 302

    content = editor_client.get(history_url(article)).content.decode()
    assert "Added section “Reactions”." in content
    assert "Deleted section “The talks”." in content


def test_the_newest_revision_is_marked_as_the_article_now_without_a_restore_link(editor_client, article):
    edit(editor_client, article, {"headline": "Talks collapse"})
    newest, baseline = (revision.version_set.get(content_type__model="article") for revision in revisions_of(article))

    content = editor_client.get(history_url(article)).content.decode()

    assert "The article as it is now" in content
    assert reverse("admin:articles_article_restore", args=[article.pk, newest.pk]) not in content
    assert reverse("admin:articles_article_restore", args=[article.pk, baseline.pk]) in content
