"""PayPal through the official paypal-server-sdk against the local stand-in (tests/paypal_server.py): the order is
created at checkout, the buyer approves, the return captures, webhooks are verified by PayPal's API and applied once,
and cancelling or returning refunds in PayPal."""

import json
from urllib.parse import urlsplit

import pytest
import requests

from orders.models import Order, PayPalEvent, Refund
from orders.services import change_order_status
from shopplatform.store.models import PaymentMethod
from tests.paypal_server import CLIENT_ID, CLIENT_SECRET, WEBHOOK_ID, paypal_stand_in, sign_webhook
from tests.store.factories import PaymentMethodFactory
from tests.storefront.conftest import DELIVERY_POST

pytestmark = pytest.mark.django_db

WEBHOOK_URL = "/api/v1/payments/paypal/webhook"


@pytest.fixture
def paypal_server(settings, store):
    """The stand-in on a free port, the SDK pointed at it through PAYPAL_BASE_URL, PayPal enabled in the store."""
    with paypal_stand_in() as (server, base_url):
        settings.PAYPAL_CLIENT_ID, settings.PAYPAL_CLIENT_SECRET = CLIENT_ID, CLIENT_SECRET
        settings.PAYPAL_BASE_URL, settings.PAYPAL_WEBHOOK_ID = base_url, WEBHOOK_ID
        PaymentMethodFactory(method="paypal", gateway="paypal", title="PayPal", paypal_email="shop@example.com")
        yield server


@pytest.fixture
def paypal_order(paypal_server, customer_client, buyer, make_cart, product, courier):
    """An order checked out through the API with PayPal (1 x 10.00 + 5.00 shipping)."""
    cart = make_cart(buyer, [(product, 1)], shipping_method=courier.public_id)
    response = customer_client.post(
        f"/api/v1/carts/{cart.public_id}/checkout", {"payment_method": "paypal"}, format="json"
    )
    assert response.status_code == 201, response.json()
    return Order.objects.get(public_id=response.json()["id"])


def approve(order: Order) -> str:
    """The buyer approves at PayPal (the stand-in's page); return where PayPal sends them back (path and query)."""
    answer = requests.get(order.payment_data["checkout_url"], allow_redirects=False, timeout=5)
    assert answer.status_code == 302
    back = urlsplit(answer.headers["Location"])
    return f"{back.path}?{back.query}"


def webhook(client, event: dict, **headers):
    return client.post(WEBHOOK_URL, data=json.dumps(event), content_type="application/json", **headers)


def capture_completed(order: Order, capture_id: str, event_id: str = "WH-EVT-1") -> dict:
    return {
        "id": event_id,
        "event_type": "PAYMENT.CAPTURE.COMPLETED",
        "resource": {
            "id": capture_id,
            "status": "COMPLETED",
            "custom_id": order.public_id,
            "supplementary_data": {"related_ids": {"order_id": order.payment_data["paypal_order_id"]}},
        },
    }


def test_checkout_creates_the_paypal_order_and_answers_its_approval_page(paypal_order, paypal_server, customer_client):
    body = customer_client.get(f"/api/v1/orders/{paypal_order.public_id}").json()

    paypal_id = paypal_order.payment_data["paypal_order_id"]
    assert (body["status_alias"], body["paid"], body["payment"]["type"]) == ("waiting_payment", False, "paypal")
    assert body["payment"]["checkout_url"].endswith(f"/checkoutnow?token={paypal_id}")
    unit = paypal_server.orders[paypal_id]["purchase_units"][0]
    assert (unit["amount"], unit["custom_id"]) == ({"currency_code": "EUR", "value": "15.00"}, paypal_order.public_id)
    assert ("POST", "/v2/checkout/orders", paypal_order.public_id) in paypal_server.calls


