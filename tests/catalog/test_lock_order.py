"""Stock rows are claimed and given back in one global order: variants by primary key, then products by key.

Each line is one conditional UPDATE that holds its row lock until commit, so two checkouts sharing items must
touch them in the same order or they may deadlock. The order of the UPDATE statements is that lock order; it
must not follow the cart's order or the models' default ordering (products: newest first).
"""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from catalog.models import Product, Variant
from catalog.services import StockLine, claim_stock, release_stock

from .factories import ProductFactory, VariantFactory

pytestmark = pytest.mark.django_db

ROW_ID = re.compile(r'"id"\W*=\W*(\d+)')


def stock_updates(queries: list[dict]) -> list[tuple[str, int]]:
    """(table, id) of each UPDATE of a stock quantity, in the order they ran."""
    tables = {Product._meta.db_table: "product", Variant._meta.db_table: "variant"}
    updates = []
    for query in queries:
        sql = query["sql"]
        for table, name in tables.items():
            if sql.startswith(f'UPDATE "{table}"') and "stock_quantity" in sql:
                updates.append((name, int(ROW_ID.search(sql).group(1))))
    return updates


@pytest.fixture
def cart_lines():
    """Three stocked products and two stocked variants, newest-first ordering the reverse of key order;
    the lines come in reverse key order too."""
    products = [ProductFactory(stock_enabled=True, stock_quantity=10) for _ in range(3)]
    with_variants = ProductFactory(stock_enabled=True, stock_quantity=0)
    variants = [VariantFactory(product=with_variants, stock_quantity=10) for _ in range(2)]
    now = timezone.now()
    for age, product in enumerate(products):
        Product.objects.filter(pk=product.pk).update(created_at=now - timedelta(days=10 - age), updated_at=now)
    lines = [StockLine(product, 1) for product in products] + [StockLine(with_variants, 1, v) for v in variants]
    return list(reversed(lines)), products, variants


def expected_order(products, variants) -> list[tuple[str, int]]:
    return [("variant", variant.pk) for variant in sorted(variants, key=lambda v: v.pk)] + [
        ("product", product.pk) for product in sorted(products, key=lambda p: p.pk)
    ]


def test_claim_updates_variants_then_products_each_in_primary_key_order(cart_lines):
    lines, products, variants = cart_lines

    with CaptureQueriesContext(connection) as captured:
        claim_stock(items=lines)

    assert stock_updates(captured.captured_queries) == expected_order(products, variants)


def test_release_updates_rows_in_the_same_order_as_a_claim(cart_lines):
    lines, products, variants = cart_lines
    claim_stock(items=lines)

    with CaptureQueriesContext(connection) as captured:
        release_stock(items=lines)

    assert stock_updates(captured.captured_queries) == expected_order(products, variants)
