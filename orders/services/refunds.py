"""Refunds: money given back to the buyer the way it was paid, one `Refund` row per sum.

A wallet payment goes back to the buyer's wallet (a ledger entry of kind refund); a card payment is refunded in
Stripe (its PaymentIntent from the paid session), a PayPal payment in PayPal (its capture). The running total
stays in `Order.refunded_cents`, so no refund can exceed what was paid minus what already went back. Cancelling or
returning a paid order refunds the rest through the same helpers (orders.services.workflow); the merchant's partial
refunds go through `refund_order`.

The Stripe idempotency key names the order, what was refunded before and the amount: a retry after a rolled-back
transaction gets Stripe's earlier refund back, while a second partial refund of the same amount is a new one.
"""

from django.db import transaction

from shopplatform.money import format_money
from shopplatform.store.payments import PaymentMethodType
from wallet.models import LedgerEntry
from wallet.services import credit_wallet, wallet_for_customer

from .. import stripe_gateway
from ..events import emit_order_events
from ..exceptions import InvalidRefundAmount, RefundNotAllowed
from ..models import Order, Refund, RefundChannel
from ..models.notifications import NotificationKind
from ..notifications import notify
from ..payments import paypal

REFUNDABLE_METHODS = {
    PaymentMethodType.WALLET: RefundChannel.WALLET,
    PaymentMethodType.CREDIT_CARD: RefundChannel.STRIPE,
    PaymentMethodType.PAYPAL: RefundChannel.PAYPAL,
}


def refundable_cents(order: Order) -> int:
    """What can still go back: the paid total minus what was refunded (zero for an unpaid order)."""
    return max(order.total_cents - order.refunded_cents, 0) if order.paid else 0


def refund_channel(order: Order) -> str | None:
    """Where a refund of this order goes (wallet or Stripe), None when the shop cannot give the money back itself."""
    if order.payment_method == PaymentMethodType.WALLET and order.customer_id is None:
        return None
    return REFUNDABLE_METHODS.get(order.payment_method)


@transaction.atomic
def refund_order(*, order: Order, amount_cents: int, changed_by=None, reason: str = "") -> Refund:
    """Give back part or all of a paid order's money and tell the buyer; the order's status does not change.

    Raise RefundNotAllowed (409), InvalidRefundAmount (400) or PaymentProviderError (502, nothing recorded).
    """
    order = Order.objects.select_for_update().get(pk=order.pk)
    if not order.paid:
        raise RefundNotAllowed(f"Order {order.display_number} is not paid: there is nothing to refund.")
    if refund_channel(order) is None:
        raise RefundNotAllowed(
            f"Order {order.display_number} was paid outside the shop ({order.get_payment_method_display()}): "
            "pay the buyer back that way.",
        )
    left = refundable_cents(order)
    if not isinstance(amount_cents, int) or amount_cents <= 0:
        raise InvalidRefundAmount("Enter an amount greater than zero.", param="amount")
    if amount_cents > left:
        raise InvalidRefundAmount(
            f"At most {format_money(left, order.currency)} can be refunded: "
            f"{format_money(order.total_cents, order.currency)} paid, "
            f"{format_money(order.refunded_cents, order.currency)} already refunded.",
            param="amount",
        )
    refund = give_back(order, amount_cents=amount_cents, changed_by=changed_by, reason=reason)
    order.save(update_fields=["refunded_cents", "payment_data", "updated_at"])
    emit_order_events(order, "order.payment_changed")
    notify(
        kind=NotificationKind.ORDER_REFUNDED,
        key=refund.public_id,  # one e-mail per refund, not one per order
        recipient=order.email,
        order=order,
        context={"refunded_cents": amount_cents},
    )
    return refund


def give_back(order: Order, *, amount_cents: int, changed_by=None, reason: str = "") -> Refund | None:
    """Refund `amount_cents` of the locked `order` its own way and record the row; the caller saves the order.

    None when a card order has no PaymentIntent (the money never went through Stripe). Raise PaymentProviderError.
    """
    channel = refund_channel(order)
    if channel == RefundChannel.WALLET:
        entry = credit_wallet(
            wallet=wallet_for_customer(customer=order.customer),
            amount_cents=amount_cents,
            kind=LedgerEntry.Kind.REFUND,
            note=reason or f"Refund of order {order.public_id}",
            created_by=changed_by,
            order_reference=order.public_id,
        )
        reference = entry.public_id
    elif channel == RefundChannel.STRIPE:
        reference = _refund_in_stripe(order, amount_cents)
        if reference is None:
            return None
    elif channel == RefundChannel.PAYPAL:
        reference = _refund_in_paypal(order, amount_cents)
        if reference is None:
            return None
    else:
        return None
    order.refunded_cents += amount_cents
    return Refund.objects.create(
        order=order,
        amount_cents=amount_cents,
        currency=order.currency,
        channel=channel,
        provider_reference=reference,
        reason=reason[:255],
        created_by=changed_by,
    )


def _refund_in_stripe(order: Order, amount_cents: int) -> str | None:
    """The Stripe refund's id ("" when Stripe says it was refunded already); None without a PaymentIntent."""
    intent = order.payment_data.get("stripe_payment_intent")
    if not intent and order.stripe_session_id:
        intent = stripe_gateway.session_payment_intent(order.stripe_session_id)
    if not intent:
        return None
    refund = stripe_gateway.refund_payment(
        payment_intent=intent,
        amount_cents=amount_cents,
        reference=order.public_id,
        idempotency_key=f"refund-{order.public_id}-{order.refunded_cents}-{amount_cents}",
    )
    order.payment_data = {
        **order.payment_data,
        "stripe_payment_intent": intent,
        "refund": {"id": refund.id, "amount_cents": refund.amount_cents, "status": refund.status},
    }
    return refund.id or ""


def _refund_in_paypal(order: Order, amount_cents: int) -> str | None:
    """The PayPal refund's id; None without a capture (the money never went through PayPal)."""
    capture_id = order.payment_data.get("paypal_capture_id")
    if not capture_id:
        return None
    refund = paypal.refund_capture(
        capture_id=capture_id,
        amount_cents=amount_cents,
        currency=order.currency,
        request_id=f"refund-{order.public_id}-{order.refunded_cents}-{amount_cents}",
    )
    order.payment_data = {
        **order.payment_data,
        "refund": {"id": refund.id, "amount_cents": refund.amount_cents, "status": refund.status},
    }
    return refund.id
