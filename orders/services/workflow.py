"""The order workflow: status changes, payment, merchant edits, deletion.

Each operation locks the order row, applies the change, records it and writes its events and its e-mails to the
buyer (orders.notifications: shipped, delivered, canceled, refunded, payment received) in one transaction.
Cancelling gives back the stock and the coupon use (once); a return gives back the stock only (the coupon was
used). Both refund a wallet payment to the wallet, once: `refunded_cents` records what went back.

Cancelling or returning a card-paid order refunds it in Stripe before the change commits. If Stripe fails, the
change is refused (PaymentProviderError, 502) and the order stays as it was: a canceled order never hides money
still charged, and the merchant sees the failure at once and can retry (the refund's idempotency key makes a
retry return a refund Stripe already made). The Stripe call runs while the order row is locked; it is bounded by
the gateway's timeout and only ever holds that one row.
"""

from django.db import transaction
from django.utils import timezone

from catalog.services import StockLine, release_stock
from shopplatform.errors import InvalidInput

from ..events import STATUS_EVENTS, emit_order_events, order_payload
from ..exceptions import OrderNotDeletable, PaymentLocked
from ..limits import MAX_TAG_LENGTH, MAX_TAGS
from ..models import Order, OrderStatus, OrderStatusChange
from ..notifications import notify_order_paid, notify_status_changed
from .coupons import release_coupon_use
from .refunds import give_back, refundable_cents

STATUS_TIMESTAMPS = {
    OrderStatus.SENT: "sent_at",
    OrderStatus.DELIVERED: "delivered_at",
    OrderStatus.CANCELED: "canceled_at",
    OrderStatus.RETURNED: "returned_at",
}
EDITABLE_FIELDS = (
    "tracking_code",
    "tracking_url",
    "tracking_carrier",
    "shipping_url",
    "at_code",
    "pickup_code",
    "invoice_number",
    "invoice_url",
    "note",
    "client_note",
    "is_new",
    "observations",
    "custom_field",
    "expected_arrival_from",
    "expected_arrival_until",
    "tax_exemption",
    "tags",
)
TRACKING_FIELDS = {"tracking_code", "tracking_url", "tracking_carrier", "shipping_url", "at_code", "pickup_code"}
INVOICE_FIELDS = {"invoice_number", "invoice_url"}
DELETABLE_STATUSES = {OrderStatus.CANCELED, OrderStatus.RETURNED}


@transaction.atomic
def change_order_status(*, order: Order, status: str, changed_by=None, note: str = "") -> Order:
    """Move the order to `status`, stamping its time and settling stock and money.

    Raise InvalidTransition (409), or PaymentProviderError (502, order unchanged) when a card refund fails.
    """
    order = _lock(order)
    if order.status == status:
        return order
    previous = order.transition_to(status)
    refunded_before = order.refunded_cents
    now = timezone.now()
    if status in STATUS_TIMESTAMPS:
        setattr(order, STATUS_TIMESTAMPS[status], now)
    refunded = False
    if status in (OrderStatus.CANCELED, OrderStatus.RETURNED):
        _give_back_stock(order, with_coupon=status == OrderStatus.CANCELED)
    if status in (OrderStatus.CANCELED, OrderStatus.RETURNED) and order.paid:
        # Last before saving: nothing after it can fail and leave a Stripe refund without its record.
        refunded = _refund_the_rest(order, changed_by=changed_by)
    order.save()
    OrderStatusChange.objects.create(
        order=order, from_status=previous, to_status=status, note=note[:255], changed_by=changed_by
    )
    events = ["order.status_changed"] + ([STATUS_EVENTS[status]] if status in STATUS_EVENTS else [])
    if refunded:
        events.append("order.payment_changed")
    emit_order_events(order, *events)
    notify_status_changed(order, refunded_cents=order.refunded_cents - refunded_before)
    return order


@transaction.atomic
def mark_order_paid(*, order: Order, changed_by=None, payment_data: dict | None = None) -> Order:
    """Record the payment; an order waiting for it moves on to `processing`. Paying twice changes nothing."""
    order = _lock(order)
    if order.paid:
        return order
    order.paid, order.paid_at = True, timezone.now()
    if payment_data:
        order.payment_data = {**order.payment_data, **payment_data}
    order.save()
    emit_order_events(order, "order.paid")
    notify_order_paid(order)
    if order.status in (OrderStatus.WAITING_PAYMENT, OrderStatus.WAITING_CONFIRMATION):
        change_order_status(order=order, status=OrderStatus.PROCESSING, changed_by=changed_by, note="Paid.")
    return order


