"""The product table's GIN indexes keep a short pending list (catalog migrations 0022 and 0023), which every
search through them reads whole: however many sales rewrote product rows since the last vacuum, it stays within
256 kB."""

import pytest
from django.db import connection

from .factories import ProductFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

GIN_INDEXES = (
    "product_search_vector",
    "product_search_vector_stored",
    "product_title_trgm",
    "product_title_upper_trgm",
    "product_title_words",  # migration 0023, created with the same limit
)
MOST_PENDING_PAGES = 256 // 8  # 256 kB of 8 kB pages


def sell(products: list, times: int) -> None:
    """Rewrite product rows as sales do (each a new row version, with entries in every index)."""
    ids = ",".join(str(int(product.pk)) for product in products)  # integers only: a DO block takes no parameters
    with connection.cursor() as cursor:
        cursor.execute(
            f"DO $$ DECLARE ids bigint[] := ARRAY[{ids}]; BEGIN FOR i IN 1..{int(times)} LOOP "
            "UPDATE catalog_product SET sales = sales + 1 WHERE id = ids[1 + i % array_length(ids, 1)]; "
            "END LOOP; END $$"
        )


def pending_pages(index: str) -> int:
    """The pages of the index's pending list, from its metapage (pageinspect)."""
    with connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pageinspect")  # undone with the test's transaction
        cursor.execute("SELECT n_pending_pages FROM gin_metapage_info(get_raw_page(%s, 0))", [index])
        return cursor.fetchone()[0]


def test_the_pending_lists_searches_read_stay_short_after_thousands_of_sales():
    products = [ProductFactory(title=f"Brass lantern {number}", excerpt="Lights a porch") for number in range(20)]

    sell(products, 3000)

    assert {index: pending_pages(index) <= MOST_PENDING_PAGES for index in GIN_INDEXES} == dict.fromkeys(
        GIN_INDEXES, True
    ), {index: pending_pages(index) for index in GIN_INDEXES}
