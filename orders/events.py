"""order.* webhook events; the payload is the order as a staff key sees it in the API (orders.representations)."""

from shopplatform.events import emit_event
from shopplatform.store.models import Store

from .models import Order, OrderLine
from .queries import hold_prefetched, orders_with_lines
from .representations import OrderOutput, serializer_context

# The specific event each status change emits besides order.status_changed.
STATUS_EVENTS = {
    "sent": "order.sent",
    "canceled": "order.canceled",
    "delivered": "order.delivered",
    "returned": "order.returned",
    "pickup_available": "order.pickup_available",
    "waiting_shipment": "order.waiting_shipment",
}


def order_payload(order: Order, *, store: Store | None = None) -> dict:
    """The order rendered as the API renders it, read afresh with its lines (with `store`'s settings when the
    caller has read them)."""
    return OrderOutput(orders_with_lines().get(pk=order.pk), context=serializer_context(store=store)).data


def new_order_payload(order: Order, lines: list[OrderLine], *, store: Store) -> dict:
    """The order this transaction has just written, rendered from the objects it saved (`lines` in position order):
    what `order_payload` would read back, without reading it."""
    hold_prefetched(order, "lines", lines)
    return OrderOutput(order, context=serializer_context(store=store)).data


def emit_order_events(order: Order, *event_types: str, payload: dict | None = None) -> None:
    """Write the events in the caller's transaction with one rendering of the order."""
    payload = payload if payload is not None else order_payload(order)
    for event_type in event_types:
        emit_event(event_type, obj=payload)
