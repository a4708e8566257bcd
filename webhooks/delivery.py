"""Getting events to endpoints: fan-out of the outbox, delivery attempts, and what the sweep picks up.

Every message POSTs a batch of due deliveries of one endpoint over the worker's kept-alive connection to it
(docs/webhooks.md "Throughput"): a drain message takes the endpoint's oldest (`drain_endpoint_batch`); a message
for one delivery (its retry, the sweep, a redelivery) takes that delivery first (`attempt_due_batch`).

When an event's transaction commits, its endpoints are drained (`webhooks.tasks.enqueue_endpoint_drain`: one
message per burst); the sweep (beat, every minute) fans out events whose on-commit fan-out never ran and
re-enqueues due deliveries that no worker took for WEBHOOK_SWEEP_GRACE_SECONDS (a message lost with Redis, a
worker that died mid-delivery). Enqueueing twice is harmless: a batch locks its delivery rows and skips those no
longer due. Nothing here talks to the broker: the callers (`webhooks.tasks`, `webhooks.events`,
`webhooks.services`) enqueue what these functions return.
"""

import json
import logging
import os
import threading
import time
from contextlib import contextmanager
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from shopplatform import net
from shopplatform.prepared import PreparedQuery
from shopplatform.process_copy import ProcessCopy

from .alerts import DISABLED, FAILING, announce_endpoint_state
from .models import Delivery, DeliveryAttempt, Event, WebhookEndpoint
from .outcomes import insert_attempts, save_outcomes
from .signing import signature_headers

logger = logging.getLogger(__name__)

LOG_BYTES = 4096
SWEEP_BATCH = 500
USER_AGENT = "Shopplatform-Webhooks/1"
OPEN_STATUSES = (Delivery.Status.PENDING, Delivery.Status.RETRYING)
BATCH_SIZE = 50  # due deliveries of one endpoint a task POSTs together over its kept-alive connection
BATCH_SECONDS = 5  # a batch starts no further POST after this long
ENDPOINT_DISABLED = "The endpoint is disabled."
# This delivery first if due, then its endpoint's other due ones (`_due_candidates`); only the model's table name
# is put in the text, every value is a parameter.
DUE_CANDIDATES_SQL = (
    f"SELECT id FROM {Delivery._meta.db_table} WHERE endpoint_id = "  # noqa: S608
    f"(SELECT endpoint_id FROM {Delivery._meta.db_table} WHERE id = %s)"
    " AND status IN (%s, %s) AND (next_attempt_at <= %s OR next_attempt_at IS NULL)"
    " ORDER BY id <> %s, next_attempt_at, id LIMIT %s"
)
# Every emitted event runs these on commit. The UPDATE takes the event's row lock, so of the on-commit fan-out and
# the sweep one marks the event and gets its type, and the other waits and gets no row.
CLAIM_FAN_OUT_SQL = (
    f"UPDATE {Event._meta.db_table} SET fanned_out = TRUE WHERE id = %s AND NOT fanned_out RETURNING type"  # noqa: S608
)
# WebhookEndpoint.subscribes_to in SQL: `endpoint` is active and its list of types is empty or names the type of
# `{event}` (a row with a `type` column).
SUBSCRIBED = "endpoint.active AND (endpoint.events = '[]'::jsonb OR endpoint.events @> jsonb_build_array({event}.type))"
# PostgreSQL: the claim and the subscribed endpoints' ids in one statement, where the claim, SET LOCAL and every
# active endpoint took three. The claim's `{relaxed}` turns `synchronous_commit` off for this transaction
# (set_config's `true`: as SET LOCAL).
CLAIM_SUBSCRIBED_SQL = (
    f"WITH claimed AS ({CLAIM_FAN_OUT_SQL}{{relaxed}}) "  # noqa: S608 (table names only; the id is a parameter)
    f"SELECT endpoint.id FROM claimed JOIN {WebhookEndpoint._meta.db_table} AS endpoint "
    f"ON {SUBSCRIBED.format(event='claimed')} ORDER BY endpoint.id"
)
RELAXED_COMMIT = ", set_config('synchronous_commit', 'off', true)"
# PostgreSQL, outside a transaction: the claim of an event no active endpoint subscribes to, one statement that
# commits by itself (with `{relaxed}`, without waiting for the disk). No row back: the event is fanned out already,
# or an endpoint subscribes to it and the claim waits for the transaction that creates its deliveries.
CLAIM_UNSUBSCRIBED_SQL = (
    f"UPDATE {Event._meta.db_table} AS event SET fanned_out = TRUE WHERE event.id = %s AND NOT event.fanned_out "  # noqa: S608
    f"AND NOT EXISTS (SELECT 1 FROM {WebhookEndpoint._meta.db_table} AS endpoint "
    f"WHERE {SUBSCRIBED.format(event='event')}) RETURNING event.id{{relaxed}}"
)
# Whether this process saw an active endpoint at most STORE_SETTINGS_CACHE_SECONDS ago (forgotten when it writes one):
# which claim fan_out_event tries first, never what it claims.
ANY_ACTIVE_ENDPOINT = ProcessCopy(lambda: WebhookEndpoint.objects.filter(active=True).exists())
ACTIVE_ENDPOINTS = PreparedQuery(lambda slots: WebhookEndpoint.objects.filter(active=True).order_by())
# A worker keeps one connection per endpoint origin open; DNS answers are reused this long (the address check on
# them runs for every request, and a kept-alive connection stays pinned to the address it was opened to).
DNS_TTL_SECONDS = 10
_clients = threading.local()


