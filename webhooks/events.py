"""The outbox: events recorded through `shopplatform.events.emit_event` are stored here and fanned out on commit."""

import logging

from django.conf import settings
from django.db import DatabaseError, transaction

from shopplatform.prepared import insert

from . import tasks
from .delivery import fan_out_event
from .models import Event

logger = logging.getLogger(__name__)


def record_event(event_type: str, obj: dict) -> Event:
    """Store the event in the caller's transaction; deliveries are scheduled once it commits."""
    event = Event(type=event_type, api_version=settings.API_VERSIONS[-1], data={"object": obj})
    insert(event)
    transaction.on_commit(lambda: schedule_event(event.pk))
    return event


def schedule_event(event_pk: int) -> None:
    """On commit of an emitted event: fan out and have its endpoints drained. Failures leave the work to the sweep."""
    try:
        deliveries = fan_out_event(event_pk=event_pk)
    except DatabaseError:
        logger.exception("Fan-out of event %s failed; the sweep will retry it", event_pk)
        return
    for delivery in deliveries:  # one delivery per endpoint
        tasks.enqueue_endpoint_drain(delivery.endpoint_id)
