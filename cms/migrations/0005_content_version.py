from django.db import migrations, models


def create_row(apps, schema_editor):
    import secrets
    import time

    from django.utils import timezone

    ContentVersion = apps.get_model("cms", "ContentVersion")
    ContentVersion.objects.get_or_create(
        pk=1,
        defaults={
            "value": f"{time.time_ns():016x}{secrets.token_hex(4)}",
            "changed_at": timezone.now(),
        },
    )


class Migration(migrations.Migration):
    dependencies = [("cms", "0004_review_task")]

    operations = [
        migrations.CreateModel(
            name="ContentVersion",
            fields=[
                (
                    "id",
                    models.PositiveSmallIntegerField(
                        default=1, primary_key=True, serialize=False
                    ),
                ),
                ("value", models.CharField(max_length=32, verbose_name="version")),
                ("changed_at", models.DateTimeField(verbose_name="changed at")),
            ],
            options={
                "verbose_name": "content version",
                "verbose_name_plural": "content version",
            },
        ),
        migrations.RunPython(create_row, migrations.RunPython.noop),
    ]