def outbound_client() -> net.OutboundClient:
    """This thread's keep-alive client (a forked worker process starts its own)."""
    client = getattr(_clients, "client", None)
    if client is None or _clients.pid != os.getpid():
        client = _clients.client = net.OutboundClient(dns_ttl_seconds=DNS_TTL_SECONDS)
        _clients.pid = os.getpid()
    return client


def https_required() -> bool:
    """Endpoints must use https in production; DEBUG and SHOP_ALLOW_PRIVATE_URLS (tests) relax it."""
    return not settings.DEBUG and not settings.SHOP_ALLOW_PRIVATE_URLS


def payload_bytes(event: Event) -> bytes:
    """The exact bytes sent and signed: compact JSON, UTF-8, slashes unescaped."""
    return json.dumps(event.payload(), separators=(",", ":"), ensure_ascii=False).encode()


def fan_out_event(*, event_pk: int) -> list[Delivery]:
    """Create the deliveries of an event for every active subscribed endpoint, once; return them.

    The event row is locked, so the on-commit fan-out and the sweep never both create (and enqueue) them. Run on
    its own, its transaction commits without waiting for the disk (see _transaction_not_waiting_for_disk); inside a
    caller's, it leaves that transaction's commit alone. On PostgreSQL, run on its own in a process that has seen no
    active endpoint, it first tries the claim no subscribed endpoint stops (CLAIM_UNSUBSCRIBED_SQL): one statement
    where the transaction took three round trips (BEGIN, the claim, COMMIT).
    """
    if connection.vendor == "postgresql":
        on_its_own = _may_relax_commit()
        relaxed = RELAXED_COMMIT if on_its_own else ""
        if on_its_own and not ANY_ACTIVE_ENDPOINT.get():
            with connection.cursor() as cursor:
                cursor.execute(CLAIM_UNSUBSCRIBED_SQL.format(relaxed=relaxed), [event_pk])
                if cursor.fetchone() is not None:
                    return []
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(CLAIM_SUBSCRIBED_SQL.format(relaxed=relaxed), [event_pk])
            subscribed = [endpoint_id for (endpoint_id,) in cursor.fetchall()]
            return Delivery.objects.bulk_create([Delivery(endpoint_id=pk, event_id=event_pk) for pk in subscribed])
    with _transaction_not_waiting_for_disk(), connection.cursor() as cursor:
        cursor.execute(CLAIM_FAN_OUT_SQL, [event_pk])
        claimed = cursor.fetchone()
        if claimed is None:  # gone, or fanned out by the other of the on-commit fan-out and the sweep
            return []
        endpoints = [endpoint for endpoint in ACTIVE_ENDPOINTS.instances() if endpoint.subscribes_to(claimed[0])]
        return Delivery.objects.bulk_create([Delivery(endpoint=endpoint, event_id=event_pk) for endpoint in endpoints])


def attempt_delivery(*, delivery_id: int, include_inactive: bool = False) -> Delivery | None:
    """POST a due delivery once and record the outcome; skip it if it succeeded, gave up or is not due yet.

    Deliveries to an inactive endpoint fail without a request, except with include_inactive (test pings). A
    delivery left `retrying` has `next_attempt_at` set; the caller enqueues that attempt (`tasks.enqueue_retry`).
    """
    with _transaction_not_waiting_for_disk():
        delivery = _lock_own(delivery_id)
        if delivery is None or not _is_due(delivery, timezone.now()):
            return delivery
        if not delivery.endpoint.active and not include_inactive:
            _give_up(delivery, ENDPOINT_DISABLED)
            return delivery
        _attempt_in_order([delivery])
    return delivery


