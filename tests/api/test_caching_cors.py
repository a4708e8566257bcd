"""Cache-Control, ETag/304 and CORS for anonymous public reads only."""

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.api.urls")]

PUBLIC = "/api/v1/test/public"
ORIGIN = "https://widgets.example.org"


def test_anonymous_public_read_is_publicly_cacheable_with_strong_etag(anonymous_client):
    response = anonymous_client.get(PUBLIC)

    assert response["Cache-Control"] == "public, max-age=300"
    assert response["ETag"].startswith('"')
    assert not response["ETag"].startswith("W/")


def test_if_none_match_with_current_etag_is_304(anonymous_client):
    etag = anonymous_client.get(PUBLIC)["ETag"]

    response = anonymous_client.get(PUBLIC, HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag


def test_stale_etag_gets_the_full_response(anonymous_client):
    response = anonymous_client.get(PUBLIC, HTTP_IF_NONE_MATCH='"outdated"')

    assert response.status_code == 200


def test_public_views_vary_on_credentials(anonymous_client):
    response = anonymous_client.get(PUBLIC)

    assert {"authorization", "x-api-key", "api-version"} <= {
        name.strip().lower() for name in response["Vary"].split(",")
    }


def test_authenticated_read_of_public_view_is_private(customer_client):
    response = customer_client.get(PUBLIC)

    assert response["Cache-Control"] == "private, no-store"
    assert "ETag" not in response


def test_non_public_responses_are_private(customer_client):
    response = customer_client.get("/api/v1/api-keys")

    assert response["Cache-Control"] == "private, no-store"


def test_error_responses_are_private(anonymous_client):
    assert anonymous_client.get("/api/v1/api-keys")["Cache-Control"] == "private, no-store"
    assert anonymous_client.get("/api/v1/no-such-thing")["Cache-Control"] == "private, no-store"


def test_anonymous_public_read_allows_any_origin(anonymous_client):
    response = anonymous_client.get(PUBLIC, HTTP_ORIGIN=ORIGIN)

    assert response["Access-Control-Allow-Origin"] == ORIGIN
    assert "X-Request-ID" in response["Access-Control-Expose-Headers"]


def test_authenticated_request_gets_no_cors(customer_client):
    response = customer_client.get(PUBLIC, HTTP_ORIGIN=ORIGIN)

    assert "Access-Control-Allow-Origin" not in response


def test_x_api_key_request_gets_no_cors(anonymous_client):
    response = anonymous_client.get(PUBLIC, HTTP_ORIGIN=ORIGIN, HTTP_X_API_KEY="shp_whatever")

    assert "Access-Control-Allow-Origin" not in response


def test_non_public_view_gets_no_cors(anonymous_client):
    response = anonymous_client.get("/api/v1/api-keys", HTTP_ORIGIN=ORIGIN)

    assert "Access-Control-Allow-Origin" not in response


def test_preflight_for_public_read_is_allowed(anonymous_client):
    response = anonymous_client.options(
        PUBLIC,
        HTTP_ORIGIN=ORIGIN,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="api-version",
    )

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == ORIGIN
    assert "GET" in response["Access-Control-Allow-Methods"]


def test_preflight_announcing_credentials_is_refused(anonymous_client):
    response = anonymous_client.options(
        PUBLIC,
        HTTP_ORIGIN=ORIGIN,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization",
    )

    assert "Access-Control-Allow-Origin" not in response


def test_preflight_for_a_write_is_refused(anonymous_client):
    response = anonymous_client.options(PUBLIC, HTTP_ORIGIN=ORIGIN, HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST")

    assert "Access-Control-Allow-Origin" not in response


def test_feeds_allow_any_origin(anonymous_client):
    response = anonymous_client.get("/feeds/products.json", HTTP_ORIGIN=ORIGIN)

    assert response["Access-Control-Allow-Origin"] == ORIGIN


def test_openapi_document_is_cacheable_for_an_hour_with_cors(anonymous_client):
    """OpenAPI 3.1 at /api/openapi.json, cached 1 h, readable cross-origin."""
    response = anonymous_client.get("/api/openapi.json", HTTP_ORIGIN=ORIGIN)

    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=3600"
    assert response["Access-Control-Allow-Origin"] == ORIGIN
    assert response.json()["openapi"].startswith("3.1.")


def test_docs_page_uses_local_assets_only(anonymous_client):
    response = anonymous_client.get("/api/docs")

    html = response.content.decode()
    assert response.status_code == 200
    assert "drf_spectacular_sidecar" in html
    assert not any(host in html for host in ("cdn.", "unpkg", "jsdelivr"))
