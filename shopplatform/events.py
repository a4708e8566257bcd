"""The event outbox entry point: the catalogue of event types and the one call domain services make.

Domain apps record events through `emit_event` without knowing who keeps them. The webhooks app, which sits above
the platform core, stores each event in its outbox table and delivers it to subscribed endpoints; it registers its
recorder here when Django starts (`webhooks.apps.WebhooksConfig.ready`). The payload `obj` is the resource as a
staff key sees it in the API (each app's `representations.py` renders it).
"""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ImproperlyConfigured

EVENT_TYPES = (
    "order.created",
    "order.updated",
    "order.paid",
    "order.sent",
    "order.status_changed",
    "order.canceled",
    "order.deleted",
    "order.invoice",
    "order.shipping",
    "order.delivered",
    "order.payment_changed",
    "order.payment_failed",
    "order.returned",
    "order.pickup_available",
    "order.waiting_shipment",
    "customer.created",
    "customer.updated",
    "customer.deleted",
    "newsletter.subscribed",
    "newsletter.unsubscribed",
    "product.created",
    "product.updated",
    "product.deleted",
    "product.low_stock",
    "wallet.transaction.created",
    "wallet.transfer.succeeded",
    "media.processed",
    "review.created",
    "privacy_request.completed",
)

# The underscore spellings merchant integrations use for the same events, accepted wherever a type is given.
SEED_EVENT_ALIASES = {
    "order_canceled": "order.canceled",
    "order_deleted": "order.deleted",
    "order_created": "order.created",
    "order_updated": "order.updated",
    "order_paid": "order.paid",
    "order_sent": "order.sent",
    "order_change_status": "order.status_changed",
    "order_invoice": "order.invoice",
    "order_shipping": "order.shipping",
    "order_delivered": "order.delivered",
    "order_change_payment": "order.payment_changed",
    "order_payment_failed": "order.payment_failed",
    "order_returned": "order.returned",
    "order_pickup_available": "order.pickup_available",
    "order_waiting_shipment": "order.waiting_shipment",
    "client_created": "customer.created",
    "client_updated": "customer.updated",
    "client_deleted": "customer.deleted",
    "newsletter_subscribed": "newsletter.subscribed",
    "newsletter_unsubscribed": "newsletter.unsubscribed",
}

# Every spelling of an event type the API accepts as input.
EVENT_TYPE_INPUTS = (*EVENT_TYPES, *SEED_EVENT_ALIASES)

Recorder = Callable[[str, dict], Any]
_recorder: Recorder | None = None


def register_recorder(recorder: Recorder) -> None:
    """Name the function that stores events (the outbox); the last registration wins."""
    global _recorder
    _recorder = recorder


def emit_event(event_type: str, *, obj: dict) -> Any:
    """Record an event in the caller's transaction; it is delivered once that commits.

    Raises ValueError for a type outside the catalogue, ImproperlyConfigured when no outbox is installed.
    """
    if event_type not in EVENT_TYPES:
        raise ValueError(f"Unknown event type {event_type!r}")
    if _recorder is None:
        raise ImproperlyConfigured("No event outbox is installed: add 'webhooks' to INSTALLED_APPS.")
    return _recorder(event_type, obj)
