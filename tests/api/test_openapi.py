"""The OpenAPI document describes the conventions on every operation."""

import pytest
from django.db import transaction

from shopplatform.api.schema import ERROR_STATUSES

pytestmark = pytest.mark.django_db

METHODS = {"get", "post", "put", "patch", "delete", "head", "options"}


@pytest.fixture(scope="module")
def operations(django_db_setup, django_db_blocker):
    from drf_spectacular.generators import SchemaGenerator

    # Generating the schema may create rows (the store settings singleton); roll them back so no later test
    # finds them committed.
    with django_db_blocker.unblock(), transaction.atomic():
        schema = SchemaGenerator().get_schema(request=None, public=True)
        transaction.set_rollback(True)
    return [
        (f"{method.upper()} {path}", operation)
        for path, item in schema["paths"].items()
        for method, operation in item.items()
        if method in METHODS
    ]


def test_document_has_operations(operations):
    assert operations


def test_every_operation_declares_its_security_unless_open_to_anonymous_callers(operations):
    missing = [name for name, operation in operations if not operation.get("security") and not operation["x-anonymous"]]

    assert missing == []


def test_every_operation_declares_the_problem_responses(operations):
    incomplete = [
        name
        for name, operation in operations
        for status in ERROR_STATUSES
        if operation["responses"].get(status, {}).get("content", {}).get("application/problem+json", {}).get("schema")
        != {"$ref": "#/components/schemas/Problem"}
    ]

    assert incomplete == []


def test_every_operation_takes_the_api_version_header(operations):
    missing = [
        name
        for name, operation in operations
        if "API-Version" not in {parameter["name"] for parameter in operation.get("parameters", [])}
    ]

    assert missing == []


def test_every_write_takes_an_idempotency_key(operations):
    missing = [
        name
        for name, operation in operations
        if name.split()[0] in {"POST", "PUT", "PATCH", "DELETE"}
        and "Idempotency-Key" not in {parameter["name"] for parameter in operation.get("parameters", [])}
    ]

    assert missing == []


def test_anonymous_operations_require_no_key_and_still_name_the_scopes_a_key_needs(operations):
    """Generated clients call these without a key; `x-scopes` keeps what a key must hold machine-readable."""
    listed = {name: operation for name, operation in operations}

    assert "security" not in listed["GET /api/v1/store/"]
    assert listed["GET /api/v1/store/"]["x-anonymous"] is True
    assert "security" not in listed["GET /api/v1/products/"]
    assert set(listed["GET /api/v1/products/"]["x-scopes"]) == {"catalog:read", "shop:read"}
    assert listed["POST /api/v1/products/"]["security"]


def test_wallet_and_shop_operations_are_tagged_beta_and_the_channel_is_announced(client):
    """The release channel banner and the Beta label of the Wallet and Shop APIs."""
    document = client.get("/api/openapi.json").json()
    operations = {
        path: operation
        for path, item in document["paths"].items()
        for operation in item.values()
        if "tags" in operation
    }

    assert "beta" in operations["/api/v1/wallet/balance/"]["tags"]
    assert "beta" in operations["/api/v1/carts/"]["tags"]
    assert "beta" not in operations["/api/v1/products/"]["tags"]
    assert document["info"]["x-release-channel"]["channel"] == "beta"
