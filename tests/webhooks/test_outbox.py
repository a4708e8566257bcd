"""No event is lost when the broker is down."""

import pytest

from shopplatform.celery import app as celery_app
from shopplatform.events import emit_event
from webhooks.models import Delivery
from webhooks.tasks import sweep_webhook_deliveries_task

from .factories import WebhookEndpointFactory


@pytest.fixture
def unreachable_broker():
    """Publish to a Redis port nobody listens on. Celery caches its connection pools, so they are reset around."""
    conf = celery_app.conf
    previous = conf.broker_url, conf.task_always_eager
    conf.broker_url, conf.task_always_eager = "redis://127.0.0.1:1/0", False
    celery_app._pool, celery_app.amqp._producer_pool = None, None
    yield
    conf.broker_url, conf.task_always_eager = previous
    celery_app._pool, celery_app.amqp._producer_pool = None, None


@pytest.mark.django_db
def test_events_emitted_while_the_broker_is_down_are_delivered_by_the_sweep(
    receiver, settings, unreachable_broker, django_capture_on_commit_callbacks
):
    endpoint = WebhookEndpointFactory(url=receiver.url("/hook"))
    receiver.secret = endpoint.secret
    settings.WEBHOOK_SWEEP_GRACE_SECONDS = 0

    with django_capture_on_commit_callbacks(execute=True):
        emit_event("wallet.transfer.succeeded", obj={"id": "trf_1", "amount_cents": 500})

    delivery = Delivery.objects.get()
    assert (delivery.status, receiver.requests) == (Delivery.Status.PENDING, [])

    celery_app.conf.task_always_eager = True  # the broker is back (eager stands in for it)
    sweep_webhook_deliveries_task()

    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.SUCCEEDED
    assert receiver.checks == [(True, True)]
