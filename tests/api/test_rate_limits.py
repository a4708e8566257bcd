"""Rate limits per API key and per client address, with headers on every response."""

import os
import subprocess
import sys
import threading
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.test import RequestFactory, override_settings
from rest_framework.request import Request

from shopplatform.api import throttling

pytestmark = pytest.mark.django_db

KEYS = "/api/v1/api-keys"


def test_key_over_its_limit_gets_429_problem_with_retry_after(make_client, customer_user, frozen_clock):
    client = make_client(customer_user, rate_limit=3)
    allowed = [client.get(KEYS) for _ in range(3)]

    refused = client.get(KEYS)

    assert [response.status_code for response in allowed] == [200, 200, 200]
    assert refused.status_code == 429
    assert refused["Content-Type"] == "application/problem+json"
    assert refused.json()["code"] == "rate_limited"
    assert refused["Retry-After"] == "30"


def test_headers_count_down_the_window(make_client, customer_user, frozen_clock):
    client = make_client(customer_user, rate_limit=3)

    responses = [client.get(KEYS) for _ in range(4)]

    assert [response["X-RateLimit-Limit"] for response in responses] == ["3"] * 4
    assert [response["X-RateLimit-Remaining"] for response in responses] == ["2", "1", "0", "0"]
    assert {response["X-RateLimit-Reset"] for response in responses} == {str(int(frozen_clock) + 30)}


def test_each_key_has_its_own_count(make_client, customer_user, frozen_clock):
    first, second = make_client(customer_user, rate_limit=1), make_client(customer_user, rate_limit=1)
    first.get(KEYS)

    response = second.get(KEYS)

    assert response.status_code == 200


def test_default_key_limit_is_60_per_minute(make_client, customer_user):
    response = make_client(customer_user, rate_limit=None).get(KEYS)

    assert response["X-RateLimit-Limit"] == str(settings.API_DEFAULT_RATE_LIMIT) == "60"


@pytest.mark.urls("tests.api.urls")
@override_settings(API_ANONYMOUS_RATE_LIMIT=2)
def test_anonymous_callers_are_limited_per_address(anonymous_client, frozen_clock):
    here = [anonymous_client.get("/api/v1/test/public") for _ in range(3)]

    elsewhere = anonymous_client.get("/api/v1/test/public", REMOTE_ADDR="10.9.8.7")

    assert [response.status_code for response in here] == [200, 200, 429]
    assert elsewhere.status_code == 200


@pytest.mark.urls("tests.api.urls")
@override_settings(API_ANONYMOUS_RATE_LIMIT=1)
def test_forwarded_for_header_is_not_trusted_without_proxies(anonymous_client, frozen_clock):
    anonymous_client.get("/api/v1/test/public", HTTP_X_FORWARDED_FOR="1.1.1.1")

    response = anonymous_client.get("/api/v1/test/public", HTTP_X_FORWARDED_FOR="2.2.2.2")

    assert response.status_code == 429


def test_error_responses_carry_rate_limit_headers(anonymous_client):
    response = anonymous_client.get(KEYS)

    assert response.status_code == 401
    assert response["X-RateLimit-Limit"] == str(settings.API_ANONYMOUS_RATE_LIMIT)
    assert int(response["X-RateLimit-Reset"]) > 0


def _keyed_request(public_id: str, rate_limit: int) -> Request:
    request = Request(RequestFactory().get(KEYS))
    request.auth = SimpleNamespace(public_id=public_id, rate_limit=rate_limit)
    return request


def test_concurrent_counting_loses_no_request(frozen_clock):
    """The count is one atomic increment per request, never read-modify-write."""
    request, used, lock = _keyed_request("key_concurrent", 1000), [], threading.Lock()

    def count() -> None:
        window = throttling.count_request(request)
        with lock:
            used.append(window.used)

    threads = [threading.Thread(target=count) for _ in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(used) == list(range(1, 41))


COUNT_IN_ANOTHER_PROCESS = """
import sys
from types import SimpleNamespace

import django

django.setup()
from django.test import RequestFactory
from rest_framework.request import Request

from shopplatform.api import throttling

now, public_id, times = float(sys.argv[1]), sys.argv[2], int(sys.argv[3])
throttling.time = SimpleNamespace(time=lambda: now)
request = Request(RequestFactory().get("/api/v1/api-keys"))
request.auth = SimpleNamespace(public_id=public_id, rate_limit=3)
for _ in range(times):
    throttling.ApiRateThrottle().allow_request(request, None)
"""


@pytest.mark.redis
def test_all_server_processes_share_the_count_in_redis(make_client, customer_user, frozen_clock):
    client = make_client(customer_user, rate_limit=3)
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "shopplatform.settings"}

    subprocess.run(
        [sys.executable, "-c", COUNT_IN_ANOTHER_PROCESS, str(frozen_clock), client.api_key.public_id, "2"],
        check=True,
        cwd=settings.BASE_DIR,
        env=environment,
        timeout=60,
    )
    last_allowed = client.get(KEYS)
    refused = client.get(KEYS)

    assert last_allowed.status_code == 200
    assert last_allowed["X-RateLimit-Remaining"] == "0"
    assert refused.status_code == 429


@pytest.mark.redis
def test_a_window_counter_on_redis_expires_after_two_windows(frozen_clock):
    """The counter is created with its expiry in the same round trip as the first count: it cannot live forever."""
    from django.core.cache import caches

    request = _keyed_request("key_expiring", 10)

    first = throttling.count_request(request)
    second = throttling.count_request(request)

    key = throttling._counter_key("key:key_expiring", int(frozen_clock) // 60 * 60)
    assert (first.used, second.used) == (1, 2)
    assert caches["default"].get(key) == 2
    assert 60 < caches["default"].ttl(key) <= 120
