"""What the tests of revisions, conflicts, roles and import share: saving a change page as an
editor would, and reading an article's recorded revisions."""

from django.contrib.auth.models import Group
from django.urls import reverse

from articles.revisions import article_versions
from articles.tests.admin_helpers import change_form_data, ensure_roles

PASSWORD = "a-long-editor-password"


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
