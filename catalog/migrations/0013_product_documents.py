"""Stored product representations and the triggers that keep them honest (catalog.documents)."""

import django.db.models.deletion
from django.db import migrations, models

from catalog.documents import triggers


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0012_product_extras"),
    ]

    operations = [
        migrations.CreateModel(
            name="ProductDocument",
            fields=[
                (
                    "product",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="catalog.product",
                    ),
                ),
                ("version", models.BigIntegerField()),
                ("context", models.CharField(max_length=64)),
                ("body", models.BinaryField()),
            ],
        ),
        migrations.AddField(
            model_name="product",
            name="doc_version",
            field=models.BigIntegerField(default=0, editable=False),
        ),
        migrations.RunPython(triggers.install, triggers.uninstall),
    ]
