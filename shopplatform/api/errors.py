"""RFC 9457 problem details for every error under /api/.

Body: {"type": "<site>/problems/<code>", "title", "status", "detail", "instance": <path>, "code", "param",
"request_id", "errors": [{"field", "code", "message"}]}, served as application/problem+json.
DRF exceptions, ShopError, Http404, Django's PermissionDenied and RequestDataTooBig go through
`problem_exception_handler`; anything else that escapes a view under /api/ becomes a 500 problem in
`ApiExceptionMiddleware`, and unknown /api/ paths get a 404 problem from `api_not_found`.
"""

import json
import logging

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import ProtectedError
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions as drf
from rest_framework.response import Response
from rest_framework.views import set_rollback

from shopplatform.errors import PROBLEM_TYPES, ShopError, register_problem

from ..links import absolute_url
from .request_id import current_request_id
from .strict import STRICT_INPUT_CODES

logger = logging.getLogger(__name__)
PROBLEM_CONTENT_TYPE = "application/problem+json"

# DRF's codes renamed to ours, with titles and the text of /problems/<code>.
DRF_CODES = {
    drf.ValidationError: ("validation_error", "Validation failed", "One or more fields are invalid; see errors[]."),
    drf.ParseError: ("malformed_json", "Malformed request body", "The body is not valid JSON."),
    drf.AuthenticationFailed: ("unauthenticated", "Unauthenticated", "The API key is missing, unknown or revoked."),
    drf.NotAuthenticated: ("unauthenticated", "Unauthenticated", "The API key is missing, unknown or revoked."),
    drf.PermissionDenied: ("permission_denied", "Permission denied", "The caller may not perform this action."),
    drf.NotFound: ("not_found", "Not found", "The resource does not exist or is not visible to the caller."),
    drf.MethodNotAllowed: ("method_not_allowed", "Method not allowed", "The path does not accept this method."),
    drf.NotAcceptable: ("not_acceptable", "Not acceptable", "Only application/json responses are served."),
    drf.UnsupportedMediaType: (
        "unsupported_media_type",
        "Unsupported media type",
        "Send JSON with Content-Type: application/json (multipart where an endpoint says so).",
    ),
    drf.Throttled: ("rate_limited", "Too many requests", "The rate limit is exhausted; retry after Retry-After."),
}
for _code, _title, _text in DRF_CODES.values():
    register_problem(_code, _title, _text)
register_problem("invalid_query", "Invalid query parameter", "A query parameter holds a value the API cannot accept.")
register_problem(
    "idempotent_replay_unavailable",
    "Replay unavailable",
    "The first request with this Idempotency-Key showed a secret, which is shown once and never stored.",
)
register_problem("server_error", "Internal server error", "Something failed on our side; quote the request id.")


def problem_type_uri(request, code: str) -> str:
    return absolute_url(f"/problems/{code}")


def problem_body(
    request, *, status: int, code: str, title: str, detail: str, param=None, errors=None, extensions=None
) -> dict:
    body = {
        "type": problem_type_uri(request, code),
        "title": title,
        "status": status,
        "detail": detail,
        "instance": request.path,
        "code": code,
        "param": param,
        "request_id": getattr(request, "request_id", None) or current_request_id.get(),
    }
    if errors is not None:
        body["errors"] = errors
    for name, value in (extensions or {}).items():
        body.setdefault(name, value)
    return body


def problem_response(request, **fields) -> HttpResponse:
    """A plain Django problem response, for paths outside DRF's exception handling."""
    body = problem_body(request, **fields)
    response = HttpResponse(json.dumps(body), status=body["status"], content_type=PROBLEM_CONTENT_TYPE)
    response["Cache-Control"] = "private, no-store"
    return response


def flatten_errors(detail, prefix: str = "") -> list[dict]:
    """Turn DRF's nested error detail into [{"field": "lines.0.quantity", "code", "message"}]."""
    if isinstance(detail, dict):
        items = []
        for key, value in detail.items():
            # Keys are field names, or list indexes (ListField/DictField errors; index 0 is a real path part).
            field = "" if key == "non_field_errors" else str(key)
            items += flatten_errors(value, f"{prefix}.{field}" if prefix and field else prefix or field)
        return items
    if isinstance(detail, list):
        if all(isinstance(item, drf.ErrorDetail | str) for item in detail):
            return [_error_item(prefix, item) for item in detail]
        items = []
        for index, value in enumerate(detail):
            items += flatten_errors(value, f"{prefix}.{index}" if prefix else str(index))
        return items
    return [_error_item(prefix, detail)]


