"""When the database refuses the fan-out that runs on commit (webhooks.events.schedule_event), the failure is
logged with the event's id and the sweep delivers the event later. Written against the outbox's mutation run
(docs/testing.md)."""

import logging

import pytest
from django.db import OperationalError, connection

from shopplatform.events import emit_event
from webhooks.models import Delivery
from webhooks.tasks import sweep_webhook_deliveries_task

from .factories import WebhookEndpointFactory

pytestmark = pytest.mark.django_db


def refuse_delivery_writes(execute, sql, params, many, context):
    """A database that takes every statement except writes to the deliveries table."""
    if sql.lstrip().upper().startswith("INSERT") and Delivery._meta.db_table in sql:
        raise OperationalError("the database refused the write")
    return execute(sql, params, many, context)


@pytest.fixture
def subscribed(receiver):
    endpoint = WebhookEndpointFactory(url=receiver.url("/hook"))
    receiver.secret = endpoint.secret
    return endpoint


def emit_while_deliveries_cannot_be_written(capture_on_commit):
    with connection.execute_wrapper(refuse_delivery_writes), capture_on_commit(execute=True):
        return emit_event("product.created", obj={"id": "prod_1"})


def test_a_failed_fan_out_is_logged_naming_the_event_and_sends_nothing(
    receiver, subscribed, caplog, django_capture_on_commit_callbacks
):
    # when the fan-out after commit cannot write the deliveries
    with caplog.at_level(logging.ERROR, logger="webhooks.events"):
        event = emit_while_deliveries_cannot_be_written(django_capture_on_commit_callbacks)

    # then the failure is logged with its traceback, and nothing was created or sent
    (record,) = [record for record in caplog.records if record.name == "webhooks.events"]
    assert record.levelno == logging.ERROR
    assert record.getMessage() == f"Fan-out of event {event.pk} failed; the sweep will retry it"
    assert record.exc_info is not None and isinstance(record.exc_info[1], OperationalError)
    event.refresh_from_db()
    assert event.fanned_out is False
    assert not Delivery.objects.exists()
    assert receiver.requests == []


def test_an_event_whose_fan_out_failed_is_delivered_by_the_sweep(
    receiver, subscribed, settings, django_capture_on_commit_callbacks
):
    settings.WEBHOOK_SWEEP_GRACE_SECONDS = 0
    event = emit_while_deliveries_cannot_be_written(django_capture_on_commit_callbacks)

    sweep_webhook_deliveries_task()

    delivery = Delivery.objects.get()
    assert (delivery.event_id, delivery.status) == (event.pk, Delivery.Status.SUCCEEDED)
    assert receiver.checks == [(True, True)]
