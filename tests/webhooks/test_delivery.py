"""Delivering events: signatures, retries, disabling, the outbox and the sweep."""

import json
from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from shopplatform.events import emit_event
from webhooks import delivery as delivery_machinery
from webhooks.models import Delivery, Event, WebhookEndpoint
from webhooks.services import rotate_endpoint_secret
from webhooks.tasks import sweep_webhook_deliveries_task

from .factories import DeliveryFactory, EventFactory, WebhookEndpointFactory

pytestmark = pytest.mark.django_db


def subscribe(receiver, **fields) -> WebhookEndpoint:
    endpoint = WebhookEndpointFactory(url=receiver.url("/hook"), **fields)
    receiver.secret = endpoint.secret
    return endpoint


def make_due(delivery: Delivery) -> None:
    Delivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())


def test_emitted_event_arrives_with_both_signatures_valid(receiver, django_capture_on_commit_callbacks):
    """JSON POST, X-Shop-Signature and Standard Webhooks both verify."""
    subscribe(receiver)

    with django_capture_on_commit_callbacks(execute=True):
        event = emit_event("product.created", obj={"id": "prod_1", "title": "Chair"})

    (request,) = receiver.wait_for_requests(1)
    assert receiver.checks == [(True, True)]
    assert request.headers["Content-Type"] == "application/json"
    assert request.headers["webhook-id"] == event.public_id
    assert json.loads(request.body) == {**event.payload(), "data": {"object": {"id": "prod_1", "title": "Chair"}}}
    assert Delivery.objects.get().status == Delivery.Status.SUCCEEDED


def test_body_sent_is_the_compact_json_of_the_payload_with_slashes_unescaped(receiver):
    """the signature covers the exact bytes sent."""
    delivery = DeliveryFactory(endpoint=subscribe(receiver))

    delivery_machinery.attempt_delivery(delivery_id=delivery.pk)

    delivery.event.refresh_from_db()  # as stored: PostgreSQL's jsonb orders keys its own way
    body = receiver.requests[0].body
    assert body == json.dumps(delivery.event.payload(), separators=(",", ":")).encode()
    assert b"https://x.test/a/b" in body


def test_every_attempt_is_logged_with_request_and_first_4_kb_of_response(receiver):
    delivery = DeliveryFactory(endpoint=subscribe(receiver))

    delivery_machinery.attempt_delivery(delivery_id=delivery.pk)

    delivery.refresh_from_db()
    (attempt,) = delivery.attempt_log.all()
    assert attempt.response_status == 200
    assert len(attempt.response_body) == 4096
    assert attempt.request_headers["X-Shop-Signature"].startswith("t=")
    assert attempt.request_body == receiver.requests[0].body.decode()
    assert (delivery.last_status_code, len(delivery.last_response_body)) == (200, 4096)
    assert delivery.last_duration_ms is not None


def test_only_subscribed_active_endpoints_get_deliveries(receiver, django_capture_on_commit_callbacks):
    """Subscribed: the type listed among others, or no list (every event); not a list without it, nor inactive."""
    subscribed = subscribe(receiver, events=["product.created", "order.created"])
    everything = WebhookEndpointFactory(events=[])
    WebhookEndpointFactory(events=["product.created", "order.created.later"])
    WebhookEndpointFactory(active=False, events=[])
    WebhookEndpointFactory(active=False, events=["order.created"])

    with django_capture_on_commit_callbacks(execute=True):
        emit_event("order.created", obj={"id": "ord_1"})

    assert set(Delivery.objects.values_list("endpoint", flat=True)) == {subscribed.pk, everything.pk}


def test_failed_attempts_follow_the_backoff_schedule_then_fail(receiver):
    """Retries after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h, then failed."""
    receiver.statuses = [500]
    delivery = DeliveryFactory(endpoint=subscribe(receiver))
    delays = []

    for _ in range(7):
        make_due(delivery)
        before = timezone.now()
        delivery = delivery_machinery.attempt_delivery(delivery_id=delivery.pk)
        assert delivery.status == Delivery.Status.RETRYING
        delays.append(round((delivery.next_attempt_at - before).total_seconds()))
    make_due(delivery)
    delivery = delivery_machinery.attempt_delivery(delivery_id=delivery.pk)

    assert delays == [5, 300, 1800, 7200, 18000, 36000, 36000]
    assert (delivery.status, delivery.attempts, delivery.next_attempt_at) == (Delivery.Status.FAILED, 8, None)
    assert delivery.attempt_log.count() == 8


def test_receiver_failing_twice_then_succeeding_gets_three_attempts(
    receiver, settings, django_capture_on_commit_callbacks
):
    settings.WEBHOOK_RETRY_SCHEDULE_SECONDS = [0, 0, 0]
    receiver.statuses = [503, 500, 200]
    subscribe(receiver)

    with django_capture_on_commit_callbacks(execute=True):
        emit_event("order.status_changed", obj={"id": "ord_1", "status": "sent"})

    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == (Delivery.Status.SUCCEEDED, 3)
    assert [attempt.response_status for attempt in delivery.attempt_log.all()] == [503, 500, 200]


def test_a_delivery_that_is_not_due_is_skipped(receiver):
    delivery = DeliveryFactory(endpoint=subscribe(receiver), next_attempt_at=timezone.now() + timedelta(minutes=5))

    delivery_machinery.attempt_delivery(delivery_id=delivery.pk)

    assert receiver.requests == []


