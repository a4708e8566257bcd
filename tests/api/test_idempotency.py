"""Idempotency-Key on POST, PUT, PATCH and DELETE."""

import uuid
from datetime import timedelta

import pytest
from django.test import RequestFactory
from django.utils import timezone

from shopplatform.api.idempotency import request_fingerprint
from shopplatform.api.models import IdempotencyRecord
from shopplatform.api.tasks import purge_idempotency_keys_task
from tests.api.views import made_groups

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.api.urls")]

GROUPS = "/api/v1/test/groups"


def fresh_key() -> str:
    # Records written through the separate connection on PostgreSQL outlive a test's rollback: keep keys unique.
    return f"test-{uuid.uuid4()}"


def post(client, key, body=None, path=GROUPS):
    return client.post(path, body or {}, format="json", HTTP_IDEMPOTENCY_KEY=key)


def test_retry_with_same_key_replays_response_without_running_handler(anonymous_client):
    key = fresh_key()
    first = post(anonymous_client, key)

    retry = post(anonymous_client, key)

    assert first.status_code == retry.status_code == 201
    assert retry.content == first.content
    assert retry["Location"] == first["Location"]
    assert retry["Content-Type"] == first["Content-Type"]
    assert retry["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first
    assert made_groups() == 1


def test_replay_of_empty_204_keeps_it_empty(anonymous_client):
    key = fresh_key()
    anonymous_client.delete(GROUPS, HTTP_IDEMPOTENCY_KEY=key)

    retry = anonymous_client.delete(GROUPS, HTTP_IDEMPOTENCY_KEY=key)

    assert retry.status_code == 204
    assert retry.content == b""
    assert retry["Idempotent-Replayed"] == "true"
    assert not retry.has_header("Content-Type"), "a 204 stored without a type is replayed without one"


def test_requests_without_a_key_run_each_time(anonymous_client):
    first = anonymous_client.post(GROUPS, {}, format="json")
    second = anonymous_client.post(GROUPS, {}, format="json")

    assert first.status_code == second.status_code == 201
    assert not second.has_header("Idempotent-Replayed")
    assert made_groups() == 2


def test_same_key_with_different_body_is_422(anonymous_client):
    key = fresh_key()
    post(anonymous_client, key, {"fail": False})

    response = post(anonymous_client, key, {"fail": True})

    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "idempotency_key_reused"
    assert response.json()["param"] == "Idempotency-Key"
    assert response.json()["detail"] == f"This key was used for POST {GROUPS} with another body."
    assert made_groups() == 1


def test_same_key_on_another_path_is_422(anonymous_client):
    key = fresh_key()
    post(anonymous_client, key)

    response = post(anonymous_client, key, path="/api/v1/test/validation")

    assert response.status_code == 422
    assert response.json()["code"] == "idempotency_key_reused"


def test_same_key_with_another_method_is_422(anonymous_client):
    key = fresh_key()
    post(anonymous_client, key)

    response = anonymous_client.delete(GROUPS, HTTP_IDEMPOTENCY_KEY=key)

    assert response.status_code == 422


@pytest.mark.parametrize(
    "malformed", ["short77", "x" * 201, "has space in it", "bad*character", "ünïcödé-key"], ids=str.__len__
)
def test_malformed_key_is_ignored_and_request_runs_each_time(anonymous_client, malformed):
    first = anonymous_client.post(GROUPS, {}, format="json", HTTP_IDEMPOTENCY_KEY=malformed.encode().decode("latin-1"))
    second = anonymous_client.post(GROUPS, {}, format="json", HTTP_IDEMPOTENCY_KEY=malformed.encode().decode("latin-1"))

    assert first.status_code == second.status_code == 201
    assert "Idempotent-Replayed" not in second
    assert made_groups() == 2
    assert not IdempotencyRecord.objects.filter(key=malformed).exists()


def test_key_of_exactly_200_allowed_characters_is_used(anonymous_client):
    key = ("Ab9_-./:+=" * 20)[:200]
    key = key[:-36] + str(uuid.uuid4())

    post(anonymous_client, key)
    retry = post(anonymous_client, key)

    assert retry["Idempotent-Replayed"] == "true"


def test_error_response_of_the_handler_is_stored_and_replayed(anonymous_client):
    key = fresh_key()
    first = post(anonymous_client, key, {"fail": True})

    retry = post(anonymous_client, key, {"fail": True})

    assert first.status_code == retry.status_code == 409
    assert retry.json() == first.json()
    assert retry["Content-Type"] == "application/problem+json"
    assert retry["Idempotent-Replayed"] == "true"
    assert made_groups() == 1


def test_keys_are_scoped_to_the_api_key(make_client, staff_user, customer_user):
    key = fresh_key()
    staff, customer = make_client(staff_user), make_client(customer_user)

    post(staff, key)
    response = post(customer, key)

    assert response.status_code == 201
    assert "Idempotent-Replayed" not in response
    assert made_groups() == 2


def test_anonymous_keys_are_scoped_to_the_client_address(anonymous_client):
    key = fresh_key()
    post(anonymous_client, key)

    elsewhere = anonymous_client.post(GROUPS, {}, format="json", HTTP_IDEMPOTENCY_KEY=key, REMOTE_ADDR="10.1.2.3")

    assert elsewhere.status_code == 201
    assert "Idempotent-Replayed" not in elsewhere
    assert set(IdempotencyRecord.objects.filter(key=key).values_list("scope", flat=True)) == {
        "ip:127.0.0.1",
        "ip:10.1.2.3",
    }


def test_request_refused_for_missing_scope_is_not_stored(make_client, customer_user):
    """403 happens before the handler: a retry with a better key must not get the stored refusal."""
    key = fresh_key()

    response = post(make_client(customer_user, scopes="wallet:read"), key, path="/api/v1/test/catalog-writes")

    assert response.status_code == 403
    assert not IdempotencyRecord.objects.filter(key=key).exists()


def test_unauthenticated_request_is_not_stored(anonymous_client):
    key = fresh_key()
    anonymous_client.credentials(HTTP_AUTHORIZATION="Bearer shp_unknown")

    response = post(anonymous_client, key, path="/api/v1/test/catalog-writes")

    assert response.status_code == 401
    assert not IdempotencyRecord.objects.filter(key=key).exists()


def test_rate_limited_request_is_not_stored(make_client, customer_user, frozen_clock):
    client = make_client(customer_user, rate_limit=1)
    post(client, fresh_key())
    key = fresh_key()

    response = post(client, key)

    assert response.status_code == 429
    assert not IdempotencyRecord.objects.filter(key=key).exists()


def test_crashed_handler_releases_the_key_so_a_retry_runs_again(anonymous_client):
    anonymous_client.raise_request_exception = False
    key = fresh_key()

    first = post(anonymous_client, key, path="/api/v1/test/crash")

    assert first.status_code == 500
    assert not IdempotencyRecord.objects.filter(key=key).exists()


def _seed_record(key, *, state, created_at, expires_at, body=b"{}"):
    request = RequestFactory().post(GROUPS, body, content_type="application/json")
    return IdempotencyRecord.objects.create(
        scope="ip:127.0.0.1",
        key=key,
        method="POST",
        path=GROUPS,
        fingerprint=request_fingerprint(request),
        state=state,
        response_status=201 if state == IdempotencyRecord.State.COMPLETED else None,
        response_body=b'{"name": "stored"}',
        created_at=created_at,
        expires_at=expires_at,
    )


# Seeded records must be committed, or the request's claim (on its own connection on PostgreSQL) would wait for
# the test's open transaction: these tests run with transaction=True.


@pytest.mark.django_db(transaction=True)
def test_retry_while_first_request_is_in_flight_is_409(anonymous_client):
    """The threaded PostgreSQL test races real requests."""
    key = fresh_key()
    now = timezone.now()
    _seed_record(key, state=IdempotencyRecord.State.IN_FLIGHT, created_at=now, expires_at=now + timedelta(hours=24))

    response = post(anonymous_client, key)

    assert response.status_code == 409
    assert response.json()["code"] == "idempotency_in_flight"
    assert response.json()["detail"] == "The first request with this key has not finished yet."
    assert response.json()["param"] == "Idempotency-Key"
    assert made_groups() == 0


@pytest.mark.django_db(transaction=True)
def test_abandoned_in_flight_claim_is_taken_over(anonymous_client):
    key = fresh_key()
    started = timezone.now() - timedelta(minutes=10)
    _seed_record(key, state=IdempotencyRecord.State.IN_FLIGHT, created_at=started, expires_at=started + timedelta(1))

    response = post(anonymous_client, key)

    assert response.status_code == 201
    assert made_groups() == 1
    assert IdempotencyRecord.objects.get(key=key).state == IdempotencyRecord.State.COMPLETED


@pytest.mark.django_db(transaction=True)
def test_expired_record_is_ignored(anonymous_client):
    """Keys live 24 hours."""
    key = fresh_key()
    created = timezone.now() - timedelta(hours=25)
    _seed_record(
        key, state=IdempotencyRecord.State.COMPLETED, created_at=created, expires_at=created + timedelta(hours=24)
    )

    response = post(anonymous_client, key)

    assert response.status_code == 201
    assert "Idempotent-Replayed" not in response
    assert made_groups() == 1


def test_new_records_expire_after_24_hours(anonymous_client):
    key = fresh_key()

    post(anonymous_client, key)

    record = IdempotencyRecord.objects.get(key=key)
    assert record.expires_at - record.created_at == timedelta(hours=24)


def test_purge_task_deletes_only_expired_records():
    now = timezone.now()
    expired = _seed_record(
        fresh_key(), state="completed", created_at=now - timedelta(hours=25), expires_at=now - timedelta(hours=1)
    )
    live = _seed_record(fresh_key(), state="completed", created_at=now, expires_at=now + timedelta(hours=24))

    deleted = purge_idempotency_keys_task.delay().get()

    assert deleted == 1
    assert not IdempotencyRecord.objects.filter(pk=expired.pk).exists()
    assert IdempotencyRecord.objects.filter(pk=live.pk).exists()


def test_each_callers_retry_replays_its_own_response_for_a_shared_key(make_client, staff_user, customer_user):
    key = fresh_key()
    staff, customer = make_client(staff_user), make_client(customer_user)
    first_staff, first_customer = post(staff, key), post(customer, key)

    retry_staff, retry_customer = post(staff, key), post(customer, key)

    assert retry_staff.content == first_staff.content
    assert retry_customer.content == first_customer.content
    assert first_staff.content != first_customer.content
    assert made_groups() == 2


def test_each_key_of_one_caller_replays_its_own_response(anonymous_client):
    first_key, second_key = fresh_key(), fresh_key()
    post(anonymous_client, first_key)
    second = post(anonymous_client, second_key)

    retry = post(anonymous_client, second_key)

    assert retry["Idempotent-Replayed"] == "true"
    assert retry.content == second.content


@pytest.mark.django_db(transaction=True)  # the records are edited as another request would see them
def test_a_finished_request_is_replayed_long_after_the_in_flight_window(anonymous_client):
    key = fresh_key()
    first = post(anonymous_client, key)
    IdempotencyRecord.objects.filter(key=key).update(created_at=timezone.now() - timedelta(hours=1))

    retry = post(anonymous_client, key)

    assert retry["Idempotent-Replayed"] == "true"
    assert retry.content == first.content
    assert made_groups() == 1


@pytest.mark.django_db(transaction=True)  # the records are edited as another request would see them
def test_taking_over_an_abandoned_claim_leaves_other_claims_alone(anonymous_client):
    mine, other = fresh_key(), fresh_key()
    post(anonymous_client, mine)
    post(anonymous_client, other)
    long_ago = timezone.now() - timedelta(hours=1)
    IdempotencyRecord.objects.filter(key__in=[mine, other]).update(state="in_flight", created_at=long_ago)
    other_token = IdempotencyRecord.objects.get(key=other).claim_token

    taken_over = post(anonymous_client, mine)

    assert taken_over.status_code == 201
    assert "Idempotent-Replayed" not in taken_over
    untouched = IdempotencyRecord.objects.get(key=other)
    assert (untouched.state, untouched.claim_token) == ("in_flight", other_token)
