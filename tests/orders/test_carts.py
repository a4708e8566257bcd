"""Carts over the API: lines, coupon, shipping method, addresses, totals; owners only."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from orders.models import Order
from tests.accounts.factories import RegisteredCustomerFactory

from .conftest import DELIVERY
from .factories import CouponFactory, ProductFactory, ShippingMethodFactory, VariantFactory

URL = "/api/v1/carts"
pytestmark = pytest.mark.django_db


@pytest.fixture
def cart_id(customer_client, product):
    response = customer_client.post(URL, {"lines": [{"product": product.public_id, "quantity": 2}]}, format="json")
    assert response.status_code == 201, response.json()
    return response.json()["id"]


def test_cart_is_created_with_lines_and_priced(customer_client, product):
    response = customer_client.post(URL, {"lines": [{"product": product.slug, "quantity": 2}]}, format="json")

    body = response.json()
    assert response.status_code == 201
    assert body["id"].startswith("cart_")
    assert body["totals"]["subtotal_cents"] == 2000
    assert body["totals"]["product_tax_cents"] == 374
    assert body["lines"][0]["unit_price_cents"] == 1000


def test_created_cart_answer_equals_a_fresh_read(customer_client, product, store):
    variant = VariantFactory(price_cents=1500)
    lines = [
        {"product": product.public_id, "quantity": 2},
        {"product": variant.product.public_id, "variant": variant.public_id},
        {"product": product.slug, "quantity": 1},  # the same item again adds up in the first line
    ]

    created = customer_client.post(URL, {"lines": lines, "delivery_address": DELIVERY}, format="json")
    read = customer_client.get(f"{URL}/{created.json()['id']}")

    assert created.status_code == 201
    assert [(line["product"], line["quantity"]) for line in created.json()["lines"]] == [
        (product.public_id, 3),
        (variant.product.public_id, 1),
    ]
    assert created.json() == read.json()


def test_cart_creation_reads_no_line_back(customer_client, product):
    with CaptureQueriesContext(connection) as captured:
        response = customer_client.post(URL, {"lines": [{"product": product.public_id}]}, format="json")

    assert response.status_code == 201
    reads = [query["sql"] for query in captured.captured_queries if query["sql"].startswith("SELECT")]
    assert not [sql for sql in reads if 'FROM "orders_cartline"' in sql]


def test_adding_the_same_product_again_raises_the_quantity(customer_client, cart_id, product):
    response = customer_client.post(f"{URL}/{cart_id}/lines", {"product": product.public_id}, format="json")

    assert response.status_code == 201
    assert [line["quantity"] for line in response.json()["lines"]] == [3]


def test_line_quantity_is_changed_and_the_line_removed(customer_client, cart_id):
    line_id = customer_client.get(f"{URL}/{cart_id}").json()["lines"][0]["id"]

    patched = customer_client.patch(f"{URL}/{cart_id}/lines/{line_id}", {"quantity": 4}, format="json")
    deleted = customer_client.delete(f"{URL}/{cart_id}/lines/{line_id}")

    assert patched.json()["lines"][0]["quantity"] == 4
    assert deleted.json()["lines"] == []


def test_zero_quantity_is_400(customer_client, cart_id):
    line_id = customer_client.get(f"{URL}/{cart_id}").json()["lines"][0]["id"]

    response = customer_client.patch(f"{URL}/{cart_id}/lines/{line_id}", {"quantity": 0}, format="json")

    assert response.status_code == 400


def test_a_line_is_added_with_one_read_of_its_product_whether_it_has_variants_included(customer_client, product):
    with CaptureQueriesContext(connection) as captured:
        response = customer_client.post(URL, {"lines": [{"product": product.public_id}]}, format="json")

    assert response.status_code == 201, response.json()
    reads = [
        query["sql"]
        for query in captured.captured_queries
        if query["sql"].startswith("SELECT")
        and ('FROM "catalog_product"' in query["sql"] or 'FROM "catalog_variant"' in query["sql"])
    ]
    assert len(reads) == 1 and reads[0].startswith('SELECT "catalog_product"')


def test_product_with_variants_needs_a_variant(customer_client, store):
    variant = VariantFactory(price_cents=1500)

    missing = customer_client.post(URL, {"lines": [{"product": variant.product.public_id}]}, format="json")
    chosen = customer_client.post(
        URL, {"lines": [{"product": variant.product.public_id, "variant": variant.public_id}]}, format="json"
    )

    assert missing.status_code == 400
    assert missing.json()["code"] == "product_not_orderable"
    assert chosen.json()["lines"][0]["unit_price_cents"] == 1500


def test_hidden_products_cannot_be_added(customer_client, store):
    hidden = ProductFactory(status="hidden")

    response = customer_client.post(URL, {"lines": [{"product": hidden.public_id}]}, format="json")

    assert response.status_code == 400


def test_coupon_and_shipping_method_are_priced(customer_client, cart_id):
    CouponFactory(code="TEN", type="percent", value=10)
    method = ShippingMethodFactory(price_cents=500, countries=["PRT"])

    response = customer_client.patch(
        f"{URL}/{cart_id}",
        {"coupon": "ten", "shipping_method": method.public_id, "delivery_address": {**DELIVERY, "country_code": "prt"}},
        format="json",
    )

    totals = response.json()["totals"]
    assert (totals["discount_cents"], totals["shipping_cents"], totals["total_cents"]) == (200, 500, 2300)
    assert response.json()["delivery_address"]["country_code"] == "PRT"
    assert response.json()["shipping_available"] is True


def test_exhausted_coupon_is_refused_with_409(customer_client, cart_id):
    CouponFactory(code="GONE", limit=1, used=1)

    response = customer_client.patch(f"{URL}/{cart_id}", {"coupon": "GONE"}, format="json")

    assert response.status_code == 409
    assert response.json()["code"] == "coupon_exhausted"


def test_unknown_coupon_is_400(customer_client, cart_id):
    response = customer_client.patch(f"{URL}/{cart_id}", {"coupon": "NOPE"}, format="json")

    assert response.status_code == 400
    assert response.json()["code"] == "coupon_not_found"


def test_invalid_delivery_country_is_400(customer_client, cart_id):
    response = customer_client.patch(
        f"{URL}/{cart_id}", {"delivery_address": {**DELIVERY, "country_code": "PT"}}, format="json"
    )

    assert response.status_code == 400


def test_wholesale_customers_pay_wholesale_prices(make_client, store):
    product = ProductFactory(price_cents=1000, wholesale_price_cents=700)
    wholesale = RegisteredCustomerFactory(wholesale=True)
    client = make_client(wholesale.user)

    response = client.post(URL, {"lines": [{"product": product.public_id}]}, format="json")

    assert response.json()["lines"][0]["unit_price_cents"] == 700
    assert response.json()["wholesale"] is True


def test_another_customers_cart_is_404(make_client, cart_id):
    stranger = make_client(RegisteredCustomerFactory().user)

    assert stranger.get(f"{URL}/{cart_id}").status_code == 404


def test_another_customers_cart_cannot_be_checked_out(make_client, cart_id):
    stranger = make_client(RegisteredCustomerFactory().user)

    for target in (cart_id, "cart_doesnotexist"):
        response = stranger.post(f"{URL}/{target}/checkout", {"payment_method": "bank_transfer"}, format="json")
        assert (response.status_code, response["Content-Type"]) == (404, "application/problem+json")
    assert not Order.objects.exists()


def test_cart_needs_shop_scope(make_client, customer_user, store):
    client = make_client(customer_user, scopes="orders:read orders:write")

    response = client.post(URL, {}, format="json")

    assert response.status_code == 403
    assert response.json()["param"] == "shop:write"
