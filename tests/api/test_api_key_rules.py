"""Managing API keys needs `keys:read` / `keys:write` (or is about the calling key itself); a key grants no more
than it holds; a user holds at most API_KEYS_PER_USER active keys; secrets never sit in idempotency records."""

import pytest
from django.test import override_settings

from shopplatform.accounts.models import ApiKey
from shopplatform.api.models import IdempotencyRecord

pytestmark = pytest.mark.django_db


def test_key_without_keys_read_lists_only_itself(make_client, staff_user):
    make_client(staff_user, scopes="all")
    client = make_client(staff_user, scopes="catalog:read")

    response = client.get("/api/v1/api-keys")

    assert response.status_code == 200
    assert [key["id"] for key in response.json()["data"]] == [client.api_key.public_id]


def test_key_with_keys_read_lists_every_key_of_its_user(make_client, staff_user):
    make_client(staff_user, scopes="all")
    client = make_client(staff_user, scopes="keys:read")

    response = client.get("/api/v1/api-keys")

    assert len(response.json()["data"]) == 2


def test_key_without_keys_write_cannot_revoke_another_key(make_client, staff_user):
    full = make_client(staff_user, scopes="all")
    client = make_client(staff_user, scopes="catalog:read")

    response = client.delete(f"/api/v1/api-keys/{full.api_key.public_id}")

    assert response.status_code == 403
    assert (response.json()["code"], response.json()["param"]) == ("insufficient_scope", "keys:write")
    full.api_key.refresh_from_db()
    assert full.api_key.revoked_at is None


def test_key_without_keys_read_cannot_read_another_key(make_client, staff_user):
    full = make_client(staff_user, scopes="all")
    client = make_client(staff_user, scopes="catalog:read")

    response = client.get(f"/api/v1/api-keys/{full.api_key.public_id}")

    assert (response.status_code, response.json()["param"]) == (403, "keys:read")


def test_key_may_revoke_itself_without_key_scopes(make_client, staff_user):
    client = make_client(staff_user, scopes="catalog:read")

    response = client.delete(f"/api/v1/api-keys/{client.api_key.public_id}")

    assert response.status_code == 204
    client.api_key.refresh_from_db()
    assert client.api_key.revoked_at is not None


def test_creating_a_key_needs_keys_write(make_client, staff_user):
    client = make_client(staff_user, scopes="catalog:read catalog:write")

    response = client.post("/api/v1/api-keys", {"scopes": ["catalog:read"]}, format="json")

    assert (response.status_code, response.json()["param"]) == (403, "keys:write")
    assert ApiKey.objects.count() == 1


def test_key_cannot_grant_a_rate_limit_above_its_own(make_client, staff_user):
    client = make_client(staff_user, scopes="keys:write catalog:read", rate_limit=3)

    response = client.post("/api/v1/api-keys", {"scopes": ["catalog:read"], "rate_limit": 100_000}, format="json")

    assert response.status_code == 403
    assert (response.json()["code"], response.json()["param"]) == ("grant_beyond_key", "rate_limit")
    assert ApiKey.objects.count() == 1


def test_new_key_without_a_rate_limit_gets_at_most_the_callers(make_client, staff_user):
    client = make_client(staff_user, scopes="keys:write catalog:read", rate_limit=3)

    response = client.post("/api/v1/api-keys", {"scopes": ["catalog:read"]}, format="json")

    assert (response.status_code, response.json()["rate_limit"]) == (201, 3)


@override_settings(API_KEYS_PER_USER=2)
def test_key_beyond_the_per_user_cap_is_409(make_client, staff_user):
    client = make_client(staff_user, scopes="all")
    make_client(staff_user, scopes="all")

    response = client.post("/api/v1/api-keys", {"scopes": ["catalog:read"]}, format="json")

    assert (response.status_code, response.json()["code"]) == (409, "api_key_limit_reached")
    assert ApiKey.objects.count() == 2


def test_idempotent_key_creation_stores_no_secret_and_a_replay_is_409(make_client, staff_user):
    client = make_client(staff_user, scopes="all")
    headers = {"HTTP_IDEMPOTENCY_KEY": "new-key-0001"}

    first = client.post("/api/v1/api-keys", {"scopes": ["catalog:read"]}, format="json", **headers)
    replay = client.post("/api/v1/api-keys", {"scopes": ["catalog:read"]}, format="json", **headers)

    secret = first.json()["secret"]
    record = IdempotencyRecord.objects.get(key="new-key-0001")
    assert secret.encode() not in bytes(record.response_body)
    assert (replay.status_code, replay.json()["code"]) == (409, "idempotent_replay_unavailable")
    assert ApiKey.objects.count() == 2


def test_idempotent_webhook_endpoint_creation_stores_no_secret(make_client, staff_user):
    client = make_client(staff_user, scopes="all")
    body = {"url": "https://93.184.215.14/hooks", "events": ["order.created"]}

    first = client.post("/api/v1/webhook-endpoints", body, format="json", HTTP_IDEMPOTENCY_KEY="new-endpoint-1")

    assert first.status_code == 201, first.content
    record = IdempotencyRecord.objects.get(key="new-endpoint-1")
    assert first.json()["secret"].encode() not in bytes(record.response_body)
