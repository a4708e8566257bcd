"""PayPal payments: open the PayPal order after checkout, capture it when the buyer comes back (or when PayPal's
CHECKOUT.ORDER.APPROVED webhook says so), and apply PayPal's capture webhooks.

Network calls run outside every transaction and are idempotent on PayPal's side (PayPal-Request-Id, see
orders.payments.paypal), so doing one twice (the buyer's return and the webhook racing, a retried delivery) gets
the same capture. What we record is idempotent on ours: `mark_order_paid` pays once, and each PayPal event id is
recorded (PayPalEvent, unique) in the transaction that applies it, so a replayed delivery changes nothing.
"""

from django.db import IntegrityError, transaction
from django.urls import reverse

from shopplatform.links import absolute_url
from shopplatform.store.payments import PaymentMethodType

from ..exceptions import PaymentProviderError
from ..models import Order, OrderStatus, PayPalEvent
from ..payments import paypal
from .workflow import fail_order_payment, mark_order_paid

CAPTURED = "COMPLETED"


def start_paypal_payment(*, order: Order) -> Order:
    """Create the PayPal order of a new PayPal-paid order; on failure cancel it and raise PaymentProviderError."""
    try:
        created = paypal.create_order(
            reference=order.public_id,
            title=f"Order #{order.number}",
            amount_cents=order.total_cents,
            currency=order.currency,
            return_url=absolute_url(reverse("orders:paypal-return", args=[order.hash])),
            cancel_url=absolute_url(reverse("orders:order", args=[order.hash])) + "?payment=canceled",
        )
    except PaymentProviderError as exc:
        fail_order_payment(order=order, reason=exc.detail)
        raise
    Order.objects.filter(pk=order.pk).update(
        payment_data={**order.payment_data, "paypal_order_id": created.id, "checkout_url": created.approve_url}
    )
    order.refresh_from_db()
    return order


def capture_paypal_payment(*, order: Order) -> Order:
    """Capture the buyer's approved PayPal payment and mark the order paid; a paid order is returned as it is.

    Raise PaymentProviderError (502) when PayPal refuses the capture (not approved, declined) or cannot be reached.
    """
    paypal_order_id = order.payment_data.get("paypal_order_id")
    if order.paid or order.payment_method != PaymentMethodType.PAYPAL or not paypal_order_id:
        return order
    capture = paypal.capture_order(paypal_order_id=paypal_order_id, reference=order.public_id)
    if capture.status != CAPTURED:
        raise PaymentProviderError(f"PayPal did not complete the payment (capture {capture.status}).")
    return mark_order_paid(order=order, payment_data={"paypal_capture_id": capture.id})


def handle_paypal_event(*, event: dict) -> bool:
    """Apply a verified PayPal webhook event to its order; return False when the event was already processed.

    CHECKOUT.ORDER.APPROVED captures the payment (the buyer approved but may never come back to the store);
    PAYMENT.CAPTURE.COMPLETED marks the order paid; PAYMENT.CAPTURE.DENIED cancels the unpaid order. Other types are
    recorded and ignored. Raise PaymentProviderError when the capture fails (PayPal delivers the event again).
    """
    if PayPalEvent.objects.filter(event_id=event["id"]).exists():
        return False
    order = _order_of_event(event)
    capture_id = None
    if event["event_type"] == paypal.ORDER_APPROVED and order is not None and not order.paid:
        if order.status != OrderStatus.CANCELED:
            capture = paypal.capture_order(
                paypal_order_id=order.payment_data["paypal_order_id"], reference=order.public_id
            )
            capture_id = capture.id if capture.status == CAPTURED else None
    elif event["event_type"] == paypal.CAPTURE_COMPLETED:
        capture_id = (event.get("resource") or {}).get("id")
    return _record_event(event, order=order, capture_id=capture_id)


@transaction.atomic
def _record_event(event: dict, *, order: Order | None, capture_id: str | None) -> bool:
    try:
        with transaction.atomic():
            PayPalEvent.objects.create(event_id=event["id"], type=event["event_type"], order=order)
    except IntegrityError:
        return False  # a concurrent delivery of the same event applied it
    if order is None:
        return True
    if capture_id:
        mark_order_paid(order=order, payment_data={"paypal_capture_id": capture_id})
    elif event["event_type"] == paypal.CAPTURE_DENIED:
        fail_order_payment(order=order, reason="paypal_capture_denied")
    return True


def _order_of_event(event: dict) -> Order | None:
    """The PayPal-paid order an event is about: its `custom_id` is our order id, and the PayPal order id matches."""
    resource = event.get("resource") if isinstance(event.get("resource"), dict) else {}
    if event["event_type"] == paypal.ORDER_APPROVED:
        paypal_order_id = resource.get("id")
        units = resource.get("purchase_units") or [{}]
        reference = units[0].get("custom_id") if isinstance(units[0], dict) else None
    else:
        related = (resource.get("supplementary_data") or {}).get("related_ids") or {}
        paypal_order_id, reference = related.get("order_id"), resource.get("custom_id")
    if not reference or not paypal_order_id:
        return None
    order = Order.objects.filter(public_id=reference, payment_method=PaymentMethodType.PAYPAL).first()
    if order is None or order.payment_data.get("paypal_order_id") != paypal_order_id:
        return None
    return order
