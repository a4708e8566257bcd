"""Per-product shipping (the product fields `shipping` and `shipping_alone`): the items' own shipping costs and separate
parcels join the shipping method's price in cart and order totals (rule 4 of orders.services.pricing)."""

import pytest

from orders.services import price_cart

from .factories import ProductFactory, VariantFactory

pytestmark = pytest.mark.django_db


def checkout(client, cart, payment_method="bank_transfer"):
    return client.post(f"/api/v1/carts/{cart.public_id}/checkout", {"payment_method": payment_method}, format="json")


@pytest.fixture
def bulky(store):
    """A product shipped on its own, one parcel per unit."""
    return ProductFactory(price_cents=3000, shipping_alone=True, stock_enabled=True, stock_quantity=5)


def test_order_shipping_adds_the_products_shipping_cost_per_unit(customer_client, buyer, make_cart, product, courier):
    product.shipping_cents = 150
    product.save()
    cart = make_cart(buyer, [(product, 2)], shipping_method=courier.public_id)

    body = checkout(customer_client, cart).json()

    assert body["shipping"]["price_cents"] == 500 + 2 * 150
    assert body["total_cents"] == 2000 + 800


def test_variant_shipping_cost_replaces_the_products(buyer, make_cart, store, courier):
    product = ProductFactory(price_cents=1000, shipping_cents=150)
    variant = VariantFactory(product=product, shipping_cents=400)
    cart = make_cart(buyer, shipping_method=courier.public_id)
    cart.lines.create(product=product, variant=variant, quantity=1)

    assert price_cart(cart=cart).totals.shipping_cents == 500 + 400


def test_shipping_alone_units_each_add_the_method_price(customer_client, buyer, make_cart, product, bulky, courier):
    cart = make_cart(buyer, [(product, 1), (bulky, 2)], shipping_method=courier.public_id)

    body = checkout(customer_client, cart).json()

    assert body["shipping"]["price_cents"] == 3 * 500


def test_free_over_threshold_keeps_the_products_own_shipping(buyer, make_cart, product, courier):
    product.shipping_cents = 150
    product.save()
    courier.free_over_cents = 1000
    courier.save()
    cart = make_cart(buyer, [(product, 2)], shipping_method=courier.public_id)

    assert price_cart(cart=cart).totals.shipping_cents == 300


def test_shipping_coupon_frees_the_products_shipping_too(customer_client, buyer, make_cart, product, bulky, courier):
    from .factories import CouponFactory

    CouponFactory(code="SHIPFREE", type="shipping", value=0)
    product.shipping_cents = 150
    product.save()
    cart = make_cart(buyer, [(product, 1), (bulky, 1)], shipping_method=courier.public_id, coupon="SHIPFREE")

    body = checkout(customer_client, cart).json()

    assert (body["shipping"]["price_cents"], body["shipping"]["discount_cents"]) == (1150, 1150)
    assert body["total_cents"] == 1000 + 3000


def test_pick_up_orders_pay_no_shipping(customer_client, buyer, make_cart, product, courier):
    product.shipping_cents = 150
    product.save()
    cart = make_cart(buyer, [(product, 1)], shipping_method=courier.public_id)

    body = checkout(customer_client, cart, "pick_up").json()

    assert (body["shipping"]["price_cents"], body["total_cents"]) == (0, 1000)
