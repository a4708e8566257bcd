"""A real Celery worker on Redis delivers committed events, signed, to a loopback receiver."""

import time

import pytest
from django.db import transaction

from shopplatform.events import emit_event
from tests.celery_worker import running_worker
from webhooks.models import Delivery

from .factories import WebhookEndpointFactory

EVENTS = [
    ("product.updated", {"id": "prod_1", "title": "Chair"}),
    ("order.status_changed", {"id": "ord_1", "status": "sent"}),
    ("wallet.transfer.succeeded", {"id": "trf_1", "amount_cents": 1250, "currency": "EUR"}),
]


@pytest.fixture
def worker_queue(settings):
    """A worker whose queue receives the webhook tasks (WEBHOOK_QUEUE), allowed to reach the loopback receiver."""
    with running_worker(env={"SHOP_ALLOW_PRIVATE_URLS": "true"}) as (_, queue):
        settings.WEBHOOK_QUEUE = queue
        yield queue


@pytest.fixture
def subscribed(receiver):
    endpoint = WebhookEndpointFactory(url=receiver.url("/hook"))
    receiver.secret = endpoint.secret
    return endpoint


def emit_each_in_its_own_transaction(events: list[tuple[str, dict]]) -> None:
    for event_type, obj in events:
        with transaction.atomic():
            emit_event(event_type, obj=obj)


def wait_until_no_delivery_is_open(seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while Delivery.objects.exclude(status=Delivery.Status.SUCCEEDED).exists() and time.monotonic() < deadline:
        time.sleep(0.2)


@pytest.mark.worker
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_worker_delivers_committed_events_signed_with_both_schemes(receiver, subscribed, worker_queue):
    emit_each_in_its_own_transaction(EVENTS)

    requests = receiver.wait_for_requests(len(EVENTS), timeout=90)
    assert sorted(request.headers["X-Shop-Event"] for request in requests) == sorted(t for t, _ in EVENTS)
    assert receiver.checks == [(True, True)] * len(EVENTS)
    wait_until_no_delivery_is_open()
    assert set(Delivery.objects.values_list("status", flat=True)) == {Delivery.Status.SUCCEEDED}


@pytest.mark.worker
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_worker_delivers_a_burst_of_events_each_once(receiver, subscribed, worker_queue):
    emit_each_in_its_own_transaction([("product.updated", {"id": f"prod_{number}"}) for number in range(30)])

    receiver.wait_for_requests(30, timeout=90)
    wait_until_no_delivery_is_open()
    assert sorted(request.headers["webhook-id"] for request in receiver.requests) == sorted(
        Delivery.objects.values_list("event__public_id", flat=True)
    )
    assert set(Delivery.objects.values_list("status", "attempts")) == {(Delivery.Status.SUCCEEDED, 1)}
    assert receiver.checks == [(True, True)] * 30
