"""The permission to restore an earlier revision of an article, declared in `Article.Meta`
(migration 0008 used to create it by hand), and given to the "Editors" group.

Permissions are normally created after all migrations run; it is created here first so that
the group gets it on a brand-new database too. On a database where 0008 made it already,
nothing changes.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Editors"
RESTORE = "restore_article"


def give_editors_the_restore_permission(apps, schema_editor):
    app_config = apps.get_app_config("articles")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    editors.permissions.add(*Permission.objects.filter(content_type__app_label="articles", codename=RESTORE))


def take_the_restore_permission_back(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors = Group.objects.filter(name=EDITORS).first()
    if editors is not None:
        editors.permissions.remove(*Permission.objects.filter(content_type__app_label="articles", codename=RESTORE))


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0017_content_version"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="article",
            options={
                "ordering": ["-published_at", "-created_at"],
                "permissions": [
                    ("publish_article", "Can publish, schedule and unpublish articles"),
                    ("restore_article", "Can restore an earlier revision of an article"),
                ],
                "verbose_name": "article",
                "verbose_name_plural": "articles",
            },
        ),
        migrations.RunPython(give_editors_the_restore_permission, take_the_restore_permission_back),
    ]
