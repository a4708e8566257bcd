"""API-Version header: default, key pin, unknown versions, echo."""

import pytest
from django.conf import settings
from django.test import override_settings

pytestmark = pytest.mark.django_db

KEYS = "/api/v1/api-keys"
TWO_VERSIONS = ["2026-01-15", "2026-11-01"]


def test_response_echoes_latest_version_by_default(customer_client):
    response = customer_client.get(KEYS)

    assert response["API-Version"] == settings.API_VERSIONS[-1]


def test_error_responses_echo_the_version(anonymous_client):
    response = anonymous_client.get(KEYS)

    assert response.status_code == 401
    assert response["API-Version"] == settings.API_VERSIONS[-1]


@pytest.mark.parametrize("value", ["2019-01-01", "latest", "2026-11-01T00:00:00Z", ""])
def test_unknown_or_malformed_version_is_400(customer_client, value):
    response = customer_client.get(KEYS, HTTP_API_VERSION=value)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "unknown_api_version"
    assert response.json()["param"] == "API-Version"


@override_settings(API_VERSIONS=TWO_VERSIONS)
def test_requested_older_version_is_served(customer_client):
    response = customer_client.get(KEYS, HTTP_API_VERSION="2026-01-15")

    assert response.status_code == 200
    assert response["API-Version"] == "2026-01-15"


@override_settings(API_VERSIONS=TWO_VERSIONS)
def test_key_pinned_version_is_the_default(make_client, customer_user):
    response = make_client(customer_user, api_version="2026-01-15").get(KEYS)

    assert response["API-Version"] == "2026-01-15"


@override_settings(API_VERSIONS=TWO_VERSIONS)
def test_header_overrides_the_pinned_version(make_client, customer_user):
    response = make_client(customer_user, api_version="2026-01-15").get(KEYS, HTTP_API_VERSION="2026-11-01")

    assert response["API-Version"] == "2026-11-01"


def test_pin_to_a_withdrawn_version_falls_back_to_latest(make_client, customer_user):
    response = make_client(customer_user, api_version="2020-02-02").get(KEYS)

    assert response.status_code == 200
    assert response["API-Version"] == settings.API_VERSIONS[-1]


@override_settings(API_VERSIONS=TWO_VERSIONS)
def test_openapi_document_lists_every_version(anonymous_client):
    schema = anonymous_client.get("/api/openapi.json").json()

    parameter = next(
        parameter
        for parameter in schema["paths"]["/api/v1/api-keys/"]["get"]["parameters"]
        if parameter["name"] == "API-Version"
    )
    assert parameter["schema"]["enum"] == TWO_VERSIONS
