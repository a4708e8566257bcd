"""The event catalogue (SPEC §5) and the one call domain services make: `emit_event`."""

from django.conf import settings
from django.db import transaction

from .models import Event

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


def emit_event(event_type: str, *, obj: dict) -> Event:
    """Record an event in the caller's transaction; deliveries are scheduled once it commits.

    `obj` is the resource as the API renders it. Raises ValueError for a type outside the catalogue.
    """
    if event_type not in EVENT_TYPES:
        raise ValueError(f"Unknown event type {event_type!r}")
    event = Event.objects.create(type=event_type, api_version=settings.API_VERSIONS[-1], data={"object": obj})
    transaction.on_commit(lambda: _schedule_deliveries(event.pk))
    return event


def _schedule_deliveries(event_pk: int) -> None:
    """Fan the event out to subscribed endpoints (filled in by the delivery machinery)."""
