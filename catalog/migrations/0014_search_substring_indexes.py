"""PostgreSQL: trigram indexes under the substring matches of catalog.search (a product title or a tag holding a
typed word, as Django writes `icontains`: `UPPER(col::text) LIKE UPPER(%s)`), so each arm of a search is an index
read. No-ops on SQLite, like migration 0002.
"""

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.db import migrations
from django.db.models.functions import Upper

INDEXES = {
    "Product": [GinIndex(OpClass(Upper("title"), name="gin_trgm_ops"), name="product_title_upper_trgm")],
    "ProductTag": [GinIndex(OpClass(Upper("name"), name="gin_trgm_ops"), name="product_tag_upper_trgm")],
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
    dependencies = [("catalog", "0013_product_documents")]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
