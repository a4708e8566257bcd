"""The outbox: events recorded through `shopplatform.events.emit_event` are stored here and fanned out on commit."""

from django.conf import settings
from django.db import transaction

from . import delivery
from .models import Event


def record_event(event_type: str, obj: dict) -> Event:
    """Store the event in the caller's transaction; deliveries are scheduled once it commits."""
    event = Event.objects.create(type=event_type, api_version=settings.API_VERSIONS[-1], data={"object": obj})
    transaction.on_commit(lambda: delivery.schedule_event(event.pk))
    return event
