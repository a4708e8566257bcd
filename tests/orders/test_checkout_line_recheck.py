"""Checkout re-checks every line: a product hidden or set to price on request after it was added, or a variant
deactivated since, stops the checkout with 409 `line_unavailable` naming the line."""

import pytest

from catalog.models import ProductStatus
from orders.models import Order
from orders.services import create_cart
from tests.factories import ProductFactory, VariantFactory

pytestmark = pytest.mark.django_db


def checkout(client, cart):
    return client.post(f"/api/v1/carts/{cart.public_id}/checkout", {"payment_method": "wallet"}, format="json")


def test_product_hidden_after_it_was_added_stops_checkout(customer_client, buyer, make_cart, product, courier, fund):
    fund(buyer, 10_000)
    cart = make_cart(buyer, [(product, 1)], shipping_method=courier.public_id)
    product.status = ProductStatus.HIDDEN
    product.save(update_fields=["status"])

    response = checkout(customer_client, cart)

    body = response.json()
    assert (response.status_code, body["code"], body["param"]) == (409, "line_unavailable", "lines.0")
    assert product.title in body["detail"] and product.public_id in body["detail"]
    assert not Order.objects.exists()


def test_product_set_to_price_on_request_after_it_was_added_stops_checkout(
    customer_client, buyer, make_cart, product, courier, fund
):
    fund(buyer, 10_000)
    cart = make_cart(buyer, [(product, 1)], shipping_method=courier.public_id)
    product.price_on_request = True
    product.save(update_fields=["price_on_request"])

    response = checkout(customer_client, cart)

    assert (response.status_code, response.json()["code"]) == (409, "line_unavailable")
    assert not Order.objects.exists()


def test_variant_deactivated_after_it_was_added_stops_checkout(customer_client, buyer, store, courier, fund):
    fund(buyer, 10_000)
    product = ProductFactory(price_cents=1000)
    variant = VariantFactory(product=product, active=True)
    cart = create_cart(
        customer=buyer,
        lines=[{"product": product.public_id, "variant": variant.public_id, "quantity": 1}],
        delivery_address={
            "name": "B",
            "address": "Rua 1",
            "city": "Lisboa",
            "zip_code": "1000-001",
            "country_code": "PRT",
        },
        shipping_method=courier.public_id,
    )
    variant.active = False
    variant.save(update_fields=["active"])

    response = checkout(customer_client, cart)

    assert (response.status_code, response.json()["code"], response.json()["param"]) == (
        409,
        "line_unavailable",
        "lines.0",
    )
    assert not Order.objects.exists()


def test_lines_still_orderable_check_out(customer_client, buyer, make_cart, product, courier, fund):
    fund(buyer, 10_000)
    cart = make_cart(buyer, [(product, 1)], shipping_method=courier.public_id)

    assert checkout(customer_client, cart).status_code == 201