def test_running_the_task_twice_delivers_once(receiver):
    delivery = DeliveryFactory(endpoint=subscribe(receiver))

    delivery_machinery.attempt_delivery(delivery_id=delivery.pk)
    delivery_machinery.attempt_delivery(delivery_id=delivery.pk)

    assert len(receiver.requests) == 1


def test_410_gone_disables_the_endpoint(receiver):
    receiver.statuses = [410]
    endpoint = subscribe(receiver)
    delivery = DeliveryFactory(endpoint=endpoint)

    delivery = delivery_machinery.attempt_delivery(delivery_id=delivery.pk)

    endpoint.refresh_from_db()
    assert delivery.status == Delivery.Status.FAILED
    assert (endpoint.active, endpoint.disabled_reason) == (False, "The endpoint answered 410 Gone.")


def test_endpoint_failing_for_three_days_is_disabled(receiver):
    receiver.statuses = [500]
    endpoint = subscribe(receiver, failing_since=timezone.now() - timedelta(days=3, minutes=1))
    delivery = DeliveryFactory(endpoint=endpoint)

    delivery_machinery.attempt_delivery(delivery_id=delivery.pk)

    endpoint.refresh_from_db()
    assert endpoint.active is False
    assert endpoint.disabled_at is not None
    assert "3 days" in endpoint.disabled_reason


def test_success_clears_the_failure_streak(receiver):
    endpoint = subscribe(receiver, failing_since=timezone.now() - timedelta(days=1))

    delivery_machinery.attempt_delivery(delivery_id=DeliveryFactory(endpoint=endpoint).pk)

    endpoint.refresh_from_db()
    assert endpoint.failing_since is None


def test_first_failure_starts_the_failure_streak(receiver):
    receiver.statuses = [500]
    endpoint = subscribe(receiver)

    delivery_machinery.attempt_delivery(delivery_id=DeliveryFactory(endpoint=endpoint).pk)

    endpoint.refresh_from_db()
    assert endpoint.failing_since is not None
    assert endpoint.active is True


def test_delivery_to_a_disabled_endpoint_fails_without_a_request(receiver):
    delivery = DeliveryFactory(endpoint=subscribe(receiver, active=False))

    delivery = delivery_machinery.attempt_delivery(delivery_id=delivery.pk)

    assert delivery.status == Delivery.Status.FAILED
    assert receiver.requests == []


def test_unreachable_endpoint_is_retried_with_the_error_logged(private_urls):
    delivery = DeliveryFactory(endpoint=WebhookEndpointFactory(url="http://127.0.0.1:9/hook"))

    delivery = delivery_machinery.attempt_delivery(delivery_id=delivery.pk)

    assert delivery.status == Delivery.Status.RETRYING
    assert delivery.last_status_code is None
    assert "Could not fetch" in delivery.last_error


def test_endpoint_now_resolving_to_a_private_address_is_refused_at_send_time():
    delivery = DeliveryFactory(endpoint=WebhookEndpointFactory(url="https://localhost/hook"))

    delivery = delivery_machinery.attempt_delivery(delivery_id=delivery.pk)

    assert delivery.last_error.startswith("Refused:")
    assert delivery.status == Delivery.Status.RETRYING


def test_rotated_secret_signs_with_both_secrets_for_24_hours(receiver):
    endpoint = subscribe(receiver)
    old_secret = endpoint.secret
    endpoint = rotate_endpoint_secret(endpoint=endpoint)

    for secret in (old_secret, endpoint.secret):
        receiver.secret = secret
        delivery_machinery.attempt_delivery(delivery_id=DeliveryFactory(endpoint=endpoint).pk)

    assert receiver.checks == [(True, True), (True, True)]
    assert receiver.requests[0].headers["X-Shop-Signature"].count("v1=") == 2


def test_previous_secret_stops_signing_after_24_hours(receiver):
    endpoint = subscribe(receiver)
    old_secret = endpoint.secret
    endpoint = rotate_endpoint_secret(endpoint=endpoint)
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(previous_secret_expires_at=timezone.now())
    receiver.secret = old_secret

    delivery_machinery.attempt_delivery(delivery_id=DeliveryFactory(endpoint=endpoint).pk)

    assert receiver.checks == [(False, False)]


def test_rolled_back_transaction_leaves_no_event_and_delivers_nothing(receiver, django_capture_on_commit_callbacks):
    """Outbox atomicity: the event exists only if the change it reports committed."""
    subscribe(receiver)

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        emit_event("product.updated", obj={"id": "prod_1"})
        raise RuntimeError("the change failed")

    assert Event.objects.count() == 0
    assert receiver.requests == []


def test_sweep_fans_out_events_whose_fan_out_never_ran(receiver, settings):
    settings.WEBHOOK_SWEEP_GRACE_SECONDS = 0
    subscribe(receiver)
    event = EventFactory(fanned_out=False)

    sweep_webhook_deliveries_task()

    event.refresh_from_db()
    assert event.fanned_out is True
    assert Delivery.objects.get().status == Delivery.Status.SUCCEEDED


def test_sweep_re_enqueues_due_deliveries_left_behind(receiver, settings):
    settings.WEBHOOK_SWEEP_GRACE_SECONDS = 0
    delivery = DeliveryFactory(endpoint=subscribe(receiver), next_attempt_at=timezone.now() - timedelta(minutes=10))

    assert sweep_webhook_deliveries_task() == 1

    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.SUCCEEDED


def test_sweep_leaves_recently_due_deliveries_to_their_own_message(receiver):
    DeliveryFactory(endpoint=subscribe(receiver), next_attempt_at=timezone.now())

    assert sweep_webhook_deliveries_task() == 0
