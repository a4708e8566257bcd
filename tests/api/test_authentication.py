"""Authentication and scopes."""

import pytest

pytestmark = pytest.mark.django_db


def test_missing_key_on_protected_endpoint_is_401_problem(anonymous_client):
    response = anonymous_client.get("/api/v1/api-keys")

    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "unauthenticated"
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_unknown_key_is_401(anonymous_client):
    anonymous_client.credentials(HTTP_AUTHORIZATION="Bearer shp_not-a-real-key")

    response = anonymous_client.get("/api/v1/api-keys")

    assert response.status_code == 401


def test_x_api_key_header_authenticates(make_client, customer_user, anonymous_client):
    key_client = make_client(customer_user, scopes="wallet:read")
    anonymous_client.credentials(HTTP_X_API_KEY=key_client.secret)

    response = anonymous_client.get("/api/v1/api-keys")

    assert response.status_code == 200
    assert [item["id"] for item in response.json()["data"]] == [key_client.api_key.public_id]


def test_key_in_query_string_is_refused_with_400(make_client, customer_user):
    secret = make_client(customer_user).secret

    response = make_client().get(f"/api/v1/api-keys?X-API-KEY={secret}")

    assert response.status_code == 400
    assert response.json()["code"] == "api_key_in_query"
    assert response.json()["param"] == "X-API-KEY"


def test_revoked_key_is_401(make_client, customer_user):
    client = make_client(customer_user)
    assert client.delete(f"/api/v1/api-keys/{client.api_key.public_id}").status_code == 204

    response = client.get("/api/v1/api-keys")

    assert response.status_code == 401


def test_only_the_hash_of_a_secret_is_stored(make_client, customer_user):
    client = make_client(customer_user)
    client.api_key.refresh_from_db()

    assert client.secret not in client.api_key.secret_hash
    assert client.secret.startswith(client.api_key.prefix)


def test_key_cannot_grant_scopes_it_lacks(make_client, customer_user):
    client = make_client(customer_user, scopes="wallet:read keys:write")

    response = client.post("/api/v1/api-keys", {"scopes": ["wallet:write"]}, format="json")

    assert response.status_code == 403
    assert response.json()["param"] == "scopes"


def test_created_key_secret_is_shown_once_and_works(make_client, anonymous_client, customer_user):
    client = make_client(customer_user)

    created = client.post("/api/v1/api-keys", {"name": "ci", "scopes": ["wallet:read"]}, format="json")
    anonymous_client.credentials(HTTP_AUTHORIZATION=f"Bearer {created.json()['secret']}")
    listed = anonymous_client.get("/api/v1/api-keys")

    assert created.status_code == 201
    assert listed.status_code == 200
    assert all("secret" not in item for item in listed.json()["data"])


def test_a_scope_alternative_is_enough_and_the_problem_names_all(make_client, customer_user):
    """A shop integration key (shop:read) may search products; a key with neither scope may not."""
    shop_client = make_client(customer_user, scopes="shop:read")
    wallet_client = make_client(customer_user, scopes="wallet:read")

    allowed = shop_client.get("/api/v1/products?query=chair")
    refused = wallet_client.get("/api/v1/products")

    assert allowed.status_code == 200
    assert refused.status_code == 403
    assert refused.json()["param"] == "catalog:read or shop:read"
