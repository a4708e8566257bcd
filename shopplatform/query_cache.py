"""Results shared among callers whose querysets compile to the same SQL, for a short while.

A COUNT(*) of a large listing, or the brand choices around a product grid, cost a scan per request; callers whose
answers may lag a write by a minute share one computation instead. The key is the hash of the SQL and its
parameters, so any filter or ordering difference gets its own entry.
"""

from collections.abc import Callable
from hashlib import sha256
from typing import Any

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet


def shared_for_query(queryset, compute: Callable[[], Any], *, kind: str, seconds: int, empty: Any, extra=()) -> Any:
    """`compute()`, shared for `seconds` by callers with the same SQL (and `extra`); `empty` when it can match nothing.

    A filter that can match nothing (an unknown category) compiles to no SQL at all: Django raises EmptyResultSet.
    """
    try:
        sql_with_params = queryset.query.sql_with_params()
    except EmptyResultSet:
        return empty
    identity = (sql_with_params, *extra) if extra else sql_with_params
    key = f"{kind}:" + sha256(repr(identity).encode()).hexdigest()
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, seconds)
    return value
