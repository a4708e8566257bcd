"""OpenAPI generation: API-key security schemes, required scopes per operation, problem+json errors, and the
convention headers (API-Version, Idempotency-Key, X-Request-ID, X-RateLimit-*).

Every operation documents the problem responses any endpoint can give (400, 401, 403, 404, 406, 409, 413,
415, 422, 429, 500), so clients and schemathesis know the error shape.
"""

from django.conf import settings
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter

from .idempotency import KEY_HEADER, KEY_PATTERN
from .idempotency import METHODS as IDEMPOTENT_METHODS
from .scopes import SCOPES, required_scopes_for
from .versioning import VERSION_HEADER

RESPONSE_HEADERS = (
    ("X-Request-ID", str, "The caller's well-formed X-Request-ID, else a new UUID4."),
    (VERSION_HEADER, str, "The API version that served the request."),
    ("X-RateLimit-Limit", int, "Requests allowed per minute for this key (or address)."),
    ("X-RateLimit-Remaining", int, "Requests left in the current minute."),
    ("X-RateLimit-Reset", int, "Unix time (seconds) when the current window ends."),
)

ERROR_STATUSES = {
    "400": "Invalid input (see `errors`), malformed JSON, bad pagination or an unknown API-Version.",
    "401": "Missing, unknown or revoked API key.",
    "403": "The key lacks the scope (`insufficient_scope`) or the caller may not act on this object.",
    "404": "No such resource, or not visible to the caller.",
    "406": "Only application/json is served.",
    "409": "State conflict, duplicate, or the same Idempotency-Key is still in flight.",
    "413": "Body or item count over the limit.",
    "415": "Unsupported Content-Type.",
    "422": "Idempotency-Key reused with another request.",
    "429": "Rate limit exceeded; see Retry-After.",
    "500": "Unexpected server error; quote the request id.",
    "502": "A payment provider refused or failed the call this operation made; nothing was changed here.",
    "503": "A service the shop depends on is briefly unavailable; retry after Retry-After with the same Idempotency-Key.",
}

PROBLEM_SCHEMA = {
    "type": "object",
    "required": ["type", "title", "status", "detail", "instance", "code"],
    "properties": {
        "type": {"type": "string", "format": "uri"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
        "code": {"type": "string"},
        "param": {"type": ["string", "null"]},
        "request_id": {"type": ["string", "null"]},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["field", "code", "message"],
                "properties": {
                    "field": {"type": ["string", "null"]},
                    "code": {"type": "string"},
                    "message": {"type": "string"},
                },
            },
        },
    },
}


class ApiKeyAuthenticationScheme(OpenApiAuthenticationExtension):
    target_class = "shopplatform.accounts.authentication.ApiKeyAuthentication"
    name = ["BearerKey", "HeaderKey"]

    def get_security_definition(self, auto_schema):
        return [
            {"type": "http", "scheme": "bearer", "description": "`Authorization: Bearer shp_…`"},
            {"type": "apiKey", "in": "header", "name": "X-API-Key"},
        ]

    def get_security_requirement(self, auto_schema):
        # OpenAPI requirement objects are alternatives: any one scheme with any one acceptable scope.
        scopes = required_scopes_for(auto_schema.view, auto_schema.method) or [None]
        return [{scheme: [scope] if scope else []} for scope in scopes for scheme in ("BearerKey", "HeaderKey")]


def convention_parameters(method: str) -> list[OpenApiParameter]:
    """Headers every operation takes (API-Version; Idempotency-Key on writes) and sends back."""
    parameters = [
        OpenApiParameter(
            VERSION_HEADER,
            str,
            OpenApiParameter.HEADER,
            enum=settings.API_VERSIONS,
            description="API version (YYYY-MM-DD). Default: the key's pinned version, else the latest.",
        ),
    ]
    if method in IDEMPOTENT_METHODS:
        parameters.append(
            OpenApiParameter(
                KEY_HEADER,
                {"type": "string", "pattern": KEY_PATTERN, "minLength": 8, "maxLength": 200},
                OpenApiParameter.HEADER,
                description="Replays the stored response for 24 h when the same request is retried.",
            )
        )
    parameters += [
        OpenApiParameter(name, schema, OpenApiParameter.HEADER, response=True, description=description)
        for name, schema, description in RESPONSE_HEADERS
    ]
    return parameters


# The Wallet and Shop APIs are labelled Beta: wallet and orders (carts, checkout, orders) apps.
BETA_APPS = ("wallet", "orders")


class ShopAutoSchema(AutoSchema):
    def get_tags(self):
        tags = super().get_tags()
        if self.view.__module__.split(".")[0] in BETA_APPS:
            tags.append("beta")
        return tags

    def get_override_parameters(self):
        return [*super().get_override_parameters(), *convention_parameters(self.method)]

    def get_auth(self):
        # An operation open to anonymous callers declares no security requirement, so generated clients may call
        # it with or without a key (openapi-python-client, for one, demands a key wherever any requirement is
        # listed, `{}` included); the scopes a key needs there stay in `x-scopes` and in the description.
        if self.is_anonymous():
            return []
        return super().get_auth()

    def is_anonymous(self) -> bool:
        return self.method in getattr(self.view, "anonymous_methods", ())

    def get_operation(self, *args, **kwargs):
        operation = super().get_operation(*args, **kwargs)
        if operation is not None:
            operation["x-scopes"] = list(required_scopes_for(self.view, self.method))
            operation["x-anonymous"] = self.is_anonymous()
        return operation

    def get_description(self):
        description = super().get_description() or ""
        notes = []
        scopes = required_scopes_for(self.view, self.method)
        if scopes:
            notes.append("Scope: " + " or ".join(f"`{scope}`" for scope in scopes) + ".")
        if self.is_anonymous():
            notes.append("Open to anonymous callers.")
        if getattr(self.view, "staff_only", False):
            notes.append("Staff (merchant) keys only.")
        return "\n\n".join(filter(None, [description, " ".join(notes)]))


def _blank_alternatives_as_any_of(node) -> None:
    """A field that may also be blank renders as oneOf [format, maxLength 0]; "" matches both branches (an empty
    string is a valid URI reference), which oneOf forbids, so such pairs become anyOf."""
    pending = [node]
    while pending:
        item = pending.pop()
        if isinstance(item, dict):
            branches = item.get("oneOf")
            if isinstance(branches, list) and any(isinstance(b, dict) and b.get("maxLength") == 0 for b in branches):
                item["anyOf"] = item.pop("oneOf")
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)


def add_problem_responses(result, generator, request, public):
    """Postprocessing hook: the Problem component and the shared error responses on every operation."""
    _blank_alternatives_as_any_of(result)
    components = result.setdefault("components", {})
    components.setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    problem_content = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    for path_item in result.get("paths", {}).values():
        for operation in path_item.values():
            responses = operation.setdefault("responses", {})
            for status, description in ERROR_STATUSES.items():
                responses.setdefault(status, {"description": description})
            for status, response in responses.items():
                # A view may declare an error status with only a description; its body is still a problem.
                if status[0] in "45" and not response.get("content"):
                    response["content"] = dict(problem_content)
    result.setdefault("info", {})["x-scopes"] = list(SCOPES)
    return result
