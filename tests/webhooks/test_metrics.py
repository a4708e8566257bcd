"""The outbox gauges on /metrics: backlog, oldest undelivered age, failing endpoints, recent failure ratio."""

from datetime import timedelta

import pytest
from django.utils import timezone
from prometheus_client.parser import text_string_to_metric_families

from tests.factories import DeliveryFactory, EventFactory, WebhookEndpointFactory
from webhooks.models import DeliveryAttempt, Event

pytestmark = pytest.mark.django_db

TOKEN = "metrics-token-for-webhook-tests-0123"


@pytest.fixture
def gauges(client, settings):
    """Scrape /metrics with the token; return {metric name: value} of the unlabelled samples."""
    settings.METRICS_TOKEN = TOKEN

    def read() -> dict[str, float]:
        response = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
        assert response.status_code == 200
        families = text_string_to_metric_families(response.content.decode())
        return {sample.name: sample.value for family in families for sample in family.samples if not sample.labels}

    return read


def test_outbox_gauges_are_zero_when_everything_was_delivered(gauges):
    DeliveryFactory(status="succeeded", next_attempt_at=None)

    values = gauges()

    assert values["shop_outbox_undelivered_deliveries"] == 0
    assert values["shop_outbox_oldest_undelivered_age_seconds"] == 0


def test_outbox_backlog_counts_pending_and_retrying_deliveries(gauges):
    DeliveryFactory(status="pending")
    DeliveryFactory(status="retrying")
    DeliveryFactory(status="failed", next_attempt_at=None)

    assert gauges()["shop_outbox_undelivered_deliveries"] == 2


def test_oldest_undelivered_age_is_the_age_of_the_oldest_open_event(gauges):
    old = EventFactory()
    Event.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(minutes=10))
    DeliveryFactory(event=old, status="retrying")
    DeliveryFactory(status="pending")

    age = gauges()["shop_outbox_oldest_undelivered_age_seconds"]

    assert 600 <= age < 660


def test_events_not_fanned_out_count_in_the_backlog_age(gauges):
    forgotten = EventFactory(fanned_out=False)
    Event.objects.filter(pk=forgotten.pk).update(created_at=timezone.now() - timedelta(minutes=3))

    values = gauges()

    assert values["shop_outbox_events_not_fanned_out"] == 1
    assert 180 <= values["shop_outbox_oldest_undelivered_age_seconds"] < 240


def test_failing_endpoints_are_counted(gauges):
    WebhookEndpointFactory(failing_since=timezone.now())
    WebhookEndpointFactory()

    assert gauges()["shop_webhook_endpoints_failing"] == 1


def test_failure_ratio_is_the_share_of_recent_attempts_without_a_2xx(gauges):
    delivery = DeliveryFactory()
    for status in (200, 204, 500, None):
        DeliveryAttempt.objects.create(
            delivery=delivery, url="https://x.test/", request_body="{}", response_status=status
        )

    values = gauges()

    assert values["shop_webhook_attempts_5m"] == 4
    assert values["shop_webhook_failure_ratio_5m"] == 0.5
