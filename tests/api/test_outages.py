"""A dependency that is down answers 503 (problem+json under /api/, with Retry-After), never a 500 or a traceback.

Redis is made unreachable for real: the cache points at a loopback port nothing listens on, so the rate limiter's
increment fails the way it does while Redis restarts.
"""

import json
import logging

import pytest

from shopplatform.api.request_id import RequestIdLogFilter
from shopplatform.logs import JsonLogFormatter
from tests.s3_server import free_port

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
        }
    }


@pytest.fixture
def json_log_lines():
    """The JSON lines the outage logger writes while the test runs, through the formatter LOG_FORMAT=json uses."""
    lines: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record) -> None:
            lines.append(self.format(record))

    handler = Collect()
    handler.setFormatter(JsonLogFormatter())
    handler.addFilter(RequestIdLogFilter())
    logger = logging.getLogger("shopplatform.api.outages")
    logger.addHandler(handler)
    yield lines
    logger.removeHandler(handler)


def test_api_answers_503_problem_json_while_redis_is_down(redis_down, anonymous_client):
    response = anonymous_client.get("/api/v1/products")

    assert response.status_code == 503
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "service_unavailable"
    assert response["Retry-After"] == "5"


def test_outage_is_logged_as_a_json_line_with_the_request_id(redis_down, anonymous_client, json_log_lines):
    anonymous_client.get("/api/v1/products", HTTP_X_REQUEST_ID="outage-test-1")

    line = json.loads(json_log_lines[-1])
    assert line["request_id"] == "outage-test-1"
    assert line["level"] == "WARNING"
    assert "dependency unavailable" in line["message"]


def test_problem_page_documents_service_unavailable(anonymous_client):
    response = anonymous_client.get("/problems/service_unavailable")

    assert response.status_code == 200
    assert b"Idempotency-Key" in response.content
