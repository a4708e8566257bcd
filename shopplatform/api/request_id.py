"""Request ids: every response carries X-Request-ID, every log record and Celery task started by it too.

The caller's id is kept when it is at most 200 characters of `[A-Za-z0-9._:-]`; otherwise a UUID4 is made.
Tasks receive it in the `request_id` message header (see shopplatform.celery).
"""

import logging
import re
import uuid
from contextvars import ContextVar

REQUEST_ID_HEADER = "X-Request-ID"
_WELL_FORMED = re.compile(r"^[A-Za-z0-9._:-]{1,200}$")
current_request_id: ContextVar[str | None] = ContextVar("current_request_id", default=None)


def accept_or_generate(candidate: str | None) -> str:
    """Return the caller's id when well formed, else a new UUID4."""
    if candidate and _WELL_FORMED.match(candidate):
        return candidate
    return str(uuid.uuid4())


class RequestIdMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        request_id = accept_or_generate(request.headers.get(REQUEST_ID_HEADER))
        request.request_id = request_id
        token = current_request_id.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            current_request_id.reset(token)
        response[REQUEST_ID_HEADER] = request_id
        return response


class RequestIdLogFilter(logging.Filter):
    """Adds `request_id` to every log record ('-' outside a request or task)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current_request_id.get() or "-"
        return True