@transaction.atomic
def fail_order_payment(*, order: Order, reason: str) -> Order:
    """The card payment failed or expired: cancel the unpaid order (stock and coupon use go back)."""
    order = _lock(order)
    if order.paid or order.status == OrderStatus.CANCELED:
        return order
    order.payment_data = {**order.payment_data, "failure": reason}
    order.save(update_fields=["payment_data", "updated_at"])
    emit_order_events(order, "order.payment_failed")
    return change_order_status(order=order, status=OrderStatus.CANCELED, note=f"Payment failed: {reason}")


@transaction.atomic
def update_order(*, order: Order, changed_by=None, status: str | None = None, paid: bool | None = None, **fields):
    """Apply a merchant's edit: payment first, then the status, then tracking, invoice and notes.

    Raise InvalidTransition or PaymentLocked (409).
    """
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Unexpected order fields: {', '.join(sorted(unknown))}")
    order = _lock(order)
    if paid is False and order.paid:
        raise PaymentLocked("A paid order cannot be marked unpaid; cancel it instead.", param="paid")
    if paid:
        order = mark_order_paid(order=order, changed_by=changed_by)
    if status is not None:
        order = change_order_status(order=order, status=status, changed_by=changed_by)
    changed = {name for name, value in fields.items() if getattr(order, name) != value}
    if not changed:
        return order
    for name in changed:
        setattr(order, name, fields[name])
    check_order_fields(order)
    if "tracking_code" in changed and order.tracking_code and order.tracking_created_at is None:
        order.tracking_created_at = timezone.now()
    order.save()
    events = ["order.updated"]
    if changed & TRACKING_FIELDS:
        events.append("order.shipping")
    if changed & INVOICE_FIELDS:
        events.append("order.invoice")
    emit_order_events(order, *events)
    return order


def check_order_fields(order: Order) -> None:
    """Check the merchant-editable fields that rules bind; normalize tags. Raise InvalidInput (400).

    The arrival window is checked on the merged values, so a PATCH of one end is compared with the stored other.
    """
    start, end = order.expected_arrival_from, order.expected_arrival_until
    if start and end and start > end:
        raise InvalidInput(
            "`expected_arrival_from` must not be after `expected_arrival_until`.", param="expected_arrival_from"
        )
    tags = order.tags
    if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
        raise InvalidInput("`tags` must be a list of strings.", param="tags")
    tags = list(dict.fromkeys(tag.strip() for tag in tags))  # unique, in the merchant's order
    if len(tags) > MAX_TAGS or any(not tag or len(tag) > MAX_TAG_LENGTH for tag in tags):
        raise InvalidInput(
            f"`tags` holds at most {MAX_TAGS} non-blank tags of at most {MAX_TAG_LENGTH} characters.", param="tags"
        )
    order.tags = tags


@transaction.atomic
def delete_order(*, order: Order) -> None:
    """Delete a canceled or returned order (the others still hold stock, money or a delivery).

    Raise OrderNotDeletable (409).
    """
    order = _lock(order)
    if order.status not in DELETABLE_STATUSES:
        raise OrderNotDeletable(f"The order is '{order.status}'; cancel it before deleting it.", param="status")
    payload = order_payload(order)
    order.delete()
    emit_order_events(order, "order.deleted", payload=payload)


def _lock(order: Order) -> Order:
    return Order.objects.select_for_update().get(pk=order.pk)


def _give_back_stock(order: Order, *, with_coupon: bool) -> None:
    if order.stock_released:
        return
    # A line whose product or variant was deleted since has no stock row left to give back to.
    lines = [
        line
        for line in order.lines.select_related("product", "variant")
        if line.product_id and (line.variant_id or not line.variant_public_id)
    ]
    release_stock(items=[StockLine(line.product, line.quantity, line.variant) for line in lines])
    if with_coupon and order.coupon_id:
        release_coupon_use(coupon=order.coupon, total_cents=order.total_cents, discount_cents=order.discount_cents)
    order.stock_released = True


def _refund_the_rest(order: Order, *, changed_by) -> bool:
    """Give back what is left of a paid order (wallet or card; orders.services.refunds records the row)."""
    left = refundable_cents(order)
    if left <= 0:
        return False
    reason = f"Refund of {order.status} order {order.public_id}"
    return give_back(order, amount_cents=left, changed_by=changed_by, reason=reason) is not None
