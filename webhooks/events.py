"""The event catalogue (SPEC §5) and the one call domain services make: `emit_event`."""

from django.conf import settings
from django.db import transaction

from . import delivery
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

# Seed 003's underscore names for the same events, accepted wherever an event type is given.
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
    """Fan the event out to subscribed endpoints and enqueue the deliveries (the sweep catches what fails)."""
    delivery.schedule_event(event_pk)
