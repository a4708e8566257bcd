"""A claim with `count_sales` adds the units to each product's `sales` counter (seed 003 product `sales`): in the
product's own stock UPDATE when it has one, else by a separate UPDATE; a refused claim counts nothing."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from catalog.exceptions import OutOfStock
from catalog.models import Product
from catalog.services.stock import StockLine, claim_stock
from tests.factories import ProductFactory, VariantFactory

pytestmark = pytest.mark.django_db

PRODUCT_ROW_UPDATE = 'UPDATE "catalog_product"'


def sales(*products) -> list[int]:
    return [Product.objects.get(pk=product.pk).sales for product in products]


def product_row_updates(lines) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        claim_stock(items=lines, count_sales=True)
    return [query["sql"] for query in captured.captured_queries if query["sql"].startswith(PRODUCT_ROW_UPDATE)]


def test_a_tracked_product_is_counted_in_its_stock_update():
    product = ProductFactory(stock_enabled=True, stock_quantity=9, sales=4)

    updates = product_row_updates([StockLine(product, 2), StockLine(product, 1)])

    assert len(updates) == 1
    assert '"stock_quantity"' in updates[0] and '"sales"' in updates[0]
    assert sales(product) == [7]
    assert Product.objects.get(pk=product.pk).stock_quantity == 6


def test_products_without_stock_tracking_or_sold_by_variant_are_counted_too():
    untracked = ProductFactory(stock_enabled=False, sales=1)
    by_variant = ProductFactory(stock_enabled=True, stock_quantity=0)
    variant = VariantFactory(product=by_variant, stock_quantity=5)

    updates = product_row_updates([StockLine(untracked, 3), StockLine(by_variant, 2, variant)])

    assert sales(untracked, by_variant) == [4, 2]
    assert all('"sales"' in sql for sql in updates)


def test_a_variant_and_its_product_in_one_claim_count_every_unit_once():
    product = ProductFactory(stock_enabled=True, stock_quantity=9)
    variant = VariantFactory(product=product, stock_quantity=5)

    claim_stock(items=[StockLine(product, 2, variant), StockLine(product, 3)], count_sales=True)

    assert sales(product) == [5]


def test_without_count_sales_nothing_is_counted():
    product = ProductFactory(stock_enabled=True, stock_quantity=9, sales=4)

    claim_stock(items=[StockLine(product, 2)])

    assert sales(product) == [4]


def test_a_refused_claim_counts_no_sale():
    enough = ProductFactory(stock_enabled=True, stock_quantity=9)
    short = ProductFactory(stock_enabled=True, stock_quantity=1)

    with pytest.raises(OutOfStock), transaction.atomic():
        claim_stock(items=[StockLine(enough, 2), StockLine(short, 2)], count_sales=True)

    assert sales(enough, short) == [0, 0]
    assert [Product.objects.get(pk=p.pk).stock_quantity for p in (enough, short)] == [9, 1]
