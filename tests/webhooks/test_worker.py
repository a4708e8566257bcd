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


@pytest.mark.worker
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_worker_delivers_committed_events_signed_with_both_schemes(receiver, worker_queue):
    endpoint = WebhookEndpointFactory(url=receiver.url("/hook"))
    receiver.secret = endpoint.secret

    for event_type, obj in EVENTS:
        with transaction.atomic():
            emit_event(event_type, obj=obj)

    requests = receiver.wait_for_requests(len(EVENTS), timeout=90)
    assert sorted(request.headers["X-Shop-Event"] for request in requests) == sorted(t for t, _ in EVENTS)
    assert receiver.checks == [(True, True)] * len(EVENTS)
    deadline = time.monotonic() + 20
    while Delivery.objects.exclude(status=Delivery.Status.SUCCEEDED).exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert set(Delivery.objects.values_list("status", flat=True)) == {Delivery.Status.SUCCEEDED}
