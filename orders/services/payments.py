"""Stripe webhook events: mark card orders paid, or cancel them when the payment failed or the session expired.

Each Stripe event id is recorded (StripeEvent, unique) in the transaction that handles it, so a replayed or
concurrent second delivery of the same event changes nothing.
"""

from django.db import IntegrityError, transaction

from .. import stripe_gateway
from ..models import Order, StripeEvent
from .workflow import fail_order_payment, mark_order_paid

HANDLED_TYPES = {
    stripe_gateway.SESSION_COMPLETED,
    stripe_gateway.SESSION_ASYNC_SUCCEEDED,
    stripe_gateway.SESSION_ASYNC_FAILED,
    stripe_gateway.SESSION_EXPIRED,
}


@transaction.atomic
def handle_stripe_event(*, event) -> bool:
    """Apply a verified Stripe event to its order; return False when the event was already processed.

    The event's record and its effect on the order commit together: a crash in between leaves neither, so Stripe's
    retry applies it, and a concurrent duplicate waits on the unique event id and then finds it applied.
    """
    session = (event.get("data") or {}).get("object") if event["type"] in HANDLED_TYPES else None
    with transaction.atomic():
        order = _order_of_session(session) if isinstance(session, dict) else None
        try:
            with transaction.atomic():
                StripeEvent.objects.create(event_id=event["id"], type=event["type"], order=order)
        except IntegrityError:
            return False
        if order is None:
            return True
        if event["type"] in (stripe_gateway.SESSION_COMPLETED, stripe_gateway.SESSION_ASYNC_SUCCEEDED):
            # A completed session of a delayed method (bank debits) is still "unpaid"; async_payment_succeeded follows.
            if session.get("payment_status") in ("paid", "no_payment_required"):
                mark_order_paid(order=order, payment_data={"stripe_payment_intent": session.get("payment_intent")})
        else:
            fail_order_payment(order=order, reason=event["type"].rsplit(".", 1)[-1])
    return True


def _order_of_session(session) -> Order | None:
    order = Order.objects.filter(stripe_session_id=session.get("id") or "-").first()
    if order is None and session.get("client_reference_id"):
        order = Order.objects.filter(public_id=session["client_reference_id"]).first()
    return order
