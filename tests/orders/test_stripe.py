"""Card payments end to end against the local Stripe stand-in: the real stripe library creates the Checkout
Session; signed webhooks mark the order paid or failed, once per Stripe event id."""

import json

import pytest
from django.db import connection

from catalog.models import Product
from orders.models import Coupon, Order
from shopplatform.store.payments import PaymentMethodType
from webhooks.models import Event

from .conftest import stripe_signature
from .factories import CouponFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def card_order(stripe_server, customer_client, buyer, make_cart, product, courier):
    """A card checkout of 2 units through the API; returns (response body, the stand-in's session)."""
    CouponFactory(code="TEN", limit=1)
    cart = make_cart(buyer, [(product, 2)], shipping_method=courier.public_id, coupon="TEN")
    response = customer_client.post(
        f"/api/v1/carts/{cart.public_id}/checkout", {"payment_method": "card"}, format="json"
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    return body, stripe_server.sessions[body["payment"]["data"]["stripe_session_id"]]


def test_card_checkout_returns_the_stripe_checkout_url(card_order):
    body, session = card_order

    assert body["status_alias"] == "waiting_payment"
    assert body["payment"]["checkout_url"] == session["url"]
    assert session["amount_total"] == body["total_cents"]
    assert session["client_reference_id"] == body["id"]
    assert session["currency"] == "eur"


def test_card_order_keeps_the_card_spelling_in_its_row_and_the_api_while_code_sees_the_one_vocabulary(card_order):
    body, _ = card_order

    with connection.cursor() as cursor:
        cursor.execute("SELECT payment_method FROM orders_order WHERE public_id = %s", [body["id"]])
        [(stored,)] = cursor.fetchall()

    assert (stored, body["payment"]["type"], body["payment"]["description"]) == ("card", "card", "Card")
    assert Order.objects.get(public_id=body["id"]).payment_method == PaymentMethodType.CREDIT_CARD
    assert Order.objects.filter(payment_method=PaymentMethodType.CREDIT_CARD).count() == 1


def test_signed_completed_session_marks_the_order_paid(card_order, send_stripe_event):
    body, session = card_order

    response = send_stripe_event("checkout.session.completed", {**session, "payment_status": "paid"})

    order = Order.objects.get(public_id=body["id"])
    assert response.status_code == 200
    assert (order.paid, order.status) == (True, "processing")
    assert Event.objects.filter(type="order.paid").count() == 1


def test_replayed_event_changes_nothing(card_order, send_stripe_event):
    _, session = card_order
    send_stripe_event("checkout.session.completed", {**session, "payment_status": "paid"}, event_id="evt_same")

    replay = send_stripe_event("checkout.session.completed", {**session, "payment_status": "paid"}, event_id="evt_same")

    assert replay.json() == {"received": True, "duplicate": True}
    assert Event.objects.filter(type="order.paid").count() == 1


def test_bad_signature_is_400(card_order, send_stripe_event):
    _, session = card_order

    response = send_stripe_event("checkout.session.completed", session, signature=stripe_signature(b"other body"))

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_signature"


def test_missing_signature_is_400(stripe_server, anonymous_client):
    response = anonymous_client.post("/api/v1/payments/stripe/webhook", {"id": "evt_1"}, format="json")

    assert response.status_code == 400


def test_stale_signature_is_400(card_order, send_stripe_event):
    _, session = card_order
    payload = json.dumps({"id": "evt_old", "object": "event", "type": "x", "data": {"object": session}}).encode()

    response = send_stripe_event("x", session, event_id="evt_old", signature=stripe_signature(payload, timestamp=1))

    assert response.status_code == 400


def test_expired_session_cancels_and_gives_back_stock_and_coupon(card_order, send_stripe_event, product):
    body, session = card_order

    send_stripe_event("checkout.session.expired", {**session, "status": "expired"})

    order = Order.objects.get(public_id=body["id"])
    assert (order.status, order.paid) == ("canceled", False)
    assert Product.objects.get(pk=product.pk).stock_quantity == 5
    assert Coupon.objects.get(code="TEN").used == 0
    assert Event.objects.filter(type="order.payment_failed").exists()


def test_async_payment_failure_cancels_the_order(card_order, send_stripe_event):
    body, session = card_order

    send_stripe_event("checkout.session.async_payment_failed", session)

    assert Order.objects.get(public_id=body["id"]).status == "canceled"


def test_completed_but_unpaid_session_waits_for_async_payment(card_order, send_stripe_event):
    body, session = card_order

    send_stripe_event("checkout.session.completed", {**session, "payment_status": "unpaid"})

    assert Order.objects.get(public_id=body["id"]).paid is False


def test_unrelated_event_types_are_acknowledged(stripe_server, send_stripe_event):
    response = send_stripe_event("customer.created", {"id": "cus_1", "object": "customer"})

    assert response.json() == {"received": True, "duplicate": False}


def test_stripe_refusal_is_502_and_gives_back_the_stock(
    stripe_server, customer_client, buyer, make_cart, product, courier
):
    stripe_server.fail_next = True
    cart = make_cart(buyer, [(product, 2)], shipping_method=courier.public_id)

    response = customer_client.post(
        f"/api/v1/carts/{cart.public_id}/checkout", {"payment_method": "card"}, format="json"
    )

    assert response.status_code == 502
    assert Product.objects.get(pk=product.pk).stock_quantity == 5
    assert Order.objects.get().status == "canceled"
