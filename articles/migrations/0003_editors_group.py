"""The "Editors" group: edit articles, their parts, sources and topic tags; nothing else.

Permissions are normally created after all migrations run; they are created here
first so that the group gets them on a brand-new database too.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Editors"
# app label → models whose add/change/delete/view permissions editors hold.
EDITABLE_MODELS = {
    "articles": ["article", "section", "block", "paragraph", "figure", "leadfigure", "pullquote", "quote", "source"],
    "taggit": ["tag", "taggeditem"],
}


def create_editors_group(apps, schema_editor):
    for app_label in EDITABLE_MODELS:
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=EDITORS)
    for app_label, models in EDITABLE_MODELS.items():
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label=app_label, content_type__model__in=models)
        )


def remove_editors_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=EDITORS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_seed_sources"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(create_editors_group, remove_editors_group)]
