"""Card refunds (the order's payment block, the order.payment_changed event): cancelling or returning a card-paid order
refunds it through the real stripe library against the local stand-in; a Stripe failure refuses the change."""

import pytest

from catalog.models import Product
from orders.models import Order
from orders.services import change_order_status
from shopplatform.store.payments import PaymentMethodType
from webhooks.models import Event

pytestmark = pytest.mark.django_db


@pytest.fixture
def paid_card_order(stripe_server, customer_client, buyer, make_cart, product, courier, send_stripe_event):
    """A card order of 2 units, paid through a signed checkout.session.completed; returns (order, session)."""
    cart = make_cart(buyer, [(product, 2)], shipping_method=courier.public_id)
    response = customer_client.post(
        f"/api/v1/carts/{cart.public_id}/checkout", {"payment_method": "card"}, format="json"
    )
    session = stripe_server.sessions[response.json()["payment"]["data"]["stripe_session_id"]]
    send_stripe_event("checkout.session.completed", {**session, "payment_status": "paid"}, event_id="evt_paid")
    order = Order.objects.get(public_id=response.json()["id"])
    assert (order.paid, order.status) == (True, "processing")
    return order, session


def cancel(client, order):
    return client.patch(f"/api/v1/orders/{order.public_id}", {"status_alias": "canceled"}, format="json")


def test_canceling_a_paid_card_order_refunds_its_payment_intent(staff_client, paid_card_order, stripe_server):
    order, session = paid_card_order

    response = cancel(staff_client, order)

    assert response.status_code == 200
    [refund] = stripe_server.refunds.values()
    assert (refund["payment_intent"], refund["amount"]) == (session["payment_intent"], order.total_cents)
    assert refund["metadata"] == {"order_id": order.public_id}


def test_refund_is_recorded_in_the_payment_block(staff_client, paid_card_order):
    order, _ = paid_card_order

    payment = cancel(staff_client, order).json()["payment"]

    assert payment["refund"] == {"id": "re_test_0001", "amount_cents": order.total_cents, "status": "succeeded"}
    assert payment["refunded_cents"] == order.total_cents


def test_card_refund_emits_order_payment_changed(staff_client, paid_card_order):
    order, _ = paid_card_order

    cancel(staff_client, order)

    assert Event.objects.filter(type="order.payment_changed").count() == 1


def test_returning_a_delivered_card_order_refunds_it(paid_card_order, stripe_server):
    order, _ = paid_card_order
    change_order_status(order=order, status="sent")

    returned = change_order_status(order=order, status="returned")

    assert returned.payment_data["refund"]["amount_cents"] == order.total_cents
    assert len(stripe_server.refunds) == 1


def test_stripe_failure_refuses_the_cancel_with_502_and_changes_nothing(
    staff_client, paid_card_order, stripe_server, product
):
    order, _ = paid_card_order
    stripe_server.fail_next = True

    response = cancel(staff_client, order)

    order.refresh_from_db()
    assert response.status_code == 502
    assert response.json()["code"] == "payment_provider_error"
    assert (order.status, order.refunded_cents, "refund" in order.payment_data) == ("processing", 0, False)
    assert Product.objects.get(pk=product.pk).stock_quantity == 3
    assert not Event.objects.filter(type__in=["order.canceled", "order.payment_changed"]).exists()


def test_retrying_a_refused_cancel_refunds_once(staff_client, paid_card_order, stripe_server):
    order, _ = paid_card_order
    stripe_server.fail_next = True
    cancel(staff_client, order)

    response = cancel(staff_client, order)

    assert response.json()["status_alias"] == "canceled"
    assert len(stripe_server.refunds) == 1


def test_canceling_an_unpaid_card_order_refunds_nothing(stripe_server, place_order):
    order = place_order(PaymentMethodType.CREDIT_CARD)

    change_order_status(order=order, status="canceled")

    assert stripe_server.refunds == {}


def test_payment_already_refunded_in_stripe_lets_the_cancel_through(staff_client, paid_card_order, stripe_server):
    order, _ = paid_card_order
    stripe_server.fail_next = {"code": "charge_already_refunded", "message": "Charge has already been refunded."}

    body = cancel(staff_client, order).json()

    assert body["status_alias"] == "canceled"
    assert body["payment"]["refund"] == {"id": None, "amount_cents": order.total_cents, "status": "already_refunded"}


def test_order_marked_paid_by_hand_is_refunded_through_its_session(staff_client, stripe_server, place_order):
    order = place_order(PaymentMethodType.CREDIT_CARD)
    staff_client.patch(f"/api/v1/orders/{order.public_id}", {"paid": True}, format="json")
    session = stripe_server.sessions[order.stripe_session_id]

    cancel(staff_client, order)

    [refund] = stripe_server.refunds.values()
    assert refund["payment_intent"] == session["payment_intent"]
