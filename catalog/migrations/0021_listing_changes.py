"""The listing's change log and its triggers: the epoch the anonymous list's marks are checked against (PostgreSQL)."""

from django.db import migrations, models

from catalog.documents import marks


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0020_public_listing_indexes_hold_version"),
    ]

    operations = [
        migrations.CreateModel(
            name="ListingChange",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("changes", models.BigIntegerField(default=1)),
            ],
        ),
        migrations.RunPython(marks.install, marks.uninstall),
    ]
