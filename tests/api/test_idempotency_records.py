"""How a claim's outcome is written (shopplatform/api/idempotency.py), written against its mutation run
(docs/testing.md): only the claim that still holds the record writes or releases it, a completed record is never
released, a streamed response releases its claim, and plain Django responses are stored as they are."""

import uuid
from datetime import timedelta

import pytest
from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone

from shopplatform.api.idempotency import Claim, record_response, release
from shopplatform.api.models import IdempotencyRecord

pytestmark = pytest.mark.django_db(transaction=True)


def in_flight(**fields) -> IdempotencyRecord:
    now = timezone.now()
    return IdempotencyRecord.objects.create(
        scope="key:1",
        key=uuid.uuid4().hex,
        method="POST",
        path="/api/v1/groups",
        fingerprint="f" * 64,
        created_at=now,
        expires_at=now + timedelta(hours=24),
        **fields,
    )


def test_a_plain_django_response_is_stored_for_replays():
    record = in_flight()

    record_response(Claim(record.pk, record.claim_token), HttpResponse(b"made", status=201))

    record.refresh_from_db()
    assert (record.state, record.response_status, bytes(record.response_body)) == ("completed", 201, b"made")


def test_a_claim_taken_over_by_another_request_writes_nothing():
    record = in_flight()
    stale = Claim(record.pk, uuid.uuid4())

    record_response(stale, HttpResponse(b"late", status=201))
    release(stale)

    record.refresh_from_db()
    assert (record.state, record.response_status) == ("in_flight", None)


def test_a_streamed_response_releases_its_claim():
    record = in_flight()

    record_response(Claim(record.pk, record.claim_token), StreamingHttpResponse(iter([b"a", b"b"])))

    assert not IdempotencyRecord.objects.filter(pk=record.pk).exists()


def test_a_completed_record_is_never_released():
    record = in_flight()
    claim = Claim(record.pk, record.claim_token)
    record_response(claim, HttpResponse(b"done", status=201))

    release(claim)

    record.refresh_from_db()
    assert record.state == "completed"
