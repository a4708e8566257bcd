"""Checkout: one transaction claiming stock and coupon, snapshotting, paying."""

import pytest

from catalog.models import Product
from orders.models import Cart, Coupon, Order
from orders.services import check_out_cart, create_cart
from shopplatform.errors import NotFound
from shopplatform.store.models import PaymentMethod
from wallet.models import LedgerEntry
from wallet.services import wallet_for_customer
from webhooks.models import Event

from .factories import CouponFactory, ProductFactory, ShippingMethodFactory

pytestmark = pytest.mark.django_db


def checkout(client, cart, payment_method="wallet"):
    return client.post(f"/api/v1/carts/{cart.public_id}/checkout", {"payment_method": payment_method}, format="json")


def test_wallet_checkout_pays_the_order_at_once(customer_client, buyer, make_cart, product, courier, fund):
    fund(buyer, 10_000)
    cart = make_cart(buyer, [(product, 2)], shipping_method=courier.public_id)

    response = checkout(customer_client, cart)

    body = response.json()
    assert response.status_code == 201
    assert (body["status_alias"], body["status"], body["paid"]) == ("processing", 2, True)
    assert body["total_cents"] == 2500
    assert wallet_for_customer(customer=buyer).balance_cents == 7500
    assert LedgerEntry.objects.filter(kind="purchase", order_reference=body["id"]).count() == 1


def test_checkout_claims_stock(customer_client, buyer, make_cart, product, courier, fund):
    fund(buyer, 10_000)
    checkout(customer_client, make_cart(buyer, [(product, 2)], shipping_method=courier.public_id))

    assert Product.objects.get(pk=product.pk).stock_quantity == 3


def test_checkout_snapshots_lines_client_and_addresses(customer_client, buyer, make_cart, product, courier, fund):
    fund(buyer, 10_000)
    cart = make_cart(buyer, [(product, 2)], shipping_method=courier.public_id)

    body = checkout(customer_client, cart).json()

    line = body["lines"][0]
    assert (line["product"], line["title"], line["unit_price_cents"], line["tax_rate_bp"]) == (
        product.public_id,
        product.title,
        1000,
        2300,
    )
    assert body["client"]["delivery"]["city"] == "Lisboa"
    assert body["client"]["email"] == buyer.email
    assert body["shipping"]["method"] == "Courier"
    assert body["permalink"].endswith(f"/order/{body['hash']}")


def test_checkout_emits_order_created_and_paid(customer_client, buyer, make_cart, product, courier, fund):
    fund(buyer, 10_000)
    checkout(customer_client, make_cart(buyer, [(product, 1)], shipping_method=courier.public_id))

    assert {"order.created", "order.paid"} <= set(Event.objects.values_list("type", flat=True))


def test_insufficient_funds_is_409_and_claims_nothing(customer_client, buyer, make_cart, product, courier, fund):
    fund(buyer, 100)
    coupon = CouponFactory(code="TEN", limit=5)
    cart = make_cart(buyer, [(product, 2)], shipping_method=courier.public_id, coupon="TEN")

    response = checkout(customer_client, cart)

    assert response.status_code == 409
    assert response.json()["code"] == "insufficient_funds"
    assert Product.objects.get(pk=product.pk).stock_quantity == 5
    assert Coupon.objects.get(pk=coupon.pk).used == 0
    assert not Order.objects.exists()


def test_checking_out_twice_returns_the_same_order(customer_client, buyer, make_cart, product, courier, fund):
    fund(buyer, 10_000)
    cart = make_cart(buyer, [(product, 1)], shipping_method=courier.public_id)

    first = checkout(customer_client, cart)
    second = checkout(customer_client, cart)

    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["id"] == second.json()["id"]
    assert Order.objects.count() == 1


def test_checked_out_cart_cannot_change(customer_client, buyer, make_cart, product, courier, fund):
    fund(buyer, 10_000)
    cart = make_cart(buyer, [(product, 1)], shipping_method=courier.public_id)
    checkout(customer_client, cart)

    response = customer_client.patch(f"/api/v1/carts/{cart.public_id}", {"email": "x@example.com"}, format="json")

    assert response.status_code == 409
    assert response.json()["code"] == "cart_closed"


def test_stock_sold_since_the_line_was_added_is_409_with_what_is_left(
    customer_client, buyer, make_cart, product, courier, fund
):
    fund(buyer, 100_000)
    cart = make_cart(buyer, [(product, 4)], shipping_method=courier.public_id)
    Product.objects.filter(pk=product.pk).update(stock_quantity=3)

    response = checkout(customer_client, cart)

    assert response.status_code == 409
    assert response.json()["code"] == "insufficient_stock"
    assert response.json()["available"] == 3


def test_backorder_products_sell_past_zero(customer_client, buyer, make_cart, courier, fund, store):
    product = ProductFactory(stock_enabled=True, stock_quantity=1, stock_backorder=True)
    fund(buyer, 100_000)

    response = checkout(customer_client, make_cart(buyer, [(product, 3)], shipping_method=courier.public_id))

    assert response.status_code == 201
    assert Product.objects.get(pk=product.pk).stock_quantity == -2


def test_sold_single_products_refuse_two_units(customer_client, buyer, make_cart, courier, fund, store):
    product = ProductFactory(stock_enabled=True, stock_quantity=5, stock_sold_single=True)
    fund(buyer, 100_000)

    cart = make_cart(buyer, [(product, 1)], shipping_method=courier.public_id)
    cart.lines.update(quantity=2)  # stored before the one-per-order rule existed

    response = checkout(customer_client, cart)

    assert response.status_code == 409
    assert response.json()["code"] == "insufficient_stock"


