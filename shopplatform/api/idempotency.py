"""Idempotency-Key handling for POST, PUT, PATCH and DELETE.

A key is 8-200 characters of `[A-Za-z0-9_\\-./:+=]`; any other value is ignored and the request runs uncached.
Keys are scoped to the API key (`key_…`) or, for anonymous callers, to `ip:<address>`, and live 24 hours.

ShopAPIMixin drives it once authentication, permissions and rate limits have passed:
1. `claim(request)` INSERTs an in-flight record in a transaction that commits at once. When the request already
   runs inside a transaction (ATOMIC_REQUESTS, tests) the INSERT goes through a second connection, so concurrent
   retries see the claim immediately and a rollback of the view cannot erase it. A unique-constraint conflict means
   the key is known: another method, path or body → 422 `idempotency_key_reused`; still in flight → 409
   `idempotency_in_flight`; completed → the stored response is replayed (`ReplayResponse`) without the handler.
   An expired record, or an in-flight claim older than ABANDONED_AFTER (its request crashed), is taken over.
2. `record_response(claim, response)` stores status, a few headers and the exact body once the handler ran,
   errors included. Requests refused before the handler (401, 403, 413, 429) never claim, so are never stored.
3. `release(claim)` deletes the claim of a request whose handler crashed, so a retry runs it again.
"""

import re
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from hashlib import sha256

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, IntegrityError, connection, connections, transaction
from django.db.models import Q
from django.http import HttpResponse
from django.utils import timezone

from shopplatform.errors import ShopError

from .models import IdempotencyRecord
from .throttling import client_address

KEY_HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
KEY_PATTERN = r"^[A-Za-z0-9_\-./:+=]{8,200}$"
ABANDONED_AFTER = timedelta(minutes=5)
STORED_HEADERS = ("Content-Type", "Location", "Link", "X-Total-Count")
SIDE_CONNECTION = "idempotency"
_WELL_FORMED_KEY = re.compile(KEY_PATTERN)


class IdempotencyKeyReused(ShopError):
    """The Idempotency-Key was first used with another method, path or body. Use a new key for a new request."""

    status, code, title = 422, "idempotency_key_reused", "Idempotency key reused"


class IdempotencyInFlight(ShopError):
    """A request with this Idempotency-Key is still running. Retry after it finished to get its response."""

    status, code, title = 409, "idempotency_in_flight", "Request with this key in flight"


class ReplayResponse(Exception):
    """Carries a stored response out of ShopAPIMixin.initial, so the handler does not run again."""

    def __init__(self, response: HttpResponse) -> None:
        super().__init__("replay")
        self.response = response


@dataclass(frozen=True)
class Claim:
    record_id: int
    token: uuid.UUID


@contextmanager
def _committed_transaction():
    """Yield the alias of a connection whose transaction commits on exit, even inside the caller's transaction."""
    if not connection.in_atomic_block or connection.vendor == "sqlite":
        # SQLite allows one writer: a second connection would wait for the caller's lock until it times out,
        # so there (development and tests only) the record shares the caller's transaction.
        with transaction.atomic():
            yield DEFAULT_DB_ALIAS
        return
    connections[SIDE_CONNECTION] = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        with transaction.atomic(using=SIDE_CONNECTION):
            yield SIDE_CONNECTION
    finally:
        connections[SIDE_CONNECTION].close()
        del connections[SIDE_CONNECTION]


def request_fingerprint(request) -> str:
    """SHA-256 of method, path with query string and raw body: what makes two requests "the same"."""
    digest = sha256()
    for part in (request.method.encode(), request.get_full_path().encode(), request.body):
        digest.update(len(part).to_bytes(8, "big") + part)
    return digest.hexdigest()


def claim(request) -> Claim | None:
    """Claim the request's Idempotency-Key; None when it has none (or a malformed one).

    Raises ReplayResponse, IdempotencyKeyReused or IdempotencyInFlight.
    """
    key = request.headers.get(KEY_HEADER, "")
    if request.method not in METHODS or not _WELL_FORMED_KEY.match(key):
        return None
    scope = request.auth.public_id if request.auth is not None else f"ip:{client_address(request)}"
    fingerprint = request_fingerprint(request)
    now = timezone.now()
    fresh = {
        "method": request.method,
        "path": request.get_full_path(),
        "fingerprint": fingerprint,
        "state": IdempotencyRecord.State.IN_FLIGHT,
        "claim_token": uuid.uuid4(),
        "response_status": None,
        "response_headers": {},
        "response_body": b"",
        "created_at": now,
        "expires_at": now + timedelta(seconds=settings.IDEMPOTENCY_TTL_SECONDS),
    }
    stale = Q(expires_at__lte=now) | Q(state=IdempotencyRecord.State.IN_FLIGHT, created_at__lte=now - ABANDONED_AFTER)
    with _committed_transaction() as alias:
        records = IdempotencyRecord.objects.using(alias)
        for _attempt in range(3):
            try:
                with transaction.atomic(using=alias):
                    record = records.create(scope=scope, key=key, **fresh)
                return Claim(record.pk, record.claim_token)
            except IntegrityError:
                record = records.filter(scope=scope, key=key).first()
            if record is None:  # released or purged between our INSERT and SELECT: try again
                continue
            if records.filter(stale, pk=record.pk).update(**fresh):
                return Claim(record.pk, fresh["claim_token"])
            break
        else:
            raise IdempotencyInFlight("The Idempotency-Key is contended; retry.", param=KEY_HEADER)
    if record.fingerprint != fingerprint:
        raise IdempotencyKeyReused(
            f"This key was used for {record.method} {record.path} with another body.", param=KEY_HEADER
        )
    if record.state == IdempotencyRecord.State.IN_FLIGHT:
        raise IdempotencyInFlight("The first request with this key has not finished yet.", param=KEY_HEADER)
    raise ReplayResponse(_stored_response(record))


def _stored_response(record: IdempotencyRecord) -> HttpResponse:
    response = HttpResponse(bytes(record.response_body), status=record.response_status)
    del response["Content-Type"]  # only the stored one, if any (a 204 has none)
    for name, value in record.response_headers.items():
        response[name] = value
    response[REPLAYED_HEADER] = "true"
    return response


def record_response(claim: Claim, response) -> None:
    """Store the handler's response for replays; a streamed one cannot be replayed, so its claim is released."""
    if response.streaming:
        release(claim)
        return
    if not getattr(response, "is_rendered", True):
        response.render()
    headers = {name: response[name] for name in STORED_HEADERS if response.has_header(name)}
    with _committed_transaction() as alias:
        IdempotencyRecord.objects.using(alias).filter(pk=claim.record_id, claim_token=claim.token).update(
            state=IdempotencyRecord.State.COMPLETED,
            response_status=response.status_code,
            response_headers=headers,
            response_body=response.content,
        )


def release(claim: Claim) -> None:
    """Forget an in-flight claim whose handler crashed, so a retry runs again."""
    with _committed_transaction() as alias:
        IdempotencyRecord.objects.using(alias).filter(
            pk=claim.record_id, claim_token=claim.token, state=IdempotencyRecord.State.IN_FLIGHT
        ).delete()


def purge_expired_records(*, now=None) -> int:
    """Delete records past their expiry; return how many went."""
    deleted, _ = IdempotencyRecord.objects.filter(expires_at__lte=now or timezone.now()).delete()
    return deleted
