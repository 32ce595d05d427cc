import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.urls import reverse

from articles.management.commands.create_editor import Command as CreateEditor
from articles.tests.admin_helpers import EDITORS, make_editor
from articles.tests.factories import ArticleFactory, ParagraphFactory, SectionFactory, SourceFactory

pytestmark = pytest.mark.django_db

EDITABLE = {
    "articles": ["article", "section", "block", "paragraph", "figure", "leadfigure", "pullquote", "quote", "source"],
    "taggit": ["tag", "taggeditem"],
}
EXPECTED_PERMISSIONS = {
    f"{app_label}.{action}_{model}"
    for app_label, models in EDITABLE.items()
    for model in models
    for action in ("add", "change", "delete", "view")
} | {"articles.publish_article", "articles.restore_article"}
STRONG_PASSWORD = "correct-horse-battery-staple"


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_editors_group_holds_exactly_the_editing_permissions():
    group = Group.objects.get(name=EDITORS)

    granted = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}

    assert granted == EXPECTED_PERMISSIONS


def test_an_editor_has_the_editing_permissions_and_none_over_accounts(django_user_model):
    editor = make_editor(django_user_model)

    assert EXPECTED_PERMISSIONS <= editor.get_all_permissions()
    assert not any(permission.startswith("auth.") for permission in editor.get_all_permissions())


@pytest.mark.parametrize(
    "model", ["articles_article", "articles_section", "articles_paragraph", "articles_source", "taggit_tag"]
)
@pytest.mark.parametrize("page", ["changelist", "add"])
def test_an_editor_can_open_the_editing_pages(editor_client, model, page):
    assert editor_client.get(reverse(f"admin:{model}_{page}")).status_code == 200


def test_an_editor_can_open_the_change_pages_from_article_to_paragraph(editor_client):
    paragraph = ParagraphFactory(section=SectionFactory(article=ArticleFactory()))
    pages = [
        reverse("admin:articles_article_change", args=[paragraph.section.article.pk]),
        reverse("admin:articles_section_change", args=[paragraph.section.pk]),
        reverse("admin:articles_paragraph_change", args=[paragraph.pk]),
        reverse("admin:articles_source_change", args=[SourceFactory().pk]),
    ]

    assert [editor_client.get(url).status_code for url in pages] == [200, 200, 200, 200]


@pytest.mark.parametrize(
    "url_name", ["admin:auth_user_changelist", "admin:auth_group_changelist", "admin:auth_user_add"]
)
def test_an_editor_is_refused_the_account_pages(editor_client, url_name):
    assert editor_client.get(reverse(url_name)).status_code == 403


def test_an_editor_cannot_add_a_user_by_posting(editor_client, django_user_model):
    response = editor_client.post(
        reverse("admin:auth_user_add"),
        {"username": "intruder", "password1": STRONG_PASSWORD, "password2": STRONG_PASSWORD, "usable_password": "true"},
    )

    assert response.status_code == 403
    assert not django_user_model.objects.filter(username="intruder").exists()


def test_create_editor_makes_a_staff_editor_from_the_environment(monkeypatch, django_user_model):
    monkeypatch.setenv("DJANGO_EDITOR_PASSWORD", STRONG_PASSWORD)

    call_command("create_editor", "maria", "--email", "maria@example.org", stdout=io.StringIO())

    user = django_user_model.objects.get(username="maria")
    assert (user.is_staff, user.is_superuser, user.email) == (True, False, "maria@example.org")
    assert user.check_password(STRONG_PASSWORD)
    assert list(user.groups.values_list("name", flat=True)) == [EDITORS]


def test_create_editor_asks_for_the_password_twice_in_a_terminal(monkeypatch, django_user_model):
    monkeypatch.delenv("DJANGO_EDITOR_PASSWORD", raising=False)
    answers = iter([STRONG_PASSWORD, STRONG_PASSWORD])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))

    call_command("create_editor", "maria", stdin=Terminal(), stdout=io.StringIO())

    assert django_user_model.objects.get(username="maria").check_password(STRONG_PASSWORD)


def test_create_editor_turns_an_existing_account_into_an_editor(monkeypatch, django_user_model):
    django_user_model.objects.create_user(username="maria", email="old@example.org", password="an-old-password-1")
    monkeypatch.setenv("DJANGO_EDITOR_PASSWORD", STRONG_PASSWORD)
    output = io.StringIO()

    call_command("create_editor", "maria", "--email", "new@example.org", stdout=output)

    user = django_user_model.objects.get(username="maria")
    assert (user.is_staff, user.email, user.groups.filter(name=EDITORS).exists()) == (True, "new@example.org", True)
    assert user.check_password(STRONG_PASSWORD)
    assert "Updated editor “maria”" in output.getvalue()


@pytest.mark.parametrize(
    ("arguments", "password", "message"),
    [
        (["maria"], None, "set DJANGO_EDITOR_PASSWORD"),
        (["maria"], "short", "Password refused"),
        (["maria", "--email", "not-an-address"], STRONG_PASSWORD, "is not an e-mail address"),
        (["bad name!"], STRONG_PASSWORD, "Username “bad name!” refused"),
    ],
)
def test_create_editor_refuses_bad_input_and_creates_nobody(
    monkeypatch, django_user_model, arguments, password, message
):
    if password is None:
        monkeypatch.delenv("DJANGO_EDITOR_PASSWORD", raising=False)
    else:
        monkeypatch.setenv("DJANGO_EDITOR_PASSWORD", password)

    with pytest.raises(CommandError, match=message):
        call_command("create_editor", *arguments, stdin=io.StringIO())

    assert not django_user_model.objects.exists()


def test_create_editor_refuses_passwords_that_differ(monkeypatch, django_user_model):
    monkeypatch.delenv("DJANGO_EDITOR_PASSWORD", raising=False)
    answers = iter([STRONG_PASSWORD, "something-else-entirely"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))

    with pytest.raises(CommandError, match="differ"):
        call_command("create_editor", "maria", stdin=Terminal())

    assert not django_user_model.objects.exists()


def test_create_editor_exits_with_status_1_on_bad_input(monkeypatch, capsys):
    monkeypatch.setenv("DJANGO_EDITOR_PASSWORD", "short")

    with pytest.raises(SystemExit) as exit_info:
        CreateEditor().run_from_argv(["manage.py", "create_editor", "maria"])

    assert exit_info.value.code == 1
    assert "Password refused" in capsys.readouterr().err
