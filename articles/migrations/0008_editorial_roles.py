"""Two newsroom roles.

- "Editors" (extended): everything they had (add, change, delete and view articles, their
  parts, sources and topics), plus publishing (`articles.publish_article`); migration 0015
  gives them restoring an earlier revision of an article (`articles.restore_article`).
- "Contributors" (new): write and correct drafts. They add, change and view articles, their
  parts, sources and topics, and delete the parts of an article (sections, blocks, quotes,
  figures, topic links); they do not delete articles, publish, unpublish or restore.

`restore_article` was once created here by hand; it is declared in `Article.Meta.permissions`
now, and created from there (0015).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Editors"
CONTRIBUTORS = "Contributors"
EDITOR_EXTRAS = ["publish_article"]
CONTRIBUTOR_PERMISSIONS = {
    "articles": {
        "add": ["article", "section", "block", "paragraph", "figure", "leadfigure", "pullquote", "quote", "source"],
        "change": ["article", "section", "block", "paragraph", "figure", "leadfigure", "pullquote", "quote", "source"],
        "view": ["article", "section", "block", "paragraph", "figure", "leadfigure", "pullquote", "quote", "source"],
        "delete": ["section", "block", "paragraph", "figure", "leadfigure", "pullquote", "quote"],
    },
    "taggit": {
        "add": ["tag", "taggeditem"],
        "change": ["tag", "taggeditem"],
        "view": ["tag", "taggeditem"],
        "delete": ["taggeditem"],
    },
}


def create_roles(apps, schema_editor):
    for app_label in CONTRIBUTOR_PERMISSIONS:
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    article_type = ContentType.objects.get(app_label="articles", model="article")
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    editors.permissions.add(*Permission.objects.filter(content_type=article_type, codename__in=EDITOR_EXTRAS))
    contributors, _ = Group.objects.get_or_create(name=CONTRIBUTORS)
    for app_label, actions in CONTRIBUTOR_PERMISSIONS.items():
        codenames = [f"{action}_{model}" for action, models in actions.items() for model in models]
        contributors.permissions.add(
            *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )


def remove_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Group.objects.filter(name=CONTRIBUTORS).delete()
    editors = Group.objects.filter(name=EDITORS).first()
    if editors is not None:
        editors.permissions.remove(
            *Permission.objects.filter(content_type__app_label="articles", codename__in=EDITOR_EXTRAS)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0007_paragraph_word_count"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
