"""What the tests of revisions, conflicts, roles and import share: saving a change page as an
editor would, and reading an article's recorded revisions."""

from importlib import import_module

from django.contrib.auth.models import Group
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.urls import reverse

from articles.revisions import article_versions
from articles.tests.admin_helpers import change_form_data

PASSWORD = "a-long-editor-password"


ROLE_MIGRATIONS = [("0003_editors_group", "create_editors_group"), ("0008_editorial_roles", "create_roles")]


def ensure_roles():
    """The groups the migrations create; a transactional test empties every table after it runs,
    so the tests that follow one get them back from the same functions."""
    if Group.objects.filter(name__in=["Editors", "Contributors"]).count() == 2:
        return
    migrated_apps = MigrationLoader(connection).project_state().apps
    for module, function in ROLE_MIGRATIONS:
        getattr(import_module(f"articles.migrations.{module}"), function)(migrated_apps, None)


def make_member(django_user_model, group, username):
    ensure_roles()
    user = django_user_model.objects.create_user(username=username, password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


def change_url(obj):
    return reverse(f"admin:articles_{obj._meta.model_name}_change", args=[obj.pk])


def open_change_form(client, obj):
    """The change page's form data, as the browser would post it back unchanged."""
    return change_form_data(client.get(change_url(obj)), f"{obj._meta.model_name}_form")


def save_change_form(client, obj, data, changes=None):
    return client.post(change_url(obj), {**data, **(changes or {})})


def edit(client, obj, changes):
    """Open `obj`'s change page, make `changes` and save; the save must succeed."""
    response = save_change_form(client, obj, open_change_form(client, obj), changes)
    assert response.status_code == 302, response.context and response.context["errors"]
    return response


def revisions_of(article):
    return [version.revision for version in article_versions(article)]