def test_return_after_approval_captures_and_marks_the_order_paid(paypal_order, client):
    response = client.get(approve(paypal_order))

    paypal_order.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"].endswith(f"/order/{paypal_order.hash}?payment=success")
    assert (paypal_order.paid, paypal_order.status) == (True, "processing")
    assert paypal_order.payment_data["paypal_capture_id"].startswith("CAPTURE")


def test_a_second_return_captures_nothing_more(paypal_order, paypal_server, client):
    back = approve(paypal_order)
    client.get(back)

    client.get(back)

    captures = [call for call in paypal_server.calls if call[1].endswith("/capture")]
    assert len(captures) == 1
    assert Order.objects.get(pk=paypal_order.pk).paid


def test_return_before_approval_leaves_the_order_waiting(paypal_order, client):
    paypal_id = paypal_order.payment_data["paypal_order_id"]

    response = client.get(f"/order/{paypal_order.hash}/paypal/return?token={paypal_id}")

    paypal_order.refresh_from_db()
    assert response["Location"].endswith("?payment=failed")
    assert (paypal_order.paid, paypal_order.status) == (False, "waiting_payment")


def test_signed_approved_webhook_captures_when_the_buyer_never_came_back(paypal_order, anonymous_client):
    approve(paypal_order)  # the buyer approves, then closes the tab
    event = {
        "id": "WH-APPROVED-1",
        "event_type": "CHECKOUT.ORDER.APPROVED",
        "resource": {
            "id": paypal_order.payment_data["paypal_order_id"],
            "purchase_units": [{"custom_id": paypal_order.public_id}],
        },
    }

    response = webhook(anonymous_client, event, **sign_webhook(event))

    paypal_order.refresh_from_db()
    assert response.status_code == 200
    assert response.json() == {"received": True, "duplicate": False}
    assert (paypal_order.paid, paypal_order.status) == (True, "processing")


def test_signed_capture_completed_webhook_marks_the_order_paid(paypal_order, anonymous_client):
    event = capture_completed(paypal_order, "CAPTURE-FROM-WEBHOOK")

    response = webhook(anonymous_client, event, **sign_webhook(event))

    paypal_order.refresh_from_db()
    assert response.status_code == 200
    assert paypal_order.paid
    assert paypal_order.payment_data["paypal_capture_id"] == "CAPTURE-FROM-WEBHOOK"


def test_replayed_webhook_changes_nothing(paypal_order, anonymous_client):
    event = capture_completed(paypal_order, "CAPTURE-1")
    webhook(anonymous_client, event, **sign_webhook(event))
    paid_at = Order.objects.get(pk=paypal_order.pk).paid_at

    replay = webhook(anonymous_client, event, **sign_webhook(event, transmission_id="tx-2"))

    assert replay.status_code == 200
    assert replay.json() == {"received": True, "duplicate": True}
    assert PayPalEvent.objects.filter(event_id=event["id"]).count() == 1
    assert Order.objects.get(pk=paypal_order.pk).paid_at == paid_at
    assert paypal_order.status_changes.filter(to_status="processing").count() == 1


def test_webhook_with_a_bad_signature_is_refused_and_changes_nothing(paypal_order, anonymous_client):
    event = capture_completed(paypal_order, "CAPTURE-FORGED")
    headers = sign_webhook(event)
    headers["HTTP_PAYPAL_TRANSMISSION_SIG"] = "Zm9yZ2Vk"

    response = webhook(anonymous_client, event, **headers)

    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    assert response.json()["code"] == "invalid_signature"
    assert not Order.objects.get(pk=paypal_order.pk).paid
    assert not PayPalEvent.objects.exists()


def test_webhook_signed_for_another_body_is_refused(paypal_order, anonymous_client):
    genuine = capture_completed(paypal_order, "CAPTURE-1")
    tampered = capture_completed(paypal_order, "CAPTURE-TAMPERED")

    response = webhook(anonymous_client, tampered, **sign_webhook(genuine))

    assert response.status_code == 400
    assert not Order.objects.get(pk=paypal_order.pk).paid


