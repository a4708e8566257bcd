"""Stock rows are claimed and given back in one global order: the lines' products locked first (by key), then
variants by primary key, then products by key.

Each line is one conditional UPDATE that holds its row lock until commit, so two checkouts sharing items must
touch them in the same order or they may deadlock. The order of the UPDATE statements is that lock order; it
must not follow the cart's order or the models' default ordering (products: newest first).
"""

import re
import threading
from datetime import timedelta

import pytest
from django.db import OperationalError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from catalog.models import Product, Variant
from catalog.services import StockLine, claim_stock, release_stock
from tests.threads import run_in_threads

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


def test_products_are_locked_first_in_key_order_before_any_stock_row(cart_lines):
    """A variant's stock UPDATE also updates its product (the doc_version trigger): the products of every line are
    locked first, by key, so no checkout holds a variant while it waits for a product another one holds."""
    lines = cart_lines[0]

    with CaptureQueriesContext(connection) as captured:
        claim_stock(items=lines)

    sql = [query["sql"] for query in captured.captured_queries]
    first_lock = next(index for index, statement in enumerate(sql) if statement.startswith(("SELECT", "UPDATE")))
    if connection.vendor == "postgresql":
        assert sql[first_lock].endswith("FOR NO KEY UPDATE"), sql[first_lock]
    assert 'FROM "catalog_product"' in sql[first_lock]
    assert re.search(r'ORDER BY (1|"catalog_product"\."id") ASC', sql[first_lock]), sql[first_lock]
    assert first_lock < min(index for index, statement in enumerate(sql) if statement.startswith("UPDATE"))


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_checkouts_whose_variants_interleave_across_products_never_deadlock():
    """Variant keys interleave across two products, so the two carts meet the products in opposite orders if
    variants were locked first; with products locked first, every claim goes through."""
    first, second = ProductFactory(stock_enabled=True), ProductFactory(stock_enabled=True)
    a1, b1, a2, b2 = (
        VariantFactory(product=product, stock_quantity=1000) for product in (first, second, first, second)
    )
    carts = [
        [StockLine(first, 1, a1), StockLine(second, 1, b2)],  # variant keys a1 < b2: first, then second
        [StockLine(second, 1, b1), StockLine(first, 1, a2)],  # variant keys b1 < a2: second, then first
    ] * 4

    for _ in range(5):
        assert run_in_threads(lambda lines: claim_stock(items=lines), carts) == []

    assert Variant.objects.get(pk=a1.pk).stock_quantity == 1000 - 20


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_claim_holds_its_products_against_other_claims_but_not_against_rows_that_only_refer_to_them():
    """Checkout locks its products FOR NO KEY UPDATE: a second claim of the product waits for the first to commit,
    while a cart line naming the product (its foreign-key check takes FOR KEY SHARE) goes in at once, so carts
    filling up during a sell-out do not queue behind the checkout holding the product."""
    from orders.services import create_cart

    product = ProductFactory(stock_enabled=True, stock_quantity=10)
    claimed, release = threading.Event(), threading.Event()

    def hold():
        """A checkout's claim, held uncommitted until released."""
        try:
            with transaction.atomic():
                claim_stock(items=[StockLine(product, 1)])
                claimed.set()
                release.wait(10)
        finally:
            connection.close()

    def waits_for_the_lock(statement) -> bool:
        """Run `statement` with a 500 ms lock_timeout; whether it ran out waiting."""
        try:
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL lock_timeout = '500ms'")
                statement()
        except OperationalError:
            return True
        return False

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert claimed.wait(10)
        cart_line = waits_for_the_lock(
            lambda: create_cart(session_key="s" * 32, lines=[{"product": product.public_id, "quantity": 1}])
        )
        second_claim = waits_for_the_lock(lambda: claim_stock(items=[StockLine(product, 1)]))
    finally:
        release.set()
        holder.join()

    assert (cart_line, second_claim) == (False, True)
    assert Product.objects.get(pk=product.pk).stock_quantity == 9
