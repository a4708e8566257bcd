"""Category shelves: each category's public products in its pages' orderings, kept by triggers (PostgreSQL)."""

import django.db.models.deletion
from django.db import migrations, models

from catalog.documents import shelves


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0016_product_cards"),
    ]

    operations = [
        migrations.CreateModel(
            name="ShelfEntry",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("position", models.IntegerField()),
                ("created_at", models.DateTimeField()),
                ("price_cents", models.BigIntegerField()),
                ("title", models.CharField(max_length=255)),
                (
                    "brand",
                    models.ForeignKey(
                        db_constraint=False,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="catalog.brand",
                    ),
                ),
                (
                    "category",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="catalog.category",
                    ),
                ),
                (
                    "product",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="catalog.product",
                    ),
                ),
            ],
            options={
                "indexes": [
                    models.Index(fields=["category", "position", "-created_at", "-product"], name="shelf_position"),
                    models.Index(fields=["category", "price_cents", "product"], name="shelf_price"),
                    models.Index(fields=["category", "title", "product"], name="shelf_title"),
                    models.Index(fields=["category", "created_at", "product"], name="shelf_created"),
                    models.Index(fields=["category", "brand"], name="shelf_brands"),
                ],
                "constraints": [models.UniqueConstraint(fields=("category", "product"), name="shelf_entry_once")],
            },
        ),
        migrations.RunPython(shelves.install, shelves.uninstall),
    ]
