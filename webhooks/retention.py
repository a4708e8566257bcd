"""How long the outbox keeps what it sent: events older than WEBHOOK_EVENT_RETENTION_DAYS go, with their deliveries
and the log of every attempt, once nothing about them is still to be sent.

Every order writes an event, and each event a delivery and attempt logs per endpoint, all of it carrying the order
as the API renders it (the buyer's e-mail and addresses). Kept forever, the tables and their indexes grow with
every sale and personal data outlives its use. An event stays, whatever its age, while it is not fanned out or
one of its deliveries is pending or retrying; it goes with the first prune after all of them succeeded or failed.

The beat task prunes every hour, in batches of PRUNE_BATCH events, each its own short transaction. A batch locks
the deliveries of the events it read before deleting them: a redelivery (which locks its delivery) that commits
first keeps its event; one that comes after finds its delivery gone and is told so (404).
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from .delivery import OPEN_STATUSES
from .models import Delivery, Event

PRUNE_BATCH = 500


def prune_webhook_history(*, now: datetime | None = None, batch: int = PRUNE_BATCH) -> int:
    """Delete the events past retention whose deliveries are all settled, with those deliveries and their
    attempt logs; return how many events went. WEBHOOK_EVENT_RETENTION_DAYS = 0 keeps everything."""
    days = settings.WEBHOOK_EVENT_RETENTION_DAYS
    if days <= 0:
        return 0
    cutoff = (now or timezone.now()) - timedelta(days=days)
    pruned = 0
    while True:
        deleted, read = _prune_batch(cutoff, batch)
        pruned += deleted
        if read < batch:
            return pruned


@transaction.atomic
def _prune_batch(cutoff: datetime, batch: int) -> tuple[int, int]:
    """Delete one batch of the oldest settled events before `cutoff`; return (deleted, read)."""
    open_delivery = Delivery.objects.filter(event=OuterRef("pk"), status__in=OPEN_STATUSES)
    settled = Event.objects.filter(created_at__lt=cutoff, fanned_out=True).exclude(Exists(open_delivery))
    event_ids = list(settled.order_by("pk").values_list("pk", flat=True)[:batch])
    if not event_ids:
        return 0, 0
    reopened = {
        event_id
        for event_id, status in Delivery.objects.select_for_update()
        .filter(event_id__in=event_ids)
        .order_by("pk")
        .values_list("event_id", "status")
        if status in OPEN_STATUSES
    }
    gone = [event_id for event_id in event_ids if event_id not in reopened]
    # Django deletes the attempt logs, the deliveries and the events by id: three DELETEs, whatever the batch holds.
    deleted = Event.objects.filter(pk__in=gone).only("pk").delete()[1].get(Event._meta.label, 0)
    return deleted, len(event_ids)
