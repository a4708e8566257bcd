"""Rate limits: per API key (`ApiKey.rate_limit` requests a minute) or per client address for anonymous callers.

Fixed one-minute windows, counted with the cache's atomic increment (Redis INCR in production, so every server
process shares the count). DRF's stock throttles read a history list, append and write it back, which loses
counts when requests race; this one never reads before writing. On Redis the count is one round trip (SET NX with
the expiry, then INCR, pipelined): every API request pays it, and django-redis's add() then incr() took three.

Every API response reports the caller's window: `X-RateLimit-Limit`, `X-RateLimit-Remaining` and
`X-RateLimit-Reset` (Unix seconds when the window ends). Past the limit → 429 `rate_limited` with `Retry-After`.
"""

import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache, caches
from django_redis.cache import RedisCache
from rest_framework.exceptions import APIException
from rest_framework.throttling import BaseThrottle

WINDOW_SECONDS = 60


@dataclass(frozen=True)
class RateLimitWindow:
    limit: int
    used: int
    reset_at: int

    @property
    def remaining(self) -> int:
        return max(0, self.limit - self.used)


def client_address(request) -> str:
    """The caller's address; X-Forwarded-For counts only behind REST_FRAMEWORK["NUM_PROXIES"] trusted proxies."""
    return BaseThrottle().get_ident(request)


def _caller(request) -> tuple[str, int]:
    """(bucket name, requests per window) of the request's API key, or of its address when anonymous."""
    try:
        api_key = request.auth
    except APIException:  # authentication never ran (the request failed earlier) and fails now
        api_key = None
    if api_key is not None:
        return f"key:{api_key.public_id}", api_key.rate_limit
    return f"ip:{client_address(request)}", settings.API_ANONYMOUS_RATE_LIMIT


def _window_start(now: float) -> int:
    return int(now // WINDOW_SECONDS) * WINDOW_SECONDS


def _counter_key(bucket: str, window_start: int) -> str:
    return f"ratelimit:{bucket}:{window_start}"


def count_request(request) -> RateLimitWindow:
    """Count one request in the caller's current window and return the window."""
    bucket, limit = _caller(request)
    start = _window_start(time.time())
    used = _increment(_counter_key(bucket, start))
    return RateLimitWindow(limit=limit, used=used, reset_at=start + WINDOW_SECONDS)


def _increment(key: str) -> int:
    """Add one to the window's counter, creating it; the counter outlives its window a little, so it cannot expire
    between its creation and the increment."""
    backend = caches["default"]
    if isinstance(backend, RedisCache):
        name = backend.client.make_key(key)
        with backend.client.get_client(write=True).pipeline(transaction=False) as pipeline:
            pipeline.set(name, 0, ex=WINDOW_SECONDS * 2, nx=True)
            pipeline.incr(name)
            return pipeline.execute()[1]
    cache.add(key, 0, timeout=WINDOW_SECONDS * 2)
    try:
        return cache.incr(key)
    except ValueError:  # evicted in between (cache under memory pressure): start the window again
        cache.add(key, 1, timeout=WINDOW_SECONDS * 2)
        return 1


def peek_window(request) -> RateLimitWindow:
    """The caller's current window without counting (for responses refused before the throttle ran)."""
    bucket, limit = _caller(request)
    start = _window_start(time.time())
    used = cache.get(_counter_key(bucket, start), 0)
    return RateLimitWindow(limit=limit, used=used, reset_at=start + WINDOW_SECONDS)


class ApiRateThrottle(BaseThrottle):
    """REST_FRAMEWORK's DEFAULT_THROTTLE_CLASSES entry; leaves the window on the request for the headers."""

    def allow_request(self, request, view) -> bool:
        window = count_request(request)
        request.rate_limit_window = window
        self.retry_after = max(1, window.reset_at - int(time.time()))
        return window.used <= window.limit

    def wait(self) -> int:
        return self.retry_after


def add_rate_limit_headers(request, response) -> None:
    window = getattr(request, "rate_limit_window", None) or peek_window(request)
    response["X-RateLimit-Limit"] = str(window.limit)
    response["X-RateLimit-Remaining"] = str(window.remaining)
    response["X-RateLimit-Reset"] = str(window.reset_at)
