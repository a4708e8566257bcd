"""A committed burst of events reaches an endpoint through one drain message per batch, not one per delivery; each
delivery is POSTed once, and a drain message that is lost is made up for by the sweep."""

import json
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from shopplatform.events import emit_event
from webhooks.models import Delivery, DeliveryAttempt
from webhooks.tasks import (
    DRAIN_MARKER_SECONDS,
    drain_marker,
    drain_webhook_endpoint_task,
    sweep_webhook_deliveries_task,
)

from .conftest import use_broker, work_off
from .factories import DeliveryFactory, WebhookEndpointFactory

pytestmark = pytest.mark.django_db

DRAIN = "drain_webhook_endpoint_task"


@pytest.fixture
def endpoint(receiver):
    subscribed = WebhookEndpointFactory(url=receiver.url("/hook"))
    receiver.secret = subscribed.secret
    return subscribed


@pytest.fixture
def emit(django_capture_on_commit_callbacks):
    """Emit `count` events, each in its own transaction, with their on-commit fan-out run."""

    def emit_events(count: int, prefix: str = "prod_") -> None:
        for number in range(count):
            with django_capture_on_commit_callbacks(execute=True):
                emit_event("product.updated", obj={"id": f"{prefix}{number}"})

    return emit_events


def sent_event_ids(receiver) -> list[str]:
    return sorted(json.loads(request.body)["id"] for request in receiver.requests)


def delivered_once(endpoint) -> bool:
    deliveries = Delivery.objects.filter(endpoint=endpoint)
    outcomes = set(deliveries.values_list("status", "attempts"))
    return outcomes == {(Delivery.Status.SUCCEEDED, 1)} and DeliveryAttempt.objects.count() == deliveries.count()


def test_a_burst_of_30_events_reaches_its_endpoint_through_one_message(receiver, endpoint, published, emit):
    emit(30)

    ran = work_off(published)

    assert ran == [DRAIN]
    assert sent_event_ids(receiver) == sorted(Delivery.objects.values_list("event__public_id", flat=True))
    assert len(receiver.requests) == 30 and receiver.checks == [(True, True)] * 30
    assert delivered_once(endpoint)


def test_a_backlog_longer_than_a_batch_is_handed_from_message_to_message(receiver, endpoint, published, emit):
    emit(120)

    ran = work_off(published)

    assert ran == [DRAIN] * 3  # 50, 50 and 20
    assert len(set(sent_event_ids(receiver))) == len(receiver.requests) == 120
    assert delivered_once(endpoint)


def test_a_delivery_committed_after_a_drain_ran_gets_a_message_of_its_own(receiver, endpoint, published, emit):
    emit(2, prefix="first_")  # one message: the second event found it queued
    first_run = work_off(published)

    emit(1, prefix="later_")

    assert first_run == [DRAIN]
    assert published == [(f"webhooks.tasks.{DRAIN}", (endpoint.pk,))]
    assert work_off(published) == [DRAIN]
    assert len(receiver.requests) == 3 and delivered_once(endpoint)


def test_each_endpoint_gets_its_own_drain(receiver, published, emit):
    receiver.secret = "whsec_" + "A" * 32  # both endpoints share it, so the receiver verifies both
    endpoints = [WebhookEndpointFactory(url=receiver.url(f"/hook?n={n}"), secret=receiver.secret) for n in range(2)]

    emit(5)

    assert sorted(args for _, args in published) == [(endpoints[0].pk,), (endpoints[1].pk,)]
    assert work_off(published) == [DRAIN, DRAIN]
    assert sorted(request.path for request in receiver.requests) == ["/hook?n=0"] * 5 + ["/hook?n=1"] * 5


def test_a_drain_stops_at_the_first_failure_and_hands_the_rest_on(receiver, endpoint, published, emit):
    receiver.statuses = [200, 500, 200]
    emit(4)

    ran = work_off(published)

    assert ran == [DRAIN, DRAIN]  # the first POSTs two (the second fails), the next takes the other two
    assert len(receiver.requests) == 4
    assert sorted(Delivery.objects.values_list("status", "attempts")) == [
        (Delivery.Status.RETRYING, 1),
        *[(Delivery.Status.SUCCEEDED, 1)] * 3,
    ]


