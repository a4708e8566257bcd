"""The order workflow: allowed transitions, stamped times, stock and coupon give-backs, wallet refunds, events."""

import pytest

from catalog.models import Product
from orders.exceptions import InvalidTransition, OrderNotDeletable, PaymentLocked
from orders.models import ALLOWED_TRANSITIONS, STATUS_CODES, Coupon, Order, OrderStatus
from orders.services import change_order_status, delete_order, mark_order_paid, update_order
from tests.accounts.factories import RegisteredCustomerFactory
from wallet.models import LedgerEntry
from wallet.services import wallet_for_customer
from webhooks.models import Event

from .factories import CouponFactory

pytestmark = pytest.mark.django_db

ILLEGAL = [
    (source, target)
    for source in OrderStatus
    for target in OrderStatus
    if target not in ALLOWED_TRANSITIONS[source] and target != source
]


def test_status_codes_follow_seed_003():
    assert STATUS_CODES == {
        "pending": 1,
        "processing": 2,
        "sent": 3,
        "canceled": 4,
        "waiting_confirmation": 5,
        "waiting_payment": 6,
        "waiting_stock": 7,
        "delivered": 8,
        "returned": 9,
        "pickup_available": 10,
        "waiting_shipment": 11,
    }


@pytest.mark.parametrize(("source", "target"), ILLEGAL)
def test_every_illegal_transition_is_refused(source, target):
    order = Order(status=source)

    with pytest.raises(InvalidTransition):
        order.transition_to(target)


def test_sending_stamps_sent_at_and_emits_events(place_order):
    order = place_order("pick_up")

    order = change_order_status(order=order, status="sent")

    assert order.sent_at is not None
    assert {"order.status_changed", "order.sent"} <= set(Event.objects.values_list("type", flat=True))
    assert list(order.status_changes.values_list("to_status", flat=True)) == ["pending", "sent"]


def test_cancel_gives_back_stock_and_coupon_use(place_order, product):
    coupon = CouponFactory(code="TEN", limit=3)
    order = place_order(coupon="TEN", quantity=2)

    change_order_status(order=order, status="canceled")

    assert Product.objects.get(pk=product.pk).stock_quantity == 5
    assert Coupon.objects.get(pk=coupon.pk).used == 0


def test_cancel_of_a_wallet_paid_order_refunds_the_wallet(place_order, fund):
    customer = RegisteredCustomerFactory()
    fund(customer, 10_000)
    order = place_order("wallet", customer=customer)

    order = change_order_status(order=order, status="canceled")

    assert wallet_for_customer(customer=customer).balance_cents == 10_000
    assert order.refunded_cents == order.total_cents


def test_returning_a_delivered_wallet_order_refunds_the_wallet_once(place_order, fund):
    """The payment block: a return credits the wallet (kind refund) like a cancel, and emits payment_changed."""
    customer = RegisteredCustomerFactory()
    fund(customer, 10_000)
    order = place_order("wallet", customer=customer)
    for status in ("sent", "delivered"):
        order = change_order_status(order=order, status=status)

    order = change_order_status(order=order, status="returned")
    change_order_status(order=order, status="returned")

    assert wallet_for_customer(customer=customer).balance_cents == 10_000
    refunds = LedgerEntry.objects.filter(kind=LedgerEntry.Kind.REFUND, order_reference=order.public_id)
    assert list(refunds.values_list("amount_cents", flat=True)) == [order.total_cents]
    assert order.refunded_cents == order.total_cents
    assert Event.objects.filter(type="order.payment_changed").count() == 1


def test_returned_wallet_order_cannot_be_canceled_for_a_second_refund(place_order, fund):
    customer = RegisteredCustomerFactory()
    fund(customer, 10_000)
    order = change_order_status(order=place_order("wallet", customer=customer), status="sent")
    order = change_order_status(order=order, status="returned")

    with pytest.raises(InvalidTransition):
        change_order_status(order=order, status="canceled")

    assert LedgerEntry.objects.filter(kind=LedgerEntry.Kind.REFUND).count() == 1


def test_return_gives_back_stock_once(place_order, product):
    order = place_order("pick_up", quantity=2)
    change_order_status(order=order, status="sent")

    change_order_status(order=order, status="returned")

    assert Product.objects.get(pk=product.pk).stock_quantity == 5


def test_canceled_order_cannot_be_sent():
    order = Order(status="canceled")

    with pytest.raises(InvalidTransition):
        order.transition_to("sent")


def test_mark_paid_moves_a_waiting_order_to_processing(place_order):
    order = place_order("bank_transfer")

    order = mark_order_paid(order=order)

    order.refresh_from_db()
    assert (order.paid, order.status) == (True, "processing")
    assert order.paid_at is not None


def test_paid_and_sent_in_one_update(place_order):
    """A merchant edit of {"paid": true, "status_alias": "sent"} stamps paid_at and sent_at."""
    order = place_order("bank_transfer")

    order = update_order(order=order, paid=True, status="sent")

    assert (order.status, order.paid) == ("sent", True)
    assert order.paid_at and order.sent_at


def test_paid_order_cannot_be_marked_unpaid(place_order):
    order = mark_order_paid(order=place_order("bank_transfer"))

    with pytest.raises(PaymentLocked):
        update_order(order=order, paid=False)


def test_tracking_code_stamps_its_time_and_emits_order_shipping(place_order):
    order = place_order()

    order = update_order(order=order, tracking_code="RR123PT", tracking_carrier="ctt")

    assert order.tracking_created_at is not None
    assert Event.objects.filter(type="order.shipping").exists()


def test_invoice_emits_order_invoice(place_order):
    update_order(order=place_order(), invoice_url="https://invoices.example.com/1.pdf")

    assert Event.objects.filter(type="order.invoice").exists()


def test_only_canceled_or_returned_orders_are_deleted(place_order):
    order = place_order()

    with pytest.raises(OrderNotDeletable):
        delete_order(order=order)


def test_deleting_a_canceled_order_emits_order_deleted(place_order):
    order = change_order_status(order=place_order(), status="canceled")

    delete_order(order=order)

    assert not Order.objects.exists()
    assert Event.objects.filter(type="order.deleted").exists()
