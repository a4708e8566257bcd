"""order.* webhook events; the payload is the order as a staff key sees it in the API."""

from django.conf import settings

from shopplatform.events import emit_event
from shopplatform.store.models import Store

from .models import Order
from .queries import orders_with_lines

# The specific event each status change emits besides order.status_changed (SPEC §5).
STATUS_EVENTS = {
    "sent": "order.sent",
    "canceled": "order.canceled",
    "delivered": "order.delivered",
    "returned": "order.returned",
    "pickup_available": "order.pickup_available",
    "waiting_shipment": "order.waiting_shipment",
}


def serializer_context() -> dict:
    store = Store.load()
    return {"base_url": store.base_url() or settings.SITE_URL, "currency": store.currency, "locale": store.locale}


def order_payload(order: Order) -> dict:
    from .api.serializers import OrderOutput  # the API layer imports services; avoid the cycle

    return OrderOutput(orders_with_lines().get(pk=order.pk), context=serializer_context()).data


def emit_order_events(order: Order, *event_types: str, payload: dict | None = None) -> None:
    """Write the events in the caller's transaction with one rendering of the order."""
    payload = payload if payload is not None else order_payload(order)
    for event_type in event_types:
        emit_event(event_type, obj=payload)