def _error_item(field: str, message) -> dict:
    return {"field": field or None, "code": getattr(message, "code", "invalid"), "message": str(message)}


def _describe(exc) -> dict:
    """Map an exception to the problem fields, or None when it is not ours to render."""
    if isinstance(exc, ShopError):
        fields = {
            "status": exc.status,
            "code": exc.code,
            "title": exc.title,
            "detail": exc.detail,
            "param": exc.param,
            "extensions": exc.extension_members(),
        }
        if exc.status == 400:  # every 400 lists what to fix in errors[], as validation failures do
            fields["errors"] = [{"field": exc.param, "code": exc.code, "message": exc.detail}]
        return fields
    if isinstance(exc, ProtectedError):
        return {
            "status": 409,
            "code": "conflict",
            "title": "Conflict",
            "detail": "Other records depend on this one (for example orders or a wallet), so it cannot be deleted.",
        }
    if isinstance(exc, Http404):
        return {"status": 404, "code": "not_found", "title": "Not found", "detail": "Not found."}
    if isinstance(exc, RequestDataTooBig):
        return {
            "status": 413,
            "code": "payload_too_large",
            "title": "Content too large",
            "detail": "The request body is over the size limit.",
        }
    if isinstance(exc, DjangoPermissionDenied):
        return {"status": 403, "code": "permission_denied", "title": "Permission denied", "detail": str(exc)}
    if isinstance(exc, DjangoValidationError):
        exc = drf.ValidationError(detail=exc.message_dict if hasattr(exc, "error_dict") else exc.messages)
    if isinstance(exc, drf.APIException):
        code, title, _ = next(
            (value for cls, value in DRF_CODES.items() if isinstance(exc, cls)),
            (getattr(exc, "problem_code", None) or exc.default_code, "Error", ""),
        )
        code = getattr(exc, "problem_code", None) or code
        title = getattr(exc, "problem_title", None) or title
        fields = {"status": exc.status_code, "code": code, "title": title, "param": getattr(exc, "param", None)}
        if isinstance(exc, drf.ValidationError):
            errors = flatten_errors(exc.detail)
            fields["errors"] = errors
            fields["param"] = errors[0]["field"] if errors else None
            if errors and errors[0]["code"] in STRICT_INPUT_CODES:  # is_valid() re-raises a plain ValidationError
                fields["code"] = errors[0]["code"]
            fields["detail"] = errors[0]["message"] if len(errors) == 1 else "Several fields are invalid."
        elif isinstance(exc.detail, dict | list):
            fields["detail"] = "; ".join(item["message"] for item in flatten_errors(exc.detail))
        else:
            fields["detail"] = str(exc.detail)
        return fields
    return None


def problem_exception_handler(exc, context):
    """DRF's EXCEPTION_HANDLER: render every known error as problem+json."""
    request = context["request"]
    fields = _describe(exc)
    if fields is None:
        return None
    set_rollback()  # with ATOMIC_REQUESTS, an error response must not commit the view's partial writes
    body = problem_body(request, **fields)
    headers = {}
    if isinstance(exc, drf.APIException):
        if getattr(exc, "auth_header", None):
            headers["WWW-Authenticate"] = exc.auth_header
        if getattr(exc, "wait", None) is not None:
            headers["Retry-After"] = str(int(exc.wait))
    response = Response(body, status=body["status"], headers=headers, content_type=PROBLEM_CONTENT_TYPE)
    response.exception = True
    return response


class ApiExceptionMiddleware:
    """Last-resort 500 (and Http404 outside DRF) as problem+json for /api/ paths."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exc):
        if not request.path.startswith("/api/"):
            return None
        fields = _describe(exc)
        if fields is None:
            logger.exception("Unhandled error on %s %s", request.method, request.path)
            fields = {
                "status": 500,
                "code": "server_error",
                "title": "Internal server error",
                "detail": "Something failed on our side. Quote the request id when you contact us.",
            }
        return problem_response(request, **fields)


@csrf_exempt
def api_not_found(request, *args, **kwargs):
    """Catch-all for unknown paths under /api/, for every method: the API takes no cookies, so no CSRF check."""
    return problem_response(
        request, status=404, code="not_found", title="Not found", detail=f"No endpoint at {request.path}."
    )


def problem_page(request, code: str):
    """The human-readable page each problem `type` URI resolves to."""
    if code not in PROBLEM_TYPES:
        raise Http404(code)
    title, description = PROBLEM_TYPES[code]
    return render(request, "problems/detail.html", {"code": code, "title": title, "description": description})


def problem_index(request):
    return render(request, "problems/index.html", {"problems": sorted(PROBLEM_TYPES.items())})
