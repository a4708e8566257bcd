"""Every JSON response the suite receives from /api/ is checked against the OpenAPI document.

The check wraps Django's test client, so each test that calls the API also proves the response is one the document
describes: a declared status for that operation, a declared media type, and a body its schema accepts. Drift
between code and contract therefore fails the test that caused it, naming the operation and the first error.
A test that must send something outside the contract on purpose (never a response) needs nothing special.
"""

import gzip
import json
import re
from functools import cache

import jsonschema
from django.test.client import Client
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer

CHECKED_METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE"}
JSON_TYPES = ("application/json", "application/problem+json")


@cache
def document() -> dict:
    # The project's own URLconf: a test that overrides ROOT_URLCONF must not redefine the contract for the rest.
    schema = SchemaGenerator(urlconf="shopplatform.urls").get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(schema, renderer_context={}))


@cache
def routes() -> list[tuple[re.Pattern, dict]]:
    """(path regex, path item), literal paths before parametrised ones so `/orders/bulk/` beats `/orders/{id}/`."""
    items = []
    for template, item in document()["paths"].items():
        pattern = re.sub(r"\{[^/]+\}", "[^/]+", re.escape(template).replace(r"\{", "{").replace(r"\}", "}"))
        items.append((template.count("{"), re.compile("^" + pattern.rstrip("/") + "/?$"), item))
    return [(regex, item) for _, regex, item in sorted(items, key=lambda entry: entry[0])]


@cache
def validator(schema_json: str) -> jsonschema.Draft202012Validator:
    schema = {**json.loads(schema_json), "components": document()["components"]}
    return jsonschema.Draft202012Validator(schema)


def contract_error(method: str, path: str, response) -> str | None:
    """Why the response is outside the document, or None when it fits (or the path is not a documented one)."""
    operation = next((item.get(method.lower()) for regex, item in routes() if regex.match(path)), None)
    if operation is None:
        return None
    media_type = response.get("Content-Type", "").split(";")[0].strip()
    if media_type not in JSON_TYPES:
        return None
    declared = operation["responses"].get(str(response.status_code))
    if declared is None:
        return f"status {response.status_code} is not declared"
    media = declared.get("content", {}).get(media_type)
    if media is None:
        return f"status {response.status_code} declares no {media_type} body"
    content = gzip.decompress(response.content) if response.get("Content-Encoding") == "gzip" else response.content
    body = json.loads(content) if content else None
    error = next(validator(json.dumps(media.get("schema", {}), sort_keys=True)).iter_errors(body), None)
    if error is None:
        return None
    where = "/".join(str(part) for part in error.absolute_path) or "(body)"
    return f"{where}: {error.message[:300]}"


def install(monkeypatch) -> None:
    """Wrap the test client for one test."""
    original = Client.request

    def request(self, **environ):
        response = original(self, **environ)
        method, path = environ.get("REQUEST_METHOD", "GET"), environ.get("PATH_INFO", "")
        if method in CHECKED_METHODS and path.startswith("/api/v1/"):
            error = contract_error(method, path, response)
            assert error is None, f"{method} {path} → {response.status_code} is outside the OpenAPI document: {error}"
        return response

    monkeypatch.setattr(Client, "request", request)
