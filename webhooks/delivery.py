"""Getting events to endpoints: fan-out of the outbox, one delivery attempt, and what the sweep picks up.

A delivery task is enqueued when the event's transaction commits; the sweep (beat, every minute) fans out events
whose on-commit fan-out never ran and re-enqueues due deliveries that no worker took for
WEBHOOK_SWEEP_GRACE_SECONDS (a message lost with Redis, a worker that died mid-delivery). Enqueueing twice is
harmless: an attempt locks its delivery row and skips it unless it is still due. Nothing here talks to the
broker: the callers (`webhooks.tasks`, `webhooks.events`, `webhooks.services`) enqueue what these functions return.
"""

import json
import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from shopplatform import net

from .models import Delivery, DeliveryAttempt, Event, WebhookEndpoint
from .signing import signature_headers

logger = logging.getLogger(__name__)

LOG_BYTES = 4096
SWEEP_BATCH = 500
USER_AGENT = "Shopplatform-Webhooks/1"
OPEN_STATUSES = (Delivery.Status.PENDING, Delivery.Status.RETRYING)


def https_required() -> bool:
    """Endpoints must use https in production; DEBUG and SHOP_ALLOW_PRIVATE_URLS (tests) relax it."""
    return not settings.DEBUG and not settings.SHOP_ALLOW_PRIVATE_URLS


def payload_bytes(event: Event) -> bytes:
    """The exact bytes sent and signed: compact JSON, UTF-8, slashes unescaped."""
    return json.dumps(event.payload(), separators=(",", ":"), ensure_ascii=False).encode()


def fan_out_event(*, event_pk: int) -> list[int]:
    """Create the deliveries of an event for every active subscribed endpoint; return the due ones' ids."""
    event = Event.objects.filter(pk=event_pk).first()
    if event is None:
        return []
    endpoints = [
        endpoint for endpoint in WebhookEndpoint.objects.filter(active=True) if endpoint.subscribes_to(event.type)
    ]
    with transaction.atomic():
        Delivery.objects.bulk_create(
            [Delivery(endpoint=endpoint, event=event) for endpoint in endpoints], ignore_conflicts=True
        )
        Event.objects.filter(pk=event.pk).update(fanned_out=True)
    return list(
        Delivery.objects.filter(event=event, status=Delivery.Status.PENDING, attempts=0).values_list("pk", flat=True)
    )


def attempt_delivery(*, delivery_id: int, include_inactive: bool = False) -> Delivery | None:
    """POST a due delivery once and record the outcome; skip it if it succeeded, gave up or is not due yet.

    Deliveries to an inactive endpoint fail without a request, except with include_inactive (test pings). A
    delivery left `retrying` has `next_attempt_at` set; the caller enqueues that attempt (`tasks.enqueue_retry`).
    """
    delivery, _posted = _attempt(delivery_id=delivery_id, include_inactive=include_inactive)
    return delivery


def attempt_due_delivery(*, delivery_id: int) -> Delivery | None:
    """Like attempt_delivery, but return the delivery only when this call POSTed it.

    A duplicate or early message finds the delivery not due and returns None, so its caller does not schedule
    yet another retry for an attempt that is already scheduled (one message per attempt, never a loop).
    """
    delivery, posted = _attempt(delivery_id=delivery_id, include_inactive=False)
    return delivery if posted else None


def _attempt(*, delivery_id: int, include_inactive: bool) -> tuple[Delivery | None, bool]:
    with transaction.atomic():
        delivery = (
            Delivery.objects.select_for_update(of=("self",))
            .select_related("endpoint", "event")
            .filter(pk=delivery_id)
            .first()
        )
        now = timezone.now()
        if delivery is None or delivery.status not in OPEN_STATUSES:
            return delivery, False
        if delivery.next_attempt_at and delivery.next_attempt_at > now:
            return delivery, False  # a duplicate or early message: the scheduled one will come
        if not delivery.endpoint.active and not include_inactive:
            _give_up(delivery, "The endpoint is disabled.")
            return delivery, False
        attempt = _post(delivery, now)
        _record_outcome(delivery, attempt, now)
    return delivery, True


