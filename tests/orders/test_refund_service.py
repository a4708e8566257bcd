"""Partial and full refunds through `refund_order`: wallet and Stripe (the stand-in), amounts bounded by what was
paid minus what went back, one row per refund, order.payment_changed and one e-mail per refund."""

import pytest

from orders.exceptions import InvalidRefundAmount, PaymentProviderError, RefundNotAllowed
from orders.models import Order, Refund
from orders.services import change_order_status, refund_order
from wallet.models import LedgerEntry
from webhooks.models import Event

pytestmark = pytest.mark.django_db


@pytest.fixture
def wallet_order(place_order, fund, buyer):
    fund(buyer, 100_00)
    return place_order("wallet", customer=buyer)


@pytest.fixture
def card_order(stripe_server, customer_client, buyer, make_cart, product, courier, send_stripe_event):
    cart = make_cart(buyer, [(product, 2)], shipping_method=courier.public_id)
    response = customer_client.post(
        f"/api/v1/carts/{cart.public_id}/checkout", {"payment_method": "card"}, format="json"
    )
    session = stripe_server.sessions[response.json()["payment"]["data"]["stripe_session_id"]]
    send_stripe_event("checkout.session.completed", {**session, "payment_status": "paid"}, event_id="evt_paid")
    return Order.objects.get(public_id=response.json()["id"])


def test_partial_wallet_refund_credits_the_wallet_and_records_a_row(wallet_order, admin_user):
    refund = refund_order(order=wallet_order, amount_cents=500, changed_by=admin_user, reason="Scratched lid")

    wallet_order.refresh_from_db()
    assert wallet_order.refunded_cents == 500
    assert (refund.amount_cents, refund.channel, refund.reason, refund.created_by) == (
        500,
        "wallet",
        "Scratched lid",
        admin_user,
    )
    entry = LedgerEntry.objects.get(kind="refund", order_reference=wallet_order.public_id)
    assert (entry.amount_cents, entry.public_id) == (500, refund.provider_reference)


def test_refund_emits_payment_changed_and_one_email_per_refund(wallet_order):
    refund_order(order=wallet_order, amount_cents=300)
    refund_order(order=wallet_order, amount_cents=300)

    assert Event.objects.filter(type="order.payment_changed").count() == 2
    assert wallet_order.notifications.filter(kind="order_refunded").count() == 2


def test_refund_over_what_is_left_is_refused(wallet_order):
    refund_order(order=wallet_order, amount_cents=wallet_order.total_cents - 100)

    with pytest.raises(InvalidRefundAmount, match="At most"):
        refund_order(order=wallet_order, amount_cents=101)

    wallet_order.refresh_from_db()
    assert (wallet_order.refunded_cents, Refund.objects.count()) == (wallet_order.total_cents - 100, 1)


@pytest.mark.parametrize("amount", [0, -5])
def test_refund_of_nothing_is_refused(wallet_order, amount):
    with pytest.raises(InvalidRefundAmount):
        refund_order(order=wallet_order, amount_cents=amount)


def test_unpaid_order_cannot_be_refunded(place_order):
    order = place_order("bank_transfer")

    with pytest.raises(RefundNotAllowed, match="not paid"):
        refund_order(order=order, amount_cents=100)


def test_order_paid_outside_the_shop_is_refused_in_words(place_order):
    order = place_order("bank_transfer")
    order.paid = True
    order.save()

    with pytest.raises(RefundNotAllowed, match="paid outside the shop"):
        refund_order(order=order, amount_cents=100)


def test_cancel_after_a_partial_refund_gives_back_only_the_rest(wallet_order):
    refund_order(order=wallet_order, amount_cents=500)

    change_order_status(order=wallet_order, status="canceled")

    wallet_order.refresh_from_db()
    assert wallet_order.refunded_cents == wallet_order.total_cents
    assert list(wallet_order.refunds.values_list("amount_cents", flat=True)) == [500, wallet_order.total_cents - 500]


def test_partial_card_refunds_reach_stripe_each_once(card_order, stripe_server):
    first = refund_order(order=card_order, amount_cents=700)
    second = refund_order(order=card_order, amount_cents=700)

    refunds = list(stripe_server.refunds.values())
    assert [refund["amount"] for refund in refunds] == [700, 700]
    assert {first.provider_reference, second.provider_reference} == {refund["id"] for refund in refunds}
    card_order.refresh_from_db()
    assert card_order.refunded_cents == 1400


def test_cancel_after_partial_card_refund_refunds_the_rest_in_stripe(card_order, stripe_server):
    half = card_order.total_cents // 2
    refund_order(order=card_order, amount_cents=half)

    change_order_status(order=card_order, status="canceled")

    assert sorted(refund["amount"] for refund in stripe_server.refunds.values()) == sorted(
        [half, card_order.total_cents - half]
    )


def test_stripe_failure_records_nothing(card_order, stripe_server):
    stripe_server.fail_next = True

    with pytest.raises(PaymentProviderError, match="Stripe refused"):
        refund_order(order=card_order, amount_cents=100)

    card_order.refresh_from_db()
    assert (card_order.refunded_cents, Refund.objects.count()) == (0, 0)
