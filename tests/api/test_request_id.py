"""X-Request-ID on every response, in problem bodies and in logs."""

import logging
import uuid

import pytest

from shopplatform.api.request_id import RequestIdLogFilter

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.api.urls")]


def test_success_response_gets_a_uuid4_request_id(anonymous_client):
    response = anonymous_client.get("/api/v1/test/public")

    assert uuid.UUID(response["X-Request-ID"]).version == 4


def test_error_response_gets_a_request_id(anonymous_client):
    response = anonymous_client.get("/api/v1/api-keys")

    assert response.status_code == 401
    assert uuid.UUID(response["X-Request-ID"]).version == 4


def test_well_formed_caller_id_is_echoed(anonymous_client):
    caller_id = "trace-42.a:b_c-" + "x" * 185

    response = anonymous_client.get("/api/v1/test/public", HTTP_X_REQUEST_ID=caller_id)

    assert response["X-Request-ID"] == caller_id


@pytest.mark.parametrize(
    "malformed",
    ["x" * 201, "has spaces", "semi;colon", "ünicode"],
    ids=["201-chars", "spaces", "semicolon", "non-ascii"],
)
def test_malformed_caller_id_is_replaced_by_a_uuid4(anonymous_client, malformed):
    response = anonymous_client.get("/api/v1/test/public", HTTP_X_REQUEST_ID=malformed.encode().decode("latin-1"))

    assert uuid.UUID(response["X-Request-ID"]).version == 4


def test_problem_body_request_id_equals_the_header(anonymous_client):
    response = anonymous_client.get("/api/v1/api-keys", HTTP_X_REQUEST_ID="abc-123")

    assert response.json()["request_id"] == response["X-Request-ID"] == "abc-123"


def test_log_records_carry_the_request_id(anonymous_client, caplog):
    caplog.handler.addFilter(RequestIdLogFilter())

    with caplog.at_level(logging.WARNING, logger="tests.api"):
        response = anonymous_client.get("/api/v1/test/logged", HTTP_X_REQUEST_ID="log-me-1")

    record = next(record for record in caplog.records if record.getMessage() == "handling a logged request")
    assert record.request_id == response["X-Request-ID"] == "log-me-1"


def test_log_records_outside_a_request_carry_a_dash(caplog):
    caplog.handler.addFilter(RequestIdLogFilter())

    with caplog.at_level(logging.WARNING, logger="tests.api"):
        logging.getLogger("tests.api").warning("outside")

    assert caplog.records[-1].request_id == "-"
