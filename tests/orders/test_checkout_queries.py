"""Statements of one API checkout: the cart is read once (owned and locked); only the per-row stock UPDATEs grow
with the number of lines, and they come last, so the stock rows concurrent checkouts wait for are held for nothing
else.

Each stock row is claimed by its own conditional UPDATE in lock order (tests/catalog/test_lock_order.py), which also
raises the product's `sales` counter; every other statement of the request (authentication, the cart lock, pricing,
the checks, the order with all its lines, events, e-mails) is the same for one line as for five.
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .factories import ProductFactory

pytestmark = pytest.mark.django_db

PRODUCT_ROW_UPDATE = 'UPDATE "catalog_product"'
# What a statement does, without its values: the verb and the first table it names (savepoints: the verb).
SHAPE = re.compile(r'^(SELECT|INSERT|UPDATE|DELETE)[^"]*"(\w+)"|^(\w+)')


def checkout_statements(client, cart) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.post(
            f"/api/v1/carts/{cart.public_id}/checkout", {"payment_method": "bank_transfer"}, format="json"
        )
    assert response.status_code == 201, response.content
    return [query["sql"] for query in captured.captured_queries]


def shapes(statements: list[str]) -> list[str]:
    return [" ".join(part for part in SHAPE.match(sql).groups() if part) for sql in statements]


@pytest.fixture
def stocked_cart(make_cart, buyer, courier):
    def build(lines: int):
        products = [ProductFactory(price_cents=1000, stock_enabled=True, stock_quantity=10) for _ in range(lines)]
        return make_cart(buyer, [(product, 1) for product in products], shipping_method=courier.public_id)

    return build


@pytest.fixture
def client(customer_client, stocked_cart):
    """The buyer's API client after a first checkout, which also stamps the key's use (once a minute) and builds
    the OpenAPI document the test suite checks answers against."""
    checkout_statements(customer_client, stocked_cart(1))
    return customer_client


def test_five_lines_run_the_statements_of_one_line_besides_the_product_row_updates(client, stocked_cart):
    one = checkout_statements(client, stocked_cart(1))
    five = checkout_statements(client, stocked_cart(5))

    def others(statements):
        return shapes([sql for sql in statements if not sql.startswith(PRODUCT_ROW_UPDATE)])

    assert others(five) == others(one)


def test_each_line_adds_one_product_row_update_claiming_its_stock_and_counting_its_sales(client, stocked_cart):
    five = checkout_statements(client, stocked_cart(5))

    row_updates = [sql.split("WHERE")[0] for sql in five if sql.startswith(PRODUCT_ROW_UPDATE)]

    assert len(row_updates) == 5
    assert all('"stock_quantity"' in assignments and '"sales"' in assignments for assignments in row_updates)


def test_stock_rows_are_locked_only_for_their_own_updates_before_commit(client, stocked_cart):
    statements = shapes(checkout_statements(client, stocked_cart(2)))

    first_claim = statements.index("UPDATE catalog_product")
    held = statements[first_claim - 1 :]

    # The order, its lines, events and e-mails are written before: the stock rows other checkouts wait for are
    # locked (one SELECT … FOR UPDATE of the products, in pk order), updated (two stock claims, each counting its
    # sales), and the checkout's transaction ends (a savepoint here, inside the test's transaction): no savepoint
    # of the claim's own, nothing else in between.
    assert held == ["SELECT catalog_product", "UPDATE catalog_product", "UPDATE catalog_product", "RELEASE"]


def test_the_cart_is_found_for_its_owner_and_locked_in_one_statement(client, stocked_cart):
    statements = checkout_statements(client, stocked_cart(1))

    cart_reads = [sql for sql in statements if shapes([sql]) == ["SELECT orders_cart"]]

    # No lookup of the caller's cart before the service locks it: the lock's read is the ownership check.
    assert len(cart_reads) == 1
    assert '"orders_cart"."customer_id" =' in cart_reads[0]
    assert "FOR UPDATE" in cart_reads[0] or not connection.features.has_select_for_update  # SQLite locks no rows


def test_the_buyer_s_and_the_merchant_s_e_mails_are_recorded_by_one_statement(client, stocked_cart, store):
    from orders.models import Notification

    store.email = "orders@shop.example"
    store.save()

    statements = checkout_statements(client, stocked_cart(1))

    assert len([sql for sql in statements if "INSERT INTO orders_notification" in sql]) == 1
    kinds = Notification.objects.filter(order__isnull=False).order_by("pk").values_list("kind", "recipient")
    assert list(kinds)[-2:] == [("order_confirmation", "buyer@example.com"), ("merchant_new_order", store.email)]
