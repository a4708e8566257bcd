"""How the order screens say things: button labels per target status and refusals in words, never internal codes.

"Order #1042 can't be marked Sent while it is waiting for payment. From there it can go to: Pending, Processing,
Canceled." instead of "ord_H7aZy…: An order in status 'waiting_payment' cannot move to 'sent'."
"""

from shopplatform.errors import ShopError

from ..exceptions import InvalidTransition
from ..models import ALLOWED_TRANSITIONS, Order, OrderStatus

_S = OrderStatus
# "while it is …"
STATUS_PHRASES = {
    _S.PENDING: "pending",
    _S.PROCESSING: "being processed",
    _S.SENT: "sent",
    _S.CANCELED: "canceled",
    _S.WAITING_CONFIRMATION: "waiting for confirmation",
    _S.WAITING_PAYMENT: "waiting for payment",
    _S.WAITING_STOCK: "waiting for stock",
    _S.DELIVERED: "delivered",
    _S.RETURNED: "returned",
    _S.PICKUP_AVAILABLE: "available for pick-up",
    _S.WAITING_SHIPMENT: "waiting for shipment",
}
# The button that moves an order to each status.
ACTION_LABELS = {
    _S.PENDING: "Back to pending",
    _S.PROCESSING: "Start processing",
    _S.SENT: "Mark sent",
    _S.CANCELED: "Cancel order",
    _S.WAITING_CONFIRMATION: "Wait for confirmation",
    _S.WAITING_PAYMENT: "Wait for payment",
    _S.WAITING_STOCK: "Wait for stock",
    _S.DELIVERED: "Mark delivered",
    _S.RETURNED: "Mark returned",
    _S.PICKUP_AVAILABLE: "Ready for pick-up",
    _S.WAITING_SHIPMENT: "Wait for shipment",
}


def allowed_statuses(order: Order) -> list[OrderStatus]:
    """Where the order may go next, in the workflow's own order of statuses."""
    return [status for status in OrderStatus if status in ALLOWED_TRANSITIONS[order.status]]


def refusal_message(order: Order, refusal: ShopError, *, target: str | None = None) -> str:
    """A service refusal about `order` as a sentence a merchant reads."""
    if isinstance(refusal, InvalidTransition) and target in OrderStatus.values:
        allowed = allowed_statuses(order)
        onward = (
            f" From there it can go to: {', '.join(status.label for status in allowed)}."
            if allowed
            else " It is final: nothing follows it."
        )
        return (
            f"Order {order.display_number} can't be marked {OrderStatus(target).label} "
            f"while it is {STATUS_PHRASES[order.status]}.{onward}"
        )
    if refusal.detail.startswith(f"Order {order.display_number}"):
        return refusal.detail
    return f"Order {order.display_number}: {refusal.detail}"
