"""Results shared among callers whose querysets compile to the same SQL, for a short while.

A COUNT(*) of a large listing, or the brand choices around a product grid, cost a scan per request; callers whose
answers may lag a write by a minute share one computation instead. The key is the hash of the SQL and its
parameters, so any filter or ordering difference gets its own entry.

A shared answer is also kept by the process for STORE_SETTINGS_CACHE_SECONDS (as store settings are,
shopplatform.process_copy): pages read the same few counts over and over, and a round trip to Redis per read was a
tenth of a product page. An answer may then lag a write by the shared seconds plus these.

A cache that is down (Redis restarting) costs only the sharing: `shared_for_query` computes the answer itself, and
`cached_many` / `keep_many` (fragment caches, catalog.cards) report a miss and keep nothing.
"""

import threading
import time
from collections.abc import Callable
from contextlib import suppress
from hashlib import sha256
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

CACHE_DOWN = (ConnectionInterrupted, RedisConnectionError, RedisTimeoutError)
LOCAL_ANSWERS = 2048  # answers a process keeps (the oldest go first)
_local: dict[str, tuple[float, Any]] = {}
_local_lock = threading.Lock()


def cached_many(keys: list[str]) -> dict[str, Any]:
    """The cached values of `keys` that are there; none while the cache is down."""
    try:
        return cache.get_many(keys)
    except CACHE_DOWN:
        return {}


def keep_many(values: dict[str, Any], seconds: int) -> None:
    """Cache `values` for `seconds`; nothing while the cache is down."""
    with suppress(*CACHE_DOWN):
        cache.set_many(values, seconds)


def answer_key(kind: str, identity) -> str:
    """The cache key of a shared answer: `kind` and a hash of what the answer depends on."""
    return f"{kind}:" + sha256(repr(identity).encode()).hexdigest()


def shared_for_query(queryset, compute: Callable[[], Any], *, kind: str, seconds: int, empty: Any, extra=()) -> Any:
    """`compute()`, shared for `seconds` by callers with the same SQL (and `extra`); `empty` when it can match nothing.

    A filter that can match nothing (an unknown category) compiles to no SQL at all: Django raises EmptyResultSet.
    """
    try:
        sql_with_params = queryset.query.sql_with_params()
    except EmptyResultSet:
        return empty
    identity = (sql_with_params, *extra) if extra else sql_with_params
    return shared_answer(answer_key(kind, identity), compute, seconds=seconds)


def shared_answer(key: str, compute: Callable[[], Any], *, seconds: int) -> Any:
    """`compute()`, shared under `key` for `seconds` (and kept by the process, see the module docstring)."""
    held = _local.get(key)
    if held is not None and time.monotonic() < held[0]:
        return held[1]
    value = cached_many([key]).get(key)
    if value is None:
        value = compute()
        keep_many({key: value}, seconds)
    keep_locally({key: value}, seconds)
    return value


def forget_kept() -> None:
    """Drop the answers this process keeps (tests start from none)."""
    with _local_lock:
        _local.clear()


def keep_locally(values: dict[str, Any], seconds: int) -> None:
    """Keep shared answers in this process for STORE_SETTINGS_CACHE_SECONDS (at most `seconds`)."""
    local_seconds = min(settings.STORE_SETTINGS_CACHE_SECONDS, seconds)
    if local_seconds <= 0:
        return
    with _local_lock:
        for key, value in values.items():
            _local.pop(key, None)  # a refreshed answer moves to the end, the newest
            _local[key] = (time.monotonic() + local_seconds, value)
        while len(_local) > LOCAL_ANSWERS:
            del _local[next(iter(_local))]
