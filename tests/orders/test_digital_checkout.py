"""A cart of downloads only: no address, no shipping method, no cash on delivery or pick-up, one unit each."""

import pytest

from orders.models import Order
from orders.services import create_cart

from .factories import ProductFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plugin(store):
    return ProductFactory(title="CoolPlugin", price_cents=999, ships=False)


def checkout(client, cart, payment_method):
    return client.post(f"/api/v1/carts/{cart.public_id}/checkout", {"payment_method": payment_method}, format="json")


def test_download_only_cart_checks_out_without_an_address(customer_client, buyer, plugin, courier):
    cart = create_cart(customer=buyer, lines=[{"product": plugin.public_id}])

    response = checkout(customer_client, cart, "bank_transfer")

    assert response.status_code == 201
    order = Order.objects.get()
    assert (order.shipping_cents, order.total_cents, order.client["delivery"]) == (0, 999, None)


def test_download_only_cart_cannot_be_paid_on_delivery(customer_client, buyer, plugin):
    cart = create_cart(customer=buyer, lines=[{"product": plugin.public_id}])

    response = checkout(customer_client, cart, "on_delivery")

    assert response.status_code == 409
    assert response.json()["code"] == "payment_method_unavailable"
    assert "Nothing in this cart is delivered" in response.json()["detail"]


def test_download_only_cart_cannot_be_picked_up(customer_client, buyer, plugin):
    cart = create_cart(customer=buyer, lines=[{"product": plugin.public_id}])

    assert checkout(customer_client, cart, "pick_up").status_code == 409


def test_a_cart_with_something_to_ship_still_needs_the_address(customer_client, buyer, plugin, product):
    cart = create_cart(customer=buyer, lines=[{"product": plugin.public_id}, {"product": product.public_id}])

    response = checkout(customer_client, cart, "bank_transfer")

    assert (response.status_code, response.json()["code"]) == (400, "address_required")


def test_a_download_is_one_per_order(customer_client, plugin):
    response = customer_client.post(
        "/api/v1/carts", {"lines": [{"product": plugin.public_id, "quantity": 2}]}, format="json"
    )

    assert (response.status_code, response.json()["code"]) == (400, "one_per_order")