def test_checkout_claims_a_coupon_use_and_snapshots_it(customer_client, buyer, make_cart, product, courier, fund):
    fund(buyer, 10_000)
    coupon = CouponFactory(code="TEN", type="percent", value=10, limit=2)
    cart = make_cart(buyer, [(product, 2)], shipping_method=courier.public_id, coupon="ten")

    body = checkout(customer_client, cart).json()

    coupon.refresh_from_db()
    assert body["coupon"] == {"code": "TEN", "type": "percent", "value": 10}
    assert body["discount_cents"] == 200
    assert (coupon.used, coupon.orders_total_cents, coupon.orders_discount_cents) == (1, 2300, 200)


def test_coupon_exhausted_since_it_was_added_is_409(customer_client, buyer, make_cart, product, courier, fund):
    fund(buyer, 10_000)
    coupon = CouponFactory(code="ONE", limit=1)
    cart = make_cart(buyer, [(product, 1)], shipping_method=courier.public_id, coupon="ONE")
    Coupon.objects.filter(pk=coupon.pk).update(used=1)

    response = checkout(customer_client, cart)

    assert response.status_code == 409
    assert response.json()["code"] == "coupon_exhausted"


def test_bank_transfer_waits_for_payment(customer_client, buyer, make_cart, product, courier):
    response = checkout(
        customer_client, make_cart(buyer, [(product, 1)], shipping_method=courier.public_id), "bank_transfer"
    )

    assert (response.json()["status_alias"], response.json()["paid"]) == ("waiting_payment", False)


def test_manual_method_disabled_in_the_store_is_409(customer_client, buyer, make_cart, product, courier):
    PaymentMethod.objects.filter(method="on_delivery").update(active=False)

    response = checkout(
        customer_client, make_cart(buyer, [(product, 1)], shipping_method=courier.public_id), "on_delivery"
    )

    assert response.status_code == 409
    assert response.json()["code"] == "payment_method_unavailable"


def test_card_without_stripe_configured_is_409(customer_client, buyer, make_cart, product, courier, settings):
    settings.STRIPE_SECRET_KEY = ""

    response = checkout(customer_client, make_cart(buyer, [(product, 1)], shipping_method=courier.public_id), "card")

    assert response.status_code == 409


def test_shipping_method_is_required_when_the_store_has_them(customer_client, buyer, make_cart, product, courier):
    response = checkout(customer_client, make_cart(buyer, [(product, 1)]), "bank_transfer")

    assert response.status_code == 400
    assert response.json()["code"] == "shipping_method_required"


def test_shipping_method_must_serve_the_delivery_country(customer_client, buyer, make_cart, product, store):
    spain_only = ShippingMethodFactory(countries=["ESP"])

    response = checkout(
        customer_client, make_cart(buyer, [(product, 1)], shipping_method=spain_only.public_id), "bank_transfer"
    )

    assert response.status_code == 409
    assert response.json()["code"] == "shipping_method_unavailable"


def test_pick_up_needs_no_address_or_shipping(customer_client, buyer, product, courier):
    cart = create_cart(customer=buyer, lines=[{"product": product.public_id}])

    response = checkout(customer_client, cart, "pick_up")

    assert response.status_code == 201
    assert response.json()["status_alias"] == "pending"


def test_empty_cart_is_400(customer_client, buyer, make_cart, courier):
    response = checkout(customer_client, make_cart(buyer, [], shipping_method=courier.public_id), "bank_transfer")

    assert response.status_code == 400
    assert response.json()["code"] == "empty_cart"


def test_unknown_payment_method_is_400(customer_client, buyer, make_cart, product):
    response = checkout(customer_client, make_cart(buyer, [(product, 1)]), "cash")

    assert response.status_code == 400


def test_cart_is_marked_ordered(customer_client, buyer, make_cart, product, courier):
    cart = make_cart(buyer, [(product, 1)], shipping_method=courier.public_id)
    before = Cart.objects.get(pk=cart.pk).updated_at
    response = checkout(customer_client, cart, "bank_transfer")

    stored = Cart.objects.get(pk=cart.pk)
    assert (stored.status, stored.payment_method) == ("ordered", "bank_transfer")
    assert stored.order == Order.objects.get(public_id=response.json()["id"])
    assert stored.updated_at > before


def test_accepted_payment_methods_follow_the_store_and_the_buyer(store, settings):
    """One rule decides what pages offer and what checkout takes: switched-off methods and, for guests, the wallet
    are not accepted."""
    from orders.services.checkout import accepted_payment_methods

    settings.STRIPE_SECRET_KEY = ""
    PaymentMethod.objects.filter(method="on_delivery").update(active=False)

    guest = accepted_payment_methods(has_customer=False)
    member = accepted_payment_methods(has_customer=True)

    assert guest == ["bank_transfer", "pick_up"]
    assert member == ["wallet", "bank_transfer", "pick_up"]


def test_a_cart_deleted_before_its_checkout_locks_it_is_not_found(buyer, make_cart, product, courier):
    cart = make_cart(buyer, [(product, 1)], shipping_method=courier.public_id)
    Cart.objects.filter(pk=cart.pk).delete()  # another request deleted it after this one read it

    with pytest.raises(NotFound, match=cart.public_id):
        check_out_cart(cart=cart, payment_method="bank_transfer")
    assert not Order.objects.exists()
