"""Search indexes for PostgreSQL: pg_trgm, a full-text GIN index and trigram GIN indexes on titles.

They live outside the models' Meta because SQLite cannot build GIN indexes; on SQLite every step is a no-op
(TrigramExtension checks the vendor itself). The full-text expression matches catalog.search.SEARCH_VECTOR.
"""

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.operations import TrigramExtension
from django.contrib.postgres.search import SearchVector
from django.db import migrations

INDEXES = {
    "Product": [
        GinIndex(SearchVector("title", "sku", "excerpt", config="simple"), name="product_search_vector"),
        GinIndex(OpClass("title", name="gin_trgm_ops"), name="product_title_trgm"),
    ],
    "Category": [GinIndex(OpClass("title", name="gin_trgm_ops"), name="category_title_trgm")],
    "Brand": [GinIndex(OpClass("title", name="gin_trgm_ops"), name="brand_title_trgm")],
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model_name, indexes in INDEXES.items():
        for index in indexes:
            schema_editor.add_index(apps.get_model("catalog", model_name), index)


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model_name, indexes in INDEXES.items():
        for index in indexes:
            schema_editor.remove_index(apps.get_model("catalog", model_name), index)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_catalog_models")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create_indexes, drop_indexes),
    ]