def attempt_due_batch(*, delivery_id: int) -> tuple[list[Delivery], bool]:
    """POST this delivery and up to BATCH_SIZE - 1 other due ones of its endpoint over one kept-alive connection;
    return those POSTed (the caller enqueues their retries) and whether due ones are left for a drain.

    A duplicate or early message finds its delivery not due and POSTs nothing, so its caller schedules no further
    retry (one message per attempt, never a loop). Other deliveries are taken only if no worker holds them
    (SKIP LOCKED); the batch stops at its first failed attempt (a failing endpoint gets one request per message)
    or after BATCH_SECONDS. What it took but did not POST stays due, and so does what lay past the batch: fresh
    deliveries have no message of their own, so the caller hands them to a drain.
    """
    candidates = _due_candidates(delivery_id, timezone.now())
    if not candidates or candidates[0] != delivery_id:
        return [], False
    with _transaction_not_waiting_for_disk():
        delivery = _lock_own(delivery_id)
        now = timezone.now()
        if delivery is None or not _is_due(delivery, now):
            return [], False
        if not delivery.endpoint.active:
            _give_up(delivery, ENDPOINT_DISABLED)
            return [], False
        others = []
        if len(candidates) > 1:
            others = list(
                Delivery.objects.select_for_update(of=("self",), skip_locked=True)
                .select_related("event")
                .filter(_due(now), pk__in=candidates[1:BATCH_SIZE])
                .order_by("next_attempt_at", "pk")
            )
        for other in others:
            other.endpoint = delivery.endpoint  # one instance: the failure streak is tracked once per batch
        posted = _attempt_in_order([delivery, *others])
    return posted, len(candidates) > len(posted)


def drain_endpoint_batch(*, endpoint_id: int) -> tuple[list[Delivery], bool]:
    """POST the endpoint's oldest due deliveries, up to BATCH_SIZE, over one kept-alive connection; return those
    POSTed (the caller enqueues their retries) and whether due ones are left for another message.

    Deliveries another worker holds are skipped (SKIP LOCKED): that worker POSTs them or leaves them due. As in
    `attempt_due_batch`, the batch stops at its first failed attempt or after BATCH_SECONDS; what it took but did
    not POST is left due, and so is everything past the batch (the query reads one row more to know).
    """
    with _transaction_not_waiting_for_disk():
        taken = list(
            Delivery.objects.select_for_update(of=("self",), skip_locked=True)
            .select_related("endpoint", "event")
            .filter(_due(timezone.now()), endpoint_id=endpoint_id)
            .order_by("next_attempt_at", "pk")[: BATCH_SIZE + 1]
        )
        batch = taken[:BATCH_SIZE]
        if not batch:
            return [], False
        for delivery in batch[1:]:
            delivery.endpoint = batch[0].endpoint  # one instance: the failure streak is tracked once per batch
        if not batch[0].endpoint.active:
            ids = [delivery.pk for delivery in batch]
            Delivery.objects.filter(pk__in=ids).update(
                status=Delivery.Status.FAILED, next_attempt_at=None, last_error=ENDPOINT_DISABLED
            )
            return [], len(taken) > len(batch)
        posted = _attempt_in_order(batch)
    return posted, len(taken) > len(posted)


@contextmanager
def _transaction_not_waiting_for_disk():
    """transaction.atomic() for work the sweep redoes if its commit is lost: a batch's attempts and outcomes, an
    event's fan-out. On PostgreSQL its COMMIT returns before the log reaches the disk (`synchronous_commit` off for
    this transaction only, and only when it is not part of a caller's). A database crash in the next fraction of a
    second can then forget a batch's outcomes, and the sweep POSTs those deliveries again: the duplicate receivers
    already handle (deliveries are at least once, deduplicated on `webhook-id`); or forget a fan-out, which the
    sweep runs again (the event itself was committed by its own transaction). Waiting for the disk was a third of
    a batch's time on the benchmark's machine, and a second wait on every request that emits an event.
    """
    relaxed = _may_relax_commit()
    with transaction.atomic():
        if relaxed:
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
        yield


def _may_relax_commit() -> bool:
    """Whether the transaction about to start is this work's own on PostgreSQL, so its commit may skip the disk
    wait: never a caller's transaction, whose commit is not ours to relax."""
    return connection.vendor == "postgresql" and not connection.in_atomic_block


