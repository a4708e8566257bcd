"""Celery tasks of webhook delivery, and the ways to enqueue a delivery.

A committed event's deliveries are not sent one message each: `enqueue_endpoint_drain` publishes one drain
message per endpoint while none is queued, marked by a cache key (`webhooks:drain-queued:<endpoint id>`, set with
add, i.e. SET NX). The drain task deletes the key before it reads the due deliveries, so a delivery committed
after that read sets the key again and publishes the next message; a delivery committed before it is in the read.
A drain message lost with its key still set holds the endpoint's new deliveries back until the key expires
(DRAIN_MARKER_SECONDS) or the sweep re-enqueues them (WEBHOOK_SWEEP_GRACE_SECONDS); nothing is lost.

Each task imports the delivery code it runs inside its body; `webhooks.delivery` never imports this module, so
the attempt and the sweep stay free of the broker and anyone may enqueue through here.
"""

import logging
from contextlib import suppress

from celery import shared_task
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError

from shopplatform.query_cache import CACHE_DOWN

from .models import Delivery

logger = logging.getLogger(__name__)

DRAIN_MARKER_SECONDS = 60  # a drain message is taken within this long, or the next delivery publishes another


def enqueue_delivery(delivery_id: int, *, countdown: float | None = None) -> None:
    """Hand the delivery to a worker; if the broker is down, leave it to the sweep."""
    try:
        deliver_webhook_task.apply_async((delivery_id,), countdown=countdown, retry=False)
    except OperationalError:
        logger.warning("Broker unavailable; delivery %s waits for the sweep", delivery_id)


def enqueue_endpoint_drain(endpoint_id: int) -> None:
    """Have a worker POST the endpoint's due deliveries: publish a drain message unless one is already queued.
    If the broker is down, the deliveries wait for the sweep."""
    if not _mark_drain_queued(endpoint_id):
        return
    try:
        drain_webhook_endpoint_task.apply_async((endpoint_id,), retry=False)
    except OperationalError:
        _clear_drain_marker(endpoint_id)  # nothing is queued: the next delivery must publish
        logger.warning("Broker unavailable; deliveries to endpoint %s wait for the sweep", endpoint_id)


def drain_marker(endpoint_id: int) -> str:
    return f"webhooks:drain-queued:{endpoint_id}"


def _mark_drain_queued(endpoint_id: int) -> bool:
    """Set the endpoint's marker unless it is set; True when the caller must publish (also while the cache is
    down: a message too many costs one query, a message too few delays deliveries until the sweep)."""
    try:
        return cache.add(drain_marker(endpoint_id), 1, DRAIN_MARKER_SECONDS)
    except CACHE_DOWN:
        return True


def _clear_drain_marker(endpoint_id: int) -> None:
    with suppress(*CACHE_DOWN):
        cache.delete(drain_marker(endpoint_id))


def enqueue_retry(delivery: Delivery | None) -> None:
    """When the attempt left the delivery retrying, enqueue its next attempt for when it is due (after commit)."""
    if delivery is None or delivery.status != Delivery.Status.RETRYING:
        return
    delivery_id = delivery.pk
    countdown = max((delivery.next_attempt_at - timezone.now()).total_seconds(), 0)
    transaction.on_commit(lambda: enqueue_delivery(delivery_id, countdown=countdown))


@shared_task(ignore_result=True)
def deliver_webhook_task(delivery_id: int) -> None:
    """Attempt this delivery, with other due ones of its endpoint, and hand what is left to a drain; safe to run
    twice (rows are locked and what is not due is skipped)."""
    from .delivery import attempt_due_batch

    posted, more = attempt_due_batch(delivery_id=delivery_id)
    for delivery in posted:
        enqueue_retry(delivery)
    if more:
        enqueue_endpoint_drain(posted[0].endpoint_id)


@shared_task(ignore_result=True)
def drain_webhook_endpoint_task(endpoint_id: int) -> None:
    """POST a batch of the endpoint's due deliveries, then hand what is left to the next drain message; safe to
    run twice (rows are locked and what is not due is skipped)."""
    from .delivery import drain_endpoint_batch

    _clear_drain_marker(endpoint_id)  # before the read: what commits after it publishes a message of its own
    posted, more = drain_endpoint_batch(endpoint_id=endpoint_id)
    for delivery in posted:
        enqueue_retry(delivery)
    if more:
        enqueue_endpoint_drain(endpoint_id)


@shared_task(ignore_result=True)
def sweep_webhook_deliveries_task() -> int:
    """Beat: enqueue what lost broker messages or dead workers left behind; return how many."""
    from .delivery import collect_deliveries_left_behind

    delivery_ids = collect_deliveries_left_behind()
    for delivery_id in delivery_ids:
        enqueue_delivery(delivery_id)
    return len(delivery_ids)


@shared_task(ignore_result=True)
def prune_webhook_history_task() -> int:
    """Beat, hourly: delete settled events past WEBHOOK_EVENT_RETENTION_DAYS with their deliveries; return how many."""
    from .retention import prune_webhook_history

    return prune_webhook_history()