def test_webhook_without_transmission_headers_is_refused(paypal_server, anonymous_client):
    response = webhook(anonymous_client, {"id": "WH-1", "event_type": "PAYMENT.CAPTURE.COMPLETED"})

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_signature"


def test_capture_denied_webhook_cancels_the_unpaid_order(paypal_order, anonymous_client):
    event = capture_completed(paypal_order, "CAPTURE-DENIED", event_id="WH-DENIED")
    event["event_type"] = "PAYMENT.CAPTURE.DENIED"

    webhook(anonymous_client, event, **sign_webhook(event))

    paypal_order.refresh_from_db()
    assert (paypal_order.status, paypal_order.paid) == ("canceled", False)


def test_cancelling_a_paid_paypal_order_refunds_it_in_paypal(paypal_order, paypal_server, client):
    client.get(approve(paypal_order))

    order = change_order_status(order=Order.objects.get(pk=paypal_order.pk), status="canceled")

    assert order.refunded_cents == 1500
    (refund,) = Refund.objects.filter(order=order)
    assert (refund.channel, refund.amount_cents) == ("paypal", 1500)
    assert paypal_server.refunds[refund.provider_reference]["amount"] == {"currency_code": "EUR", "value": "15.00"}
    refund_calls = [call for call in paypal_server.calls if call[1].endswith("/refund")]
    assert refund_calls == [("POST", refund_calls[0][1], f"refund-{order.public_id}-0-1500")]


def test_paypal_refusal_at_checkout_is_502_and_cancels_the_order(
    paypal_server, customer_client, buyer, make_cart, product
):
    paypal_server.fail_next = True
    cart = make_cart(buyer, [(product, 1)])

    response = customer_client.post(
        f"/api/v1/carts/{cart.public_id}/checkout", {"payment_method": "paypal"}, format="json"
    )

    assert response.status_code == 502
    assert response.json()["code"] == "payment_provider_error"
    order = Order.objects.get()
    assert order.status == "canceled"
    product.refresh_from_db()
    assert product.stock_quantity == 5


def test_paypal_is_not_offered_without_credentials(paypal_server, customer_client, buyer, make_cart, product, settings):
    settings.PAYPAL_CLIENT_ID = ""

    response = customer_client.post(
        f"/api/v1/carts/{make_cart(buyer, [(product, 1)]).public_id}/checkout",
        {"payment_method": "paypal"},
        format="json",
    )

    assert response.status_code == 409
    assert response.json()["code"] == "payment_method_unavailable"


def test_paypal_disabled_in_the_store_is_refused(paypal_server, customer_client, buyer, make_cart, product):
    PaymentMethod.objects.filter(method="paypal").update(active=False)

    response = customer_client.post(
        f"/api/v1/carts/{make_cart(buyer, [(product, 1)]).public_id}/checkout",
        {"payment_method": "paypal"},
        format="json",
    )

    assert response.status_code == 409


def test_store_checkout_with_paypal_redirects_to_the_approval_page(paypal_server, client, product, courier):
    client.post(f"/cart/add/{product.slug}", {"quantity": 1})

    response = client.post(
        "/checkout/", {**DELIVERY_POST, "shipping_method": courier.public_id, "payment_method": "paypal"}
    )

    order = Order.objects.get()
    assert response.status_code == 302
    assert response["Location"] == order.payment_data["checkout_url"]


def test_store_api_lists_paypal_as_enabled_only_while_it_is_configured(paypal_server, anonymous_client, settings):
    configured = anonymous_client.get("/api/v1/store").json()["enabled_payment_methods"]
    settings.PAYPAL_CLIENT_SECRET = ""

    unconfigured = anonymous_client.get("/api/v1/store").json()["enabled_payment_methods"]

    assert "paypal" in configured
    assert "paypal" not in unconfigured
