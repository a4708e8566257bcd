"""The product table's GIN indexes keep a pending list of at most 256 kB (PostgreSQL).

Every sale rewrites its product's row, and the rewrite is never a HOT update (docs/benchmarks.md), so each adds
entries to the four GIN indexes (titles' trigrams, the full-text vectors). GIN gathers new entries in a pending
list that every search through the index reads whole, until a vacuum or a full list (4 MB by default) merges it:
after 3,000 sales of a 20,000-product catalog a search took 3.4 ms at the median instead of 2.2 (mean 4.9 against
2.8). With 256 kB the list is merged sixteen times as often in pieces a sixteenth the size: searches stayed at
2.4 ms (mean 3.2) after 3,000 and 6,000 sales, and a product UPDATE took 0.07 ms more.
"""

from django.db import migrations

PENDING_LIST_KB = 256
GIN_INDEXES = ("product_search_vector", "product_search_vector_stored", "product_title_trgm", "product_title_upper_trgm")


def limit(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        for index in GIN_INDEXES:
            schema_editor.execute(f'ALTER INDEX "{index}" SET (gin_pending_list_limit = {PENDING_LIST_KB})')


def unlimit(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        for index in GIN_INDEXES:
            schema_editor.execute(f'ALTER INDEX "{index}" RESET (gin_pending_list_limit)')


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0021_listing_changes"),
    ]

    operations = [migrations.RunPython(limit, unlimit, elidable=False)]