def test_a_drain_of_a_disabled_endpoint_fails_its_due_deliveries_without_a_request(receiver, endpoint):
    deliveries = [DeliveryFactory(endpoint=endpoint) for _ in range(3)]
    endpoint.active = False
    endpoint.save()

    drain_webhook_endpoint_task(endpoint.pk)

    assert receiver.requests == []
    assert set(Delivery.objects.filter(pk__in=[d.pk for d in deliveries]).values_list("status", "last_error")) == {
        (Delivery.Status.FAILED, "The endpoint is disabled.")
    }


def test_a_drain_logs_each_attempt_and_records_each_outcome(receiver, endpoint):
    receiver.statuses = [200, 200, 503]
    deliveries = [DeliveryFactory(endpoint=endpoint) for _ in range(3)]

    drain_webhook_endpoint_task(endpoint.pk)

    attempts = {attempt.delivery_id: attempt for attempt in DeliveryAttempt.objects.all()}
    for delivery, request in zip(deliveries, receiver.requests, strict=True):
        attempt = attempts[delivery.pk]
        assert (attempt.url, attempt.request_body.encode()) == (endpoint.url, request.body)
        assert attempt.request_headers == {name: request.headers[name] for name in attempt.request_headers}
        assert abs(timezone.now() - attempt.created_at) < timedelta(seconds=30)
    outcomes = Delivery.objects.filter(endpoint=endpoint).order_by("pk")
    assert [(d.status, d.attempts, d.last_status_code, d.last_error) for d in outcomes] == [
        (Delivery.Status.SUCCEEDED, 1, 200, ""),
        (Delivery.Status.SUCCEEDED, 1, 200, ""),
        (Delivery.Status.RETRYING, 1, 503, ""),
    ]
    for delivery in outcomes:
        attempt = attempts[delivery.pk]
        assert delivery.last_response_body == attempt.response_body == ("received " + "x" * 5000)[:4096]
        assert delivery.last_duration_ms == attempt.duration_ms
    succeeded, _, retrying = outcomes
    assert abs(timezone.now() - succeeded.delivered_at) < timedelta(seconds=30) and succeeded.next_attempt_at is None
    assert retrying.delivered_at is None
    assert timedelta(seconds=4) < retrying.next_attempt_at - attempts[retrying.pk].created_at <= timedelta(seconds=5)


@pytest.mark.parametrize("count", [5, 30])
def test_a_drain_costs_the_same_queries_whatever_its_size(receiver, endpoint, django_assert_num_queries, count):
    for _ in range(count):
        DeliveryFactory(endpoint=endpoint)

    # savepoint, the due rows locked, the attempts, the outcomes, savepoint release
    with django_assert_num_queries(5):
        drain_webhook_endpoint_task(endpoint.pk)

    assert len(receiver.requests) == count


def test_a_lost_drain_message_is_made_up_for_by_the_sweep(receiver, endpoint, settings, emit):
    settings.WEBHOOK_SWEEP_GRACE_SECONDS = 0
    cache.add(drain_marker(endpoint.pk), 1, DRAIN_MARKER_SECONDS)  # a drain was published, then lost with Redis

    emit(3)

    assert receiver.requests == []  # the marker said a drain was queued: nothing more was published
    sweep_webhook_deliveries_task()
    assert len(receiver.requests) == 3 and delivered_once(endpoint)


