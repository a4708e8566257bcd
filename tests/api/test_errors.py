"""RFC 9457 problem details for every API error."""

from urllib.parse import urlsplit

import pytest
from django.test import override_settings

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.api.urls")]

VALIDATION = "/api/v1/test/validation"
PROBLEM_FIELDS = {"type", "title", "status", "detail", "instance", "code", "param", "request_id"}


def assert_problem(response, status: int, code: str) -> dict:
    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert set(body) >= PROBLEM_FIELDS
    assert (body["status"], body["code"]) == (status, code)
    return body


def test_validation_error_lists_field_paths(anonymous_client):
    response = anonymous_client.post(
        VALIDATION, {"email": "nope", "lines": [{"quantity": 2}, {"quantity": 0}]}, format="json"
    )

    body = assert_problem(response, 400, "validation_error")
    assert sorted(error["field"] for error in body["errors"]) == ["email", "lines.1.quantity"]
    assert all({"field", "code", "message"} == set(error) for error in body["errors"])
    assert body["instance"] == VALIDATION


def test_single_invalid_field_names_param_and_detail(anonymous_client):
    response = anonymous_client.post(VALIDATION, {"email": "a@example.com", "lines": "x"}, format="json")

    body = assert_problem(response, 400, "validation_error")
    assert body["param"] == "lines"
    assert body["detail"] == body["errors"][0]["message"]


def test_problem_type_resolves_to_an_html_page(anonymous_client):
    body = anonymous_client.post(VALIDATION, {}, format="json").json()

    page = anonymous_client.get(urlsplit(body["type"]).path)

    assert body["type"].endswith("/problems/validation_error")
    assert page.status_code == 200
    assert page["Content-Type"].startswith("text/html")
    assert b"validation_error" in page.content


def test_unknown_problem_page_is_404(anonymous_client):
    assert anonymous_client.get("/problems/no_such_problem").status_code == 404


def test_unknown_path_under_api_is_404_problem(anonymous_client):
    response = anonymous_client.get("/api/v1/this/does/not/exist")

    body = assert_problem(response, 404, "not_found")
    assert body["instance"] == "/api/v1/this/does/not/exist"


def test_unknown_path_outside_v1_is_404_problem(anonymous_client):
    assert_problem(anonymous_client.get("/api/v2/products"), 404, "not_found")


def test_method_not_allowed_is_405_problem(staff_client):
    assert_problem(staff_client.delete("/api/v1/api-keys"), 405, "method_not_allowed")


def test_non_json_body_is_415_problem(anonymous_client):
    response = anonymous_client.post(VALIDATION, "email=a@example.com", content_type="text/plain")

    assert_problem(response, 415, "unsupported_media_type")


def test_malformed_json_is_400_problem(anonymous_client):
    response = anonymous_client.post(VALIDATION, '{"email": "a@example.com",', content_type="application/json")

    assert_problem(response, 400, "malformed_json")


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=100)
def test_body_over_the_size_limit_is_413_problem(anonymous_client):
    response = anonymous_client.post(VALIDATION, {"email": "a@example.com", "padding": "x" * 200}, format="json")

    assert_problem(response, 413, "payload_too_large")


def test_unhandled_exception_is_500_problem(anonymous_client):
    anonymous_client.raise_request_exception = False

    response = anonymous_client.get("/api/v1/test/crash")

    body = assert_problem(response, 500, "server_error")
    assert "boom" not in response.content.decode()
    assert body["request_id"] == response["X-Request-ID"]


def test_missing_scope_is_403_insufficient_scope_naming_it(make_client, customer_user):
    response = make_client(customer_user, scopes="wallet:read").post("/api/v1/test/catalog-writes", {}, format="json")

    body = assert_problem(response, 403, "insufficient_scope")
    assert body["param"] == "catalog:write"


def test_error_in_first_list_item_keeps_its_index(customer_client):
    response = customer_client.post("/api/v1/api-keys", {"scopes": ["teleport:write", "wallet:read"]}, format="json")

    body = assert_problem(response, 400, "validation_error")
    assert [error["field"] for error in body["errors"]] == ["scopes.0"]
    assert body["param"] == "scopes.0"
