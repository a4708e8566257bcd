"""The product's full-text vector stored, with its GIN index (PostgreSQL).

Search ranks its candidates by their vector and rechecks the full-text condition on every row a combined index
scan finds; working the vector out from title, sku and excerpt per row was half of a search's time at 100,000
products. PostgreSQL now keeps it in a generated column, written with the row, so no write path can forget it.
The value is catalog.search.SEARCH_VECTOR's; the ORM path keeps that expression and its index (migration 0002).
The model does not declare the column (SQLite has no tsvector): only catalog.search_sql reads it. Adding it
rewrites the product table once (about 10 seconds at 100,000 products).
"""

from django.db import migrations

VECTOR = (
    "to_tsvector('simple'::regconfig, "
    "COALESCE(\"title\", '') || ' ' || COALESCE(\"sku\", '') || ' ' || COALESCE(\"excerpt\", ''))"
)


def add(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f'ALTER TABLE "catalog_product" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS ({VECTOR}) STORED'
    )
    schema_editor.execute('CREATE INDEX "product_search_vector_stored" ON "catalog_product" USING gin ("search_vector")')


def remove(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute('DROP INDEX IF EXISTS "product_search_vector_stored"')
    schema_editor.execute('ALTER TABLE "catalog_product" DROP COLUMN IF EXISTS "search_vector"')


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0017_category_shelves"),
    ]

    operations = [migrations.RunPython(add, remove, elidable=False)]
