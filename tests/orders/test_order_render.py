"""The one-pass cart and order renderings (orders.render) give exactly what DRF's field-by-field rendering of
CartOutput and OrderOutput gives, for carts and orders that take every branch."""

import datetime

import pytest
from django.utils import timezone
from rest_framework import serializers

from orders import services
from orders.models import Cart
from orders.queries import orders_with_lines
from orders.representations import CartOutput, OrderOutput, serializer_context
from orders.services import check_out_cart
from tests.accounts.factories import RegisteredCustomerFactory

from .conftest import DELIVERY
from .factories import CouponFactory, OrderFactory, OrderLineFactory, ProductFactory, VariantFactory

pytestmark = pytest.mark.django_db


def generic(serializer_class, instance, context: dict) -> dict:
    """DRF's own rendering: every declared field visited through its source."""
    return serializers.Serializer.to_representation(serializer_class(context=context), instance)


@pytest.fixture
def context(store) -> dict:
    return serializer_context(store=store)


@pytest.fixture
def rich_cart(store, courier):
    """A customer's cart with a variant line, a plain line, a coupon, a shipping method, a billing address missing
    its optional keys, a note and a payment method."""
    product = ProductFactory(price_cents=2000, tax_rate_bp=2300, sku="BOWL")
    variant = VariantFactory(product=product, title="Large", sku="BOWL-L")
    plain = ProductFactory(price_cents=500, sku="CUP")
    return services.create_cart(
        customer=RegisteredCustomerFactory(),
        lines=[
            {"product": product.public_id, "variant": variant.public_id, "quantity": 2},
            {"product": plain.public_id, "quantity": 1},
        ],
        delivery_address=DELIVERY,
        billing_address={**DELIVERY, "city": "Porto"},
        shipping_method=courier.public_id,
        coupon=CouponFactory(code="TENOFF").code,
        client_note="Ring twice",
        payment_method="bank_transfer",
    )


def test_a_rich_cart_renders_as_drf_renders_it(rich_cart, context):
    priced = services.price_cart(cart=rich_cart)

    rendered = CartOutput(priced, context=context).data

    assert rendered == generic(CartOutput, priced, context)
    assert rendered["coupon"] == "TENOFF" and rendered["lines"][0]["option"] == "Large"


def test_an_address_stored_without_its_optional_keys_renders_as_drf_renders_it(rich_cart, context):
    Cart.objects.filter(pk=rich_cart.pk).update(
        billing_address={"address": "Rua 2", "city": "Porto", "country_code": "PRT"}
    )
    priced = services.price_cart(cart=Cart.objects.get(pk=rich_cart.pk))

    rendered = CartOutput(priced, context=context).data

    assert rendered == generic(CartOutput, priced, context)
    assert rendered["billing_address"] == {"address": "Rua 2", "city": "Porto", "country_code": "PRT"}


def test_a_bare_cart_renders_as_drf_renders_it(store, context):
    cart = services.create_cart(session_key="a-store-session", lines=[])
    priced = services.price_cart(cart=cart)

    rendered = CartOutput(priced, context=context).data

    assert rendered == generic(CartOutput, priced, context)
    assert rendered["customer"] is None and rendered["delivery_address"] is None and rendered["lines"] == []


def test_a_checked_out_order_renders_as_drf_renders_it(rich_cart, context):
    placed, _ = check_out_cart(cart=rich_cart, payment_method="bank_transfer")
    order = orders_with_lines().get(pk=placed.pk)

    rendered = OrderOutput(order, context=context).data

    assert rendered == generic(OrderOutput, order, context)
    assert rendered["coupon"]["code"] == "TENOFF" and [line["option"] for line in rendered["lines"]] == ["Large", None]


def test_an_order_with_every_optional_block_renders_as_drf_renders_it(store, context):
    order = OrderFactory(
        tags=["gift", "vip"],
        tracking_code="CT123",
        tracking_url="https://track.example/CT123",
        tracking_carrier="CTT",
        tracking_created_at=timezone.now(),
        invoice_number="FT 2026/1",
        expected_arrival_from=datetime.date(2026, 12, 10),
        expected_arrival_until=datetime.date(2026, 12, 12),
        tax_exemption="M07",
        paid_at=timezone.now(),
        sent_at=timezone.now(),
        payment_data={"entity": "12345", "reference": "123 456 789", "refund": None},
        client={"customer": None, "name": "Ana", "delivery": DELIVERY, "billing": None},
    )
    OrderLineFactory(order=order, variant_public_id="var_x", option="Blue", reduced_rate="reduced", image=None)
    OrderLineFactory(order=order)
    order = orders_with_lines().get(pk=order.pk)

    rendered = OrderOutput(order, context=context).data

    assert rendered == generic(OrderOutput, order, context)
    assert rendered["tags"] == ["gift", "vip"] and rendered["expected_arrival_from"] == "2026-12-10"
    assert rendered["tracking"]["code"] == "CT123" and rendered["coupon"] is None