def _due_candidates(delivery_id: int, now) -> list[int]:
    """Outside a transaction, one query: this delivery first if it is due, then its endpoint's other due ones (one
    more than a batch takes, to know whether any are left).

    The common duplicate message (a batch already POSTed its delivery) stops after this query, so it is plain SQL:
    building the same query through the ORM cost a third of a worker's time per message.
    """
    moment = connection.ops.adapt_datetimefield_value(now)  # as the ORM stores it (SQLite: naive UTC text)
    with connection.cursor() as cursor:
        cursor.execute(DUE_CANDIDATES_SQL, [delivery_id, *OPEN_STATUSES, moment, delivery_id, BATCH_SIZE + 1])
        return [row[0] for row in cursor.fetchall()]


def _due(now) -> Q:
    return Q(status__in=OPEN_STATUSES) & (Q(next_attempt_at__lte=now) | Q(next_attempt_at__isnull=True))


def _lock_own(delivery_id: int) -> Delivery | None:
    return (
        Delivery.objects.select_for_update(of=("self",))
        .select_related("endpoint", "event")
        .filter(pk=delivery_id)
        .first()
    )


def _is_due(delivery: Delivery, now) -> bool:
    if delivery.status not in OPEN_STATUSES:
        return False
    return not (delivery.next_attempt_at and delivery.next_attempt_at > now)  # else: the scheduled message will come


def _attempt_in_order(deliveries: list[Delivery]) -> list[Delivery]:
    """POST locked deliveries of one endpoint in order until one fails or the time budget is spent; write their
    attempts and outcomes in two statements. Return the deliveries POSTed."""
    budget_ends = time.monotonic() + BATCH_SECONDS
    posted, attempts, moments = [], [], []
    for delivery in deliveries:
        moments.append(timezone.now())
        attempts.append(_post(delivery, moments[-1]))
        posted.append(delivery)
        status = attempts[-1].response_status
        if status is None or not 200 <= status < 300 or time.monotonic() > budget_ends:
            break
    # The log first: endpoint listeners (webhooks.alerts) read the last attempt when a failure streak starts.
    insert_attempts(attempts)
    for delivery, attempt, now in zip(posted, attempts, moments, strict=True):
        _record_outcome(delivery, attempt, now)
    save_outcomes(posted)
    return posted


def _post(delivery: Delivery, now) -> DeliveryAttempt:
    """POST the delivery once; return the attempt's log row, unsaved."""
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
        response = outbound_client().request(
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
    return attempt


def _record_outcome(delivery: Delivery, attempt: DeliveryAttempt, now) -> None:
    """Set the delivery's outcome fields (the caller saves them); endpoint state changes are written at once."""
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
            endpoint.failing_since = None
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


def _note_failure(endpoint: WebhookEndpoint, now) -> None:
    if endpoint.failing_since is None:
        endpoint.failing_since = now
        if WebhookEndpoint.objects.filter(pk=endpoint.pk, failing_since__isnull=True).update(failing_since=now):
            announce_endpoint_state(endpoint, state=FAILING)  # once per streak: only the UPDATE that set it
    elif now - endpoint.failing_since >= timedelta(seconds=settings.WEBHOOK_DISABLE_AFTER_SECONDS):
        days = settings.WEBHOOK_DISABLE_AFTER_SECONDS / 86400
        _disable_endpoint(endpoint, now, f"Deliveries kept failing for {days:g} days.")


def _disable_endpoint(endpoint: WebhookEndpoint, now, reason: str) -> None:
    endpoint.active, endpoint.disabled_at, endpoint.disabled_reason = False, now, reason
    disabled = WebhookEndpoint.objects.filter(pk=endpoint.pk, disabled_at__isnull=True).update(
        active=False, disabled_at=now, disabled_reason=reason
    )
    logger.warning("Webhook endpoint %s disabled: %s", endpoint.public_id, reason)
    if disabled:  # an endpoint already disabled (a test ping to it) is not announced again
        announce_endpoint_state(endpoint, state=DISABLED)


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
        fanned_out += [delivery.pk for delivery in fan_out_event(event_pk=event_pk)]
    stale = Delivery.objects.filter(status__in=OPEN_STATUSES, next_attempt_at__lte=cutoff).exclude(pk__in=fanned_out)
    stale_ids = list(stale.order_by("next_attempt_at").values_list("pk", flat=True)[:SWEEP_BATCH])
    # Move them forward before they are enqueued so the next sweeps leave them alone for one grace period.
    Delivery.objects.filter(pk__in=stale_ids, status__in=OPEN_STATUSES).update(next_attempt_at=now)
    return fanned_out + stale_ids
