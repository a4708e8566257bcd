"""A dependency that is down answers 503, not 500: the database, Redis (cache, rate limits, broker) or S3.

Losing a connection is not a bug in the request, and the client can do nothing but try again later, so the
answer is 503 `service_unavailable` with `Retry-After` (problem+json under /api/, a short page elsewhere) and the
error is logged as a warning, not as an unhandled exception. Anything else still reaches the last-resort 500.
"""

import logging

import botocore.exceptions
import kombu.exceptions
import redis.exceptions
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django_redis.exceptions import ConnectionInterrupted

from shopplatform.errors import ShopError

from .errors import problem_response

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 5
OUTAGE_ERRORS = (
    OperationalError,  # lost or refused database connections, and transient failures such as deadlocks
    InterfaceError,
    redis.exceptions.ConnectionError,
    redis.exceptions.TimeoutError,
    ConnectionInterrupted,
    kombu.exceptions.OperationalError,
    botocore.exceptions.EndpointConnectionError,
    botocore.exceptions.ConnectionClosedError,
    botocore.exceptions.ReadTimeoutError,
)


class ServiceUnavailable(ShopError):
    """A service the shop depends on (database, cache, queue or file storage) did not answer. Retry after a few
    seconds (`Retry-After`); send a write again with the same Idempotency-Key, so it cannot happen twice."""

    status, code, title = 503, "service_unavailable", "Service unavailable"


class OutageMiddleware:
    """Turn an exception raised by a view because a dependency is down into a 503."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exc):
        if not isinstance(exc, OUTAGE_ERRORS):
            return None
        logger.warning("%s %s: dependency unavailable: %s: %s", request.method, request.path, type(exc).__name__, exc)
        if request.path.startswith("/api/"):
            error = ServiceUnavailable("A service the shop depends on is unavailable. Retry in a few seconds.")
            response = problem_response(
                request, status=error.status, code=error.code, title=error.title, detail=error.detail
            )
        else:
            response = HttpResponse(
                "The shop is briefly unavailable. Please try again in a few seconds.",
                status=503,
                content_type="text/plain; charset=utf-8",
            )
            response["Cache-Control"] = "no-store"
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
