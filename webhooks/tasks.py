"""Celery tasks of webhook delivery, and the one way to enqueue a delivery.

Each task imports the delivery code it runs inside its body; `webhooks.delivery` never imports this module, so
the attempt and the sweep stay free of the broker and anyone may enqueue through here.
"""

import logging

from celery import shared_task
from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError

from .models import Delivery

logger = logging.getLogger(__name__)


def enqueue_delivery(delivery_id: int, *, countdown: float | None = None) -> None:
    """Hand the delivery to a worker; if the broker is down, leave it to the sweep."""
    try:
        deliver_webhook_task.apply_async((delivery_id,), countdown=countdown, retry=False)
    except OperationalError:
        logger.warning("Broker unavailable; delivery %s waits for the sweep", delivery_id)


def enqueue_retry(delivery: Delivery | None) -> None:
    """When the attempt left the delivery retrying, enqueue its next attempt for when it is due (after commit)."""
    if delivery is None or delivery.status != Delivery.Status.RETRYING:
        return
    delivery_id = delivery.pk
    countdown = max((delivery.next_attempt_at - timezone.now()).total_seconds(), 0)
    transaction.on_commit(lambda: enqueue_delivery(delivery_id, countdown=countdown))


@shared_task(ignore_result=True)
def deliver_webhook_task(delivery_id: int) -> None:
    """Attempt this delivery, with other due ones of its endpoint; safe to run twice (rows are locked and what is
    not due is skipped)."""
    from .delivery import attempt_due_batch

    for delivery in attempt_due_batch(delivery_id=delivery_id):
        enqueue_retry(delivery)


@shared_task(ignore_result=True)
def sweep_webhook_deliveries_task() -> int:
    """Beat: enqueue what lost broker messages or dead workers left behind; return how many."""
    from .delivery import collect_deliveries_left_behind

    delivery_ids = collect_deliveries_left_behind()
    for delivery_id in delivery_ids:
        enqueue_delivery(delivery_id)
    return len(delivery_ids)