def test_a_drain_that_could_not_be_published_leaves_no_marker_behind(receiver, endpoint, unreachable_broker, emit):
    emit(1, prefix="while_down_")

    use_broker("memory://", eager=True)  # the broker is back (eager stands in for it)
    emit(1, prefix="after_")

    assert len(receiver.requests) == 2 and delivered_once(endpoint)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_drain_skips_deliveries_another_worker_holds(receiver, endpoint):
    held, free = DeliveryFactory(endpoint=endpoint), DeliveryFactory(endpoint=endpoint)
    other_worker = connection.copy()
    try:
        other_worker.connect()
        with other_worker.connection.transaction():  # its batch holds `held` locked
            other_worker.connection.execute(
                f"SELECT id FROM {Delivery._meta.db_table} WHERE id = %s FOR UPDATE", [held.pk]
            )

            drain_webhook_endpoint_task(endpoint.pk)
    finally:
        other_worker.close()

    assert sent_event_ids(receiver) == [free.event.public_id]
    assert Delivery.objects.get(pk=held.pk).status == Delivery.Status.PENDING


def test_a_cache_that_is_down_costs_messages_not_deliveries(receiver, endpoint, published, emit, monkeypatch):
    """Without the marker every committed event publishes its own drain; each delivery is still POSTed once."""
    from django_redis.exceptions import ConnectionInterrupted

    from webhooks import tasks

    def down(*args, **kwargs):
        raise ConnectionInterrupted(connection=None)

    monkeypatch.setattr(tasks.cache, "add", down)
    monkeypatch.setattr(tasks.cache, "delete", down)
    emit(3)

    ran = work_off(published)

    assert ran == [DRAIN] * 3  # the first POSTs all three; the others find nothing due
    assert len(receiver.requests) == 3 and delivered_once(endpoint)


def synchronous_commit() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        return cursor.fetchone()[0]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_batch_commits_without_waiting_for_the_disk_and_only_itself(receiver, endpoint, emit):
    """The batch's own transaction turns synchronous_commit off (a lost outcome means a duplicate POST, which
    receivers handle); the setting ends with it, and a caller's transaction is never relaxed."""
    from django.db import transaction
    from django.test.utils import CaptureQueriesContext

    from webhooks.delivery import drain_endpoint_batch

    emit(3)
    Delivery.objects.update(status=Delivery.Status.PENDING, attempts=0)
    with CaptureQueriesContext(connection) as queries:
        posted, _ = drain_endpoint_batch(endpoint_id=endpoint.pk)
    relaxed = [query["sql"] for query in queries if "synchronous_commit" in query["sql"]]

    assert len(posted) == 3 and relaxed == ["SET LOCAL synchronous_commit TO OFF"]
    assert synchronous_commit() == "on"
    Delivery.objects.update(status=Delivery.Status.PENDING)
    with transaction.atomic():
        assert len(drain_endpoint_batch(endpoint_id=endpoint.pk)[0]) == 3
        assert synchronous_commit() == "on"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_fan_out_commits_without_waiting_for_the_disk(endpoint):
    """A lost fan-out is run again by the sweep (the event is committed by its own transaction): its transaction
    has synchronous_commit off from its first statement to its commit, and the setting ends with it. Inside a
    caller's transaction the fan-out leaves the setting alone."""
    from django.db import transaction

    from webhooks.delivery import fan_out_event
    from webhooks.models import Event

    seen_after_claim = []

    def observe(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if "fanned_out = TRUE" in sql:
            seen_after_claim.append(synchronous_commit())  # the same connection, still in the fan-out's transaction
        return result

    def fan_out_again(event) -> list:
        Delivery.objects.filter(event=event).delete()  # undo the on-commit fan-out: the call below is under test
        Event.objects.filter(pk=event.pk).update(fanned_out=False)
        with connection.execute_wrapper(observe):
            return fan_out_event(event_pk=event.pk)

    with transaction.atomic():
        event = emit_event("product.updated", obj={"id": "prod_1"})
    deliveries = fan_out_again(event)

    assert [delivery.endpoint_id for delivery in deliveries] == [endpoint.pk]
    assert Delivery.objects.get(event=event).endpoint_id == endpoint.pk
    assert seen_after_claim == ["off"]
    assert synchronous_commit() == "on"
    with transaction.atomic():
        assert [delivery.endpoint_id for delivery in fan_out_again(event)] == [endpoint.pk]
        assert synchronous_commit() == "on"
    assert seen_after_claim == ["off", "on"]
