"""Outbox gauges read on every scrape of /metrics: backlog, age of the oldest undelivered event, failing endpoints
and the share of delivery attempts that failed over the last five minutes. Each is one indexed query."""

from datetime import timedelta

from django.db import DatabaseError
from django.db.models import Count, Min, Q
from django.utils import timezone
from prometheus_client.core import GaugeMetricFamily

from .models import Delivery, DeliveryAttempt, Event, WebhookEndpoint

RECENT = timedelta(minutes=5)
OPEN_STATUSES = (Delivery.Status.PENDING, Delivery.Status.RETRYING)


class OutboxCollector:
    def collect(self):
        """The gauges; none when the database does not answer (the process and request series still show)."""
        try:
            yield from self._gauges()
        except DatabaseError:
            return

    def _gauges(self):
        now = timezone.now()
        backlog = Delivery.objects.filter(status__in=OPEN_STATUSES).aggregate(
            count=Count("pk"), oldest=Min("event__created_at")
        )
        unfanned = Event.objects.filter(fanned_out=False).aggregate(count=Count("pk"), oldest=Min("created_at"))
        oldest = min((moment for moment in (backlog["oldest"], unfanned["oldest"]) if moment), default=None)
        attempts = DeliveryAttempt.objects.filter(created_at__gte=now - RECENT).aggregate(
            total=Count("pk"), ok=Count("pk", filter=Q(response_status__gte=200, response_status__lt=300))
        )
        yield _gauge("shop_outbox_undelivered_deliveries", "Deliveries pending or retrying.", backlog["count"])
        yield _gauge(
            "shop_outbox_events_not_fanned_out", "Events whose deliveries are not created yet.", unfanned["count"]
        )
        yield _gauge(
            "shop_outbox_oldest_undelivered_age_seconds",
            "Age of the oldest event not yet delivered everywhere (0 when none).",
            (now - oldest).total_seconds() if oldest else 0,
        )
        yield _gauge(
            "shop_webhook_endpoints_failing",
            "Active endpoints whose last deliveries failed.",
            WebhookEndpoint.objects.filter(active=True, failing_since__isnull=False).count(),
        )
        yield _gauge("shop_webhook_attempts_5m", "Delivery attempts in the last five minutes.", attempts["total"])
        yield _gauge(
            "shop_webhook_failure_ratio_5m",
            "Share of the last five minutes' delivery attempts that did not get a 2xx (0 when none).",
            (attempts["total"] - attempts["ok"]) / attempts["total"] if attempts["total"] else 0,
        )


def _gauge(name: str, documentation: str, value: float) -> GaugeMetricFamily:
    return GaugeMetricFamily(name, documentation, value=value)
