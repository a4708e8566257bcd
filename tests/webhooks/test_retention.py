"""The outbox keeps events for WEBHOOK_EVENT_RETENTION_DAYS, then prunes the settled ones (webhooks/retention.py)."""

import threading
import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from shopplatform.celery import app as celery_app
from shopplatform.errors import NotFound
from webhooks import services
from webhooks.models import Delivery, DeliveryAttempt, Event
from webhooks.retention import prune_webhook_history

from .factories import DeliveryFactory, EventFactory, WebhookEndpointFactory

pytestmark = pytest.mark.django_db

Status = Delivery.Status


@pytest.fixture(autouse=True)
def _thirty_days(settings):
    settings.WEBHOOK_EVENT_RETENTION_DAYS = 30


def event(*, days_old: float, fanned_out: bool = True, deliveries: tuple[str, ...] = ()) -> Event:
    """An event created `days_old` days ago, with one delivery (and its attempt log) per status given."""
    made = EventFactory(fanned_out=fanned_out)
    Event.objects.filter(pk=made.pk).update(created_at=timezone.now() - timedelta(days=days_old))
    for status in deliveries:
        delivery = DeliveryFactory(event=made, endpoint=WebhookEndpointFactory(), status=status)
        DeliveryAttempt.objects.create(delivery=delivery, url=delivery.endpoint.url, request_body="{}")
    return made


def remaining(*events: Event) -> list[Event]:
    return [made for made in events if Event.objects.filter(pk=made.pk).exists()]


def test_settled_events_past_retention_go_with_their_deliveries_and_attempt_logs():
    settled = event(days_old=31, deliveries=(Status.SUCCEEDED, Status.FAILED))
    unheard = event(days_old=40)  # nobody subscribed: no deliveries at all
    retrying = event(days_old=31, deliveries=(Status.SUCCEEDED, Status.RETRYING))
    pending = event(days_old=31, deliveries=(Status.PENDING,))
    not_fanned_out = event(days_old=31, fanned_out=False)
    recent = event(days_old=29, deliveries=(Status.SUCCEEDED,))

    assert prune_webhook_history() == 2

    assert remaining(settled, unheard, retrying, pending, not_fanned_out, recent) == [
        retrying,
        pending,
        not_fanned_out,
        recent,
    ]
    assert not Delivery.objects.filter(event=settled).exists()
    assert sorted(DeliveryAttempt.objects.values_list("delivery__event", flat=True)) == sorted(
        [retrying.pk, retrying.pk, pending.pk, recent.pk]
    )


def test_an_event_goes_with_the_first_prune_after_its_last_delivery_settles():
    retrying = event(days_old=31, deliveries=(Status.RETRYING,))
    assert prune_webhook_history() == 0

    Delivery.objects.filter(event=retrying).update(status=Status.FAILED)

    assert prune_webhook_history() == 1
    assert remaining(retrying) == []


def test_a_retention_of_zero_days_keeps_every_event(settings):
    settings.WEBHOOK_EVENT_RETENTION_DAYS = 0
    old = event(days_old=3650, deliveries=(Status.SUCCEEDED,))

    assert prune_webhook_history() == 0
    assert remaining(old) == [old]


def test_a_backlog_longer_than_a_batch_is_pruned_in_one_run_with_the_same_statements_per_batch(
    django_assert_num_queries,
):
    kept = event(days_old=31, deliveries=(Status.PENDING,))  # read by no batch, ahead of the others by id
    old = [event(days_old=31 + number, deliveries=(Status.SUCCEEDED,)) for number in range(5)]

    # 3 batches (2 + 2 + 1 events), 9 statements each: its transaction's two, the read, the lock, the ids of the
    # events and of their deliveries, and one DELETE each for attempt logs, deliveries and events.
    with django_assert_num_queries(3 * 9):
        assert prune_webhook_history(batch=2) == 5

    assert remaining(kept, *old) == [kept]


def test_the_hourly_beat_task_is_registered_and_prunes():
    entry = settings.CELERY_BEAT_SCHEDULE["prune-webhook-history"]
    assert entry["schedule"] == 3600.0
    old = event(days_old=31, deliveries=(Status.FAILED,))

    celery_app.tasks[entry["task"]].delay()

    assert remaining(old) == []


def test_redelivering_a_delivery_pruned_since_it_was_read_is_not_found():
    old = event(days_old=31, deliveries=(Status.FAILED,))
    read_before = Delivery.objects.get(event=old)
    prune_webhook_history()

    with pytest.raises(NotFound, match="retention period"):
        services.redeliver(delivery=read_before)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_redelivery_committing_while_the_prune_runs_keeps_its_event(published):
    """The prune reads the event as settled, then waits for the delivery's lock, held by a redelivery that makes
    it pending again: once that commits, the prune must leave the event and its delivery alone."""
    old = event(days_old=31, deliveries=(Status.FAILED,))
    other = event(days_old=31, deliveries=(Status.SUCCEEDED,))
    delivery = Delivery.objects.get(event=old)
    locked, release, outcome = threading.Event(), threading.Event(), {}

    def redeliver() -> None:
        try:
            with transaction.atomic():
                services.redeliver(delivery=delivery)
                locked.set()
                release.wait(10)
        finally:
            connection.close()

    def prune() -> None:
        try:
            outcome["pruned"] = prune_webhook_history()
        finally:
            connection.close()

    redelivery = threading.Thread(target=redeliver)
    redelivery.start()
    assert locked.wait(10)
    pruning = threading.Thread(target=prune)
    pruning.start()
    _wait_until_a_query_waits_for_a_lock()
    release.set()
    redelivery.join(10)
    pruning.join(10)

    assert outcome == {"pruned": 1}
    assert remaining(old, other) == [old]
    assert Delivery.objects.get(pk=delivery.pk).status == Status.PENDING
    assert published == [("webhooks.tasks.deliver_webhook_task", (delivery.pk,))]


def _wait_until_a_query_waits_for_a_lock() -> None:
    with connection.cursor() as cursor:
        for _ in range(200):
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                return
            time.sleep(0.05)
    raise AssertionError("the prune never waited for the redelivery's lock")
