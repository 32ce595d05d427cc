from django.db import migrations, models

# The kinds as they were when blocks began to store theirs: each is also the name of
# Block's link to the kind's row.
KINDS = ("paragraph", "figure", "pullquote")


def fill_kinds(apps, schema_editor):
    """Give every block the kind whose row it has."""
    Block = apps.get_model("articles", "Block")
    for kind in KINDS:
        Block.objects.filter(**{f"{kind}__isnull": False}).update(kind=kind)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0008_editorial_roles"),
    ]

    operations = [
        migrations.AddField(
            model_name="block",
            name="kind",
            field=models.CharField(
                choices=[("paragraph", "paragraph"), ("figure", "figure"), ("pullquote", "pull quote")],
                default="",
                editable=False,
                max_length=16,
                verbose_name="kind",
            ),
            preserve_default=False,
        ),
        migrations.RunPython(fill_kinds, migrations.RunPython.noop),
    ]
