"""What the admin tests share: an editor account and the data a browser would post back."""

from html.parser import HTMLParser
from importlib import import_module

from django.contrib.auth.models import Group
from django.db import connection
from django.db.migrations.loader import MigrationLoader

EDITORS = "Editors"


def opened(article):
    """What a page opened now posts back with a change: the article's edit version (admin/conflicts.py)."""
    from articles.models import Article

    return {"opened_version": str(Article.objects.values_list("edit_version", flat=True).get(pk=article.pk))}


ROLE_MIGRATIONS = [("0003_editors_group", "create_editors_group"), ("0008_editorial_roles", "create_roles")]


def ensure_roles():
    """The groups the migrations create; a transactional test empties every table after it runs,
    so the tests that follow one get them back from the same functions."""
    if Group.objects.filter(name__in=["Editors", "Contributors"]).count() == 2:
        return
    migrated_apps = MigrationLoader(connection).project_state().apps
    for module, function in ROLE_MIGRATIONS:
        getattr(import_module(f"articles.migrations.{module}"), function)(migrated_apps, None)


def make_editor(django_user_model, username="editor", password="a-long-editor-password"):
    ensure_roles()
    user = django_user_model.objects.create_user(username=username, password=password, is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


class _FormFields(HTMLParser):
    """Collects the fields of the admin's change form as a browser would submit them unchanged."""

    def __init__(self, form_id):
        super().__init__()
        self.form_id = form_id
        self.inside = False
        self.data = {}
        self.textarea = None
        self.select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside or "name" not in attrs and tag != "option":
            return
        if tag == "input" and attrs.get("type") not in {"submit", "button", "file", "image"}:
            if attrs.get("type") in {"checkbox", "radio"} and "checked" not in attrs:
                return
            self.add(attrs["name"], attrs.get("value", "on" if attrs.get("type") == "checkbox" else ""))
        elif tag == "textarea":
            self.textarea = attrs["name"]
            self.data[self.textarea] = ""
        elif tag == "select":
            self.select = attrs["name"]
            self.data.setdefault(self.select, [])
        elif tag == "option" and self.select and "selected" in attrs:
            self.add(self.select, attrs.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea":
            self.textarea = None
        elif tag == "select":
            self.select = None

    def handle_data(self, data):
        if self.textarea:
            # html.parser drops the newline that follows <textarea>, as browsers do.
            self.data[self.textarea] += data

    def add(self, name, value):
        self.data.setdefault(name, []).append(value)


def change_form_data(response, form_id):
    """The POST data of the unchanged change form in `response` (a rendered admin page)."""
    parser = _FormFields(form_id)
    parser.feed(response.content.decode())
    return {
        name: value[0] if isinstance(value, list) and len(value) == 1 else value for name, value in parser.data.items()
    }
