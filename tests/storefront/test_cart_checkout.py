"""Cart, checkout and order pages: they call the orders services, keep the buyer's input on error, and the order
permalink is public only by its hash."""

import pytest
from django.test import Client

from orders.models import Cart, Order
from tests.orders.factories import CouponFactory
from wallet.services import credit_wallet, wallet_for_customer

from .conftest import DELIVERY_POST

pytestmark = pytest.mark.django_db


def add(client, slug: str, **fields):
    return client.post(f"/cart/add/{slug}", {"quantity": 1, **fields}, follow=True)


def test_add_to_cart_puts_the_product_in_the_cart(client, teapot):
    response = add(client, "enamel-teapot", quantity=2)

    assert response.redirect_chain[-1][0] == "/cart/"
    assert Cart.objects.get().lines.get().quantity == 2


def test_add_to_cart_refuses_a_product_with_variants_without_a_choice(client, tee):
    response = add(client, "cotton-tee")

    assert "choose one" in response.content.decode()
    assert not Cart.objects.filter(lines__isnull=False).exists()


def test_add_to_cart_adds_the_chosen_variant(client, tee):
    _, small, _ = tee

    add(client, "cotton-tee", variant=small.public_id)

    assert Cart.objects.get().lines.get().variant == small


def test_cart_shows_the_count_in_the_header(client, teapot):
    add(client, "enamel-teapot", quantity=3)

    assert 'aria-label="3 items">3</span>' in client.get("/cart/").content.decode()


def test_cart_update_sets_quantities(client, teapot):
    add(client, "enamel-teapot")
    line = Cart.objects.get().lines.get()

    client.post("/cart/", {"update": "1", f"quantity-{line.public_id}": "4"})

    line.refresh_from_db()
    assert line.quantity == 4


def test_cart_remove_drops_the_line(client, teapot):
    add(client, "enamel-teapot")
    line = Cart.objects.get().lines.get()

    client.post("/cart/", {"remove": line.public_id})

    assert not Cart.objects.get().lines.exists()


def test_coupon_discount_shows_in_the_cart(client, teapot):
    CouponFactory(code="SAVE10", type="percent", value=10)
    add(client, "enamel-teapot")

    page = client.post("/cart/coupon", {"code": "save10"}, follow=True).content.decode()

    assert "\u22122,99\xa0€" in page  # a minus sign before the discount


def test_unknown_coupon_is_reported(client, teapot):
    add(client, "enamel-teapot")

    page = client.post("/cart/coupon", {"code": "NOPE"}, follow=True).content.decode()

    assert "NOPE" in page and "message-error" in page


def test_shipping_quote_lists_methods_serving_the_country(client, teapot, courier):
    add(client, "enamel-teapot")

    portugal = client.get("/cart/", {"country": "PRT"}).content.decode()
    spain = client.get("/cart/", {"country": "ESP"}).content.decode()

    assert "Courier" in portugal and "5,00\xa0€" in portugal
    assert "Courier" not in spain


def test_checkout_with_a_manual_method_places_the_order(client, teapot, courier):
    add(client, "enamel-teapot")

    response = client.post(
        "/checkout/",
        {**DELIVERY_POST, "shipping_method": courier.public_id, "payment_method": "bank_transfer"},
        follow=True,
    )

    order = Order.objects.get()
    assert response.redirect_chain[-1][0] == f"/order/{order.hash}?placed=1"
    assert (order.status, order.total_cents, order.email) == ("waiting_payment", 3490, "guest@example.com")
    assert "Thank you for your order" in response.content.decode()


def test_checkout_empties_the_visitor_cart(client, teapot, courier):
    add(client, "enamel-teapot")
    client.post("/checkout/", {**DELIVERY_POST, "shipping_method": courier.public_id, "payment_method": "pick_up"})

    assert "Your cart is empty" in client.get("/cart/").content.decode()


def test_checkout_keeps_the_input_when_a_field_is_missing(client, teapot, courier):
    add(client, "enamel-teapot")

    response = client.post(
        "/checkout/",
        {**DELIVERY_POST, "city": "", "shipping_method": courier.public_id, "payment_method": "bank_transfer"},
    )

    assert response.status_code == 400
    assert 'value="Rua Augusta 1"' in response.content.decode()
    assert not Order.objects.exists()


def test_checkout_reports_a_shipping_method_that_does_not_serve_the_country(client, teapot, courier, store):
    add(client, "enamel-teapot")

    response = client.post(
        "/checkout/",
        {**DELIVERY_POST, "country": "ESP", "shipping_method": courier.public_id, "payment_method": "bank_transfer"},
    )

    assert response.status_code == 400
    assert not Order.objects.exists()


def test_checkout_with_the_wallet_pays_the_order(buyer_client, buyer, teapot, courier):
    credit_wallet(wallet=wallet_for_customer(customer=buyer.customer), amount_cents=10_000)
    add(buyer_client, "enamel-teapot")

    buyer_client.post("/checkout/", {**DELIVERY_POST, "shipping_method": courier.public_id, "payment_method": "wallet"})

    order = Order.objects.get()
    assert order.paid and order.customer == buyer.customer
    assert wallet_for_customer(customer=buyer.customer).balance_cents == 10_000 - 3490


def test_guests_are_not_offered_the_wallet(client, teapot):
    add(client, "enamel-teapot")

    assert 'value="wallet"' not in client.get("/checkout/").content.decode()


def test_guest_cart_follows_the_buyer_who_signs_in(client, buyer, teapot):
    add(client, "enamel-teapot", quantity=2)

    client.post("/account/login/", {"username": "rita@example.com", "password": "rita-pass-123"})
    page = client.get("/cart/").content.decode()

    assert Cart.objects.get(customer=buyer.customer).lines.get().quantity == 2
    assert "Enamel Teapot" in page


def test_order_page_is_public_by_its_hash(client, buyer_client, teapot, courier):
    add(buyer_client, "enamel-teapot")
    buyer_client.post(
        "/checkout/", {**DELIVERY_POST, "shipping_method": courier.public_id, "payment_method": "bank_transfer"}
    )
    order = Order.objects.get()

    response = client.get(f"/order/{order.hash}")

    assert response.status_code == 200
    assert "Pay to IBAN PT50 0000" in response.content.decode()


def test_order_page_is_not_reachable_by_public_id(client, teapot, courier):
    add(client, "enamel-teapot")
    client.post("/checkout/", {**DELIVERY_POST, "shipping_method": courier.public_id, "payment_method": "pick_up"})

    assert client.get(f"/order/{Order.objects.get().public_id}").status_code == 404


def test_checkout_of_an_empty_cart_goes_back_to_the_cart(client, store):
    response = client.get("/checkout/")

    assert response.status_code == 302 and response["Location"] == "/cart/"


def test_checkout_post_needs_the_csrf_token(teapot, courier):
    strict = Client(enforce_csrf_checks=True)

    assert strict.post("/checkout/", DELIVERY_POST).status_code == 403