def _post(delivery: Delivery, now) -> DeliveryAttempt:
    endpoint, event = delivery.endpoint, delivery.event
    body = payload_bytes(event)
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "X-Shop-Event": event.type,
        **signature_headers(message_id=event.public_id, body=body, secrets=endpoint.signing_secrets(now)),
    }
    attempt = DeliveryAttempt(delivery=delivery, url=endpoint.url, request_headers=headers, request_body=body.decode())
    try:
        response = net.safe_request(
            "POST",
            endpoint.url,
            headers=headers,
            data=body,
            timeout=settings.WEBHOOK_TIMEOUT_SECONDS,
            max_bytes=LOG_BYTES,
            truncate=True,
            require_https=https_required(),
        )
    except net.UnsafeUrl as error:
        attempt.error = f"Refused: {error.detail}"
    except net.FetchFailed as error:
        attempt.error = error.detail
    else:
        attempt.response_status = response.status_code
        attempt.response_body = response.content.decode(errors="replace")
        attempt.duration_ms = response.duration_ms
    attempt.save()
    return attempt


def _record_outcome(delivery: Delivery, attempt: DeliveryAttempt, now) -> None:
    endpoint = delivery.endpoint
    delivery.attempts += 1
    delivery.last_status_code = attempt.response_status
    delivery.last_duration_ms = attempt.duration_ms
    delivery.last_response_body = attempt.response_body
    delivery.last_error = attempt.error
    status = attempt.response_status
    if status is not None and 200 <= status < 300:
        delivery.status, delivery.delivered_at, delivery.next_attempt_at = Delivery.Status.SUCCEEDED, now, None
        if endpoint.failing_since:
            WebhookEndpoint.objects.filter(pk=endpoint.pk).update(failing_since=None)
    elif status == 410:
        delivery.status, delivery.next_attempt_at = Delivery.Status.FAILED, None
        _disable_endpoint(endpoint, now, "The endpoint answered 410 Gone.")
    else:
        schedule = settings.WEBHOOK_RETRY_SCHEDULE_SECONDS
        if delivery.attempts <= len(schedule):
            delivery.status = Delivery.Status.RETRYING
            delivery.next_attempt_at = now + timedelta(seconds=schedule[delivery.attempts - 1])
        else:
            delivery.status, delivery.next_attempt_at = Delivery.Status.FAILED, None
        _note_failure(endpoint, now)
    delivery.save()


def _note_failure(endpoint: WebhookEndpoint, now) -> None:
    if endpoint.failing_since is None:
        endpoint.failing_since = now
        WebhookEndpoint.objects.filter(pk=endpoint.pk, failing_since__isnull=True).update(failing_since=now)
    elif now - endpoint.failing_since >= timedelta(seconds=settings.WEBHOOK_DISABLE_AFTER_SECONDS):
        days = settings.WEBHOOK_DISABLE_AFTER_SECONDS / 86400
        _disable_endpoint(endpoint, now, f"Deliveries kept failing for {days:g} days.")


def _disable_endpoint(endpoint: WebhookEndpoint, now, reason: str) -> None:
    endpoint.active, endpoint.disabled_at, endpoint.disabled_reason = False, now, reason
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(active=False, disabled_at=now, disabled_reason=reason)
    logger.warning("Webhook endpoint %s disabled: %s", endpoint.public_id, reason)


def _give_up(delivery: Delivery, reason: str) -> None:
    delivery.status, delivery.next_attempt_at, delivery.last_error = Delivery.Status.FAILED, None, reason
    delivery.save(update_fields=["status", "next_attempt_at", "last_error"])


def collect_deliveries_left_behind() -> list[int]:
    """Fan out forgotten events and return the ids of due deliveries that no worker took, for the sweep to enqueue."""
    now = timezone.now()
    cutoff = now - timedelta(seconds=settings.WEBHOOK_SWEEP_GRACE_SECONDS)
    fanned_out = []
    forgotten = Event.objects.filter(fanned_out=False, created_at__lte=cutoff).order_by("pk")
    for event_pk in forgotten.values_list("pk", flat=True)[:SWEEP_BATCH]:
        fanned_out += fan_out_event(event_pk=event_pk)
    stale = Delivery.objects.filter(status__in=OPEN_STATUSES, next_attempt_at__lte=cutoff).exclude(pk__in=fanned_out)
    stale_ids = list(stale.order_by("next_attempt_at").values_list("pk", flat=True)[:SWEEP_BATCH])
    # Move them forward before they are enqueued so the next sweeps leave them alone for one grace period.
    Delivery.objects.filter(pk__in=stale_ids, status__in=OPEN_STATUSES).update(next_attempt_at=now)
    return fanned_out + stale_ids
