"""The order.created payload is rendered once, from the order checkout has just written, and the API answers with it.

It must be exactly what reading the order back renders (`orders.events.order_payload`): the webhook consumer and
the API client read the same order, whatever it holds (variants, a coupon, wallet payment, payment data).
"""

import json

import pytest

from orders.events import order_payload
from orders.models import Order
from orders.services import check_out_cart
from tests.store.factories import PaymentMethodFactory
from webhooks.models import Event

from .factories import CouponFactory, ProductFactory, VariantFactory

pytestmark = pytest.mark.django_db


def created_event(order: Order) -> dict:
    return Event.objects.get(type="order.created", data__object__id=order.public_id).data["object"]


def read_back(order: Order) -> dict:
    """The order as rendered from a fresh read, through JSON as the outbox stores it."""
    return json.loads(json.dumps(order_payload(order)))


def test_api_checkout_answers_with_the_order_created_payload(customer_client, buyer, make_cart, product, courier):
    cart = make_cart(buyer, [(product, 2)], shipping_method=courier.public_id)

    response = customer_client.post(
        f"/api/v1/carts/{cart.public_id}/checkout", {"payment_method": "bank_transfer"}, format="json"
    )

    assert response.status_code == 201
    order = Order.objects.get(public_id=response.json()["id"])
    assert response.json() == created_event(order)


def test_api_checkout_answer_is_the_order_as_the_api_reads_it(customer_client, buyer, make_cart, product, courier):
    cart = make_cart(buyer, [(product, 1)], shipping_method=courier.public_id)

    placed = customer_client.post(
        f"/api/v1/carts/{cart.public_id}/checkout", {"payment_method": "bank_transfer"}, format="json"
    ).json()

    assert customer_client.get(f"/api/v1/orders/{placed['id']}").json() == placed


def test_repeated_checkout_answers_200_with_the_same_order(customer_client, buyer, make_cart, product, courier):
    cart = make_cart(buyer, [(product, 1)], shipping_method=courier.public_id)
    url = f"/api/v1/carts/{cart.public_id}/checkout"
    first = customer_client.post(url, {"payment_method": "bank_transfer"}, format="json").json()

    again = customer_client.post(url, {"payment_method": "bank_transfer"}, format="json")

    assert again.status_code == 200
    assert again.json() == first


def test_wallet_order_with_variant_and_coupon_renders_as_read_back(buyer, make_cart, courier, fund, store):
    fund(buyer, 100_000)
    sized = ProductFactory(price_cents=2000, stock_enabled=True, stock_quantity=9)
    variant = VariantFactory(product=sized, stock_quantity=4, sku="TEE-M")
    plain = ProductFactory(price_cents=700, stock_enabled=True, stock_quantity=9)
    coupon = CouponFactory(code="TEN")
    cart = make_cart(buyer, [(plain, 3)], shipping_method=courier.public_id, coupon=coupon.code)
    cart.lines.create(product=sized, variant=variant, quantity=1)

    order, _ = check_out_cart(cart=cart, payment_method="wallet")

    assert order.paid and order.coupon_code == "TEN" and order.lines.count() == 2
    assert created_event(order) == read_back(order)


def test_multibanco_order_renders_its_payment_data_as_read_back(buyer, make_cart, product, courier, settings):
    settings.MULTIBANCO_ENTITY = "12345"
    PaymentMethodFactory(method="multibanco", title="Multibanco")
    cart = make_cart(buyer, [(product, 1)], shipping_method=courier.public_id)

    order, _ = check_out_cart(cart=cart, payment_method="multibanco")

    assert order.payment_data["reference"]
    assert created_event(order) == read_back(order)
