"""No event is lost when the broker is down."""

import pytest

from shopplatform.celery import app as celery_app
from shopplatform.events import emit_event
from webhooks.models import Delivery
from webhooks.tasks import sweep_webhook_deliveries_task

from .factories import WebhookEndpointFactory


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
