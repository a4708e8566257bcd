"""The words of each product's title, as the full text reads them, in a GIN index of their own (PostgreSQL).

Search ranks a product whose title holds every searched word as whole words above one holding them only as parts
of words (catalog.search_sql.TITLE_WORDS). That was told by the stored vector of title, SKU and excerpt, whose
index found every product naming the word anywhere: at 100,000 products four in five of them named it only in the
excerpt and were read to be refused by their title (300-1,500 rows a search). This index holds the titles' words
only. Like the table's other GIN indexes it keeps a pending list of at most 256 kB (migration 0022).
"""

from django.db import migrations

INDEX = "product_title_words"
# catalog.search_sql.TITLE_WORDS with the table's name left out: PostgreSQL uses an index only for the expression
# it was built on.
EXPRESSION = "to_tsvector('simple'::regconfig, \"title\"::text)"


def add(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f'CREATE INDEX "{INDEX}" ON "catalog_product" USING gin (({EXPRESSION})) WITH (gin_pending_list_limit = 256)'
    )


def remove(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f'DROP INDEX IF EXISTS "{INDEX}"')


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0022_small_gin_pending_lists"),
    ]

    operations = [migrations.RunPython(add, remove, elidable=False)]
