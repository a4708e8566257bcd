"""OpenAPI postprocessing: an example for every request and success response body, and code samples per operation.

Examples are built from the schema itself, so they always match it: each property gets a value from its enum, its
format, its name (`*_cents` → an amount in minor units, `product` → a `prod_…` id) or its type. Operations that
declare their own examples (`extend_schema(examples=...)`) keep them. Every operation also gets `x-codeSamples`
(curl, JavaScript `fetch`, PHP's curl extension, Python `requests`), which ReDoc and Swagger UI show beside it.
"""

import json
import re

from django.conf import settings

from ..links import DEVELOPMENT_BASE

# Public id prefixes of the resources a field or path parameter names (the ids the API returns).
ID_PREFIXES = {
    "product": "prod",
    "products": "prod",
    "variant": "var",
    "variants": "var",
    "category": "cat",
    "categories": "cat",
    "parent": "cat",
    "brand": "brand",
    "brands": "brand",
    "shipping_method": "ship",
    "shipping-methods": "ship",
    "customer": "cus",
    "customers": "cus",
    "coupon": "cpn",
    "coupons": "cpn",
    "cart": "cart",
    "carts": "cart",
    "order": "ord",
    "orders": "ord",
    "line": "line",
    "lines": "line",
    "media": "med",
    "image": "med",
    "images": "med",
    "version": "ver",
    "versions": "ver",
    "review": "rev",
    "reviews": "rev",
    "option-groups": "optg",
    "option_group": "optg",
    "options": "opt",
    "option": "opt",
    "webhook-endpoints": "whe",
    "endpoint": "whe",
    "deliveries": "whd",
    "events": "evt",
    "transfers": "trf",
    "api-keys": "key",
    "seller": "sel",
    "news": "news",
    "locations": "loc",
}
SAMPLE_ID_TAIL = "3Vhpfm5q7lNbNp4ohQXQlu"
NAMED_STRINGS = {
    "title": "Oak serving bowl",
    "name": "Ana Silva",
    "email": "ana@example.com",
    "description": "<p>Turned from a single piece of oak.</p>",
    "address": "Rua Augusta 1",
    "city": "Lisboa",
    "zip_code": "1100-048",
    "country_code": "PRT",
    "currency": "EUR",
    "phone": "+351912345678",
    "code": "WELCOME10",
    "sku": "OAK-BOWL-01",
    "slug": "oak-serving-bowl",
    "url": "https://hooks.example.com/shop",
    "note": "Leave it with the neighbour.",
}
MAX_DEPTH = 4


def add_examples_and_code_samples(result, generator, request, public):
    """Postprocessing hook: request and response examples, and `x-codeSamples`, on every operation."""
    schemas = result.get("components", {}).get("schemas", {})
    for path, path_item in result.get("paths", {}).items():
        for method, operation in path_item.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            body = _add_request_example(operation, schemas)
            _add_response_examples(operation, schemas)
            operation["x-codeSamples"] = code_samples(method.upper(), _sample_path(path), body, operation)
    return result


def _add_request_example(operation: dict, schemas: dict):
    media = operation.get("requestBody", {}).get("content", {}).get("application/json")
    if media is None:
        return None
    if "examples" in media or "example" in media:
        return _first_example(media)
    value = example_for(media.get("schema", {}), schemas, name="", required_only=True)
    media["examples"] = {"request": {"summary": "A typical request", "value": value}}
    return value


def _add_response_examples(operation: dict, schemas: dict) -> None:
    for status, response in operation["responses"].items():
        media = response.get("content", {}).get("application/json")
        if not status.startswith("2") or media is None or "examples" in media or "example" in media:
            continue
        value = example_for(media.get("schema", {}), schemas, name="", required_only=False)
        media["examples"] = {"response": {"summary": "The response", "value": value}}


def _first_example(media: dict):
    if "example" in media:
        return media["example"]
    return next(iter(media["examples"].values()), {}).get("value")


def example_for(schema: dict, schemas: dict, *, name: str, required_only: bool, depth: int = 0):
    """A value that matches `schema`, chosen for a field called `name`."""
    schema = _resolve(schema, schemas)
    for key in ("allOf", "oneOf", "anyOf"):
        if key in schema:
            options = [option for option in schema[key] if _resolve(option, schemas).get("type") != "null"]
            return example_for(
                options[0] if options else {}, schemas, name=name, required_only=required_only, depth=depth
            )
    if "enum" in schema:
        values = [value for value in schema["enum"] if value not in (None, "")]
        return values[0] if values else None
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((item for item in kind if item != "null"), "string")
    if kind == "object" or "properties" in schema:
        return _object_example(schema, schemas, required_only=required_only, depth=depth)
    if kind == "array":
        if depth >= MAX_DEPTH:
            return []
        item = example_for(schema.get("items", {}), schemas, name=name, required_only=required_only, depth=depth + 1)
        return [item]
    if kind == "boolean":
        return True
    if kind == "integer":
        return _integer_example(schema, name)
    if kind == "number":
        return max(schema.get("minimum", 0), 1.5)
    return _string_example(schema, name)


def _object_example(schema: dict, schemas: dict, *, required_only: bool, depth: int) -> dict:
    properties = schema.get("properties", {})
    required = set(schema.get("required", []))
    chosen = [key for key in properties if key in required] if required_only else list(properties)
    if required_only and not chosen:  # a partial update or an all-optional body: show every writable field
        chosen = list(properties)
    if depth >= MAX_DEPTH:  # deep (or self-referencing) shapes: only what they require, and arrays stay empty
        chosen = [key for key in properties if key in required]
    return {
        key: example_for(properties[key], schemas, name=key, required_only=required_only, depth=depth + 1)
        for key in chosen
        if not _resolve(properties[key], schemas).get("readOnly") or not required_only
    }


def _integer_example(schema: dict, name: str) -> int:
    if name.endswith("_cents"):
        value = 1500
    elif name.endswith("_bp"):
        value = 2300
    elif name in {"quantity", "stock_quantity"}:
        value = 2
    else:
        value = 1
    value = max(value, schema.get("minimum", value))
    return min(value, schema.get("maximum", value))


def _string_example(schema: dict, name: str) -> str:
    form = schema.get("format")
    if form == "date-time":
        return "2026-12-01T10:00:00Z"
    if form == "date":
        return "2026-12-01"
    if form == "email" or name.endswith("email"):
        return NAMED_STRINGS["email"]
    if form == "uri" or name.endswith("url"):
        return NAMED_STRINGS["url"]
    if name in NAMED_STRINGS:
        value = NAMED_STRINGS[name]
    elif "code" in (schema.get("description") or "").lower():
        value = NAMED_STRINGS["code"]
    elif name in ID_PREFIXES or name == "id" or name.endswith("_id"):
        value = f"{ID_PREFIXES.get(name.removesuffix('_id'), 'prod')}_{SAMPLE_ID_TAIL}"
    elif name == "secret":
        value = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    else:
        value = "text"
    pattern = schema.get("pattern")
    if pattern and not re.search(pattern, value):
        value = _pattern_example(pattern)
    return value[: schema.get("maxLength", len(value))].ljust(schema.get("minLength", 0), "x")


def _pattern_example(pattern: str) -> str:
    """A value for the few patterns the API uses (ISO codes, id prefixes, versions, keys)."""
    if "[A-Z]{3}" in pattern:
        return "PRT"
    if "[A-Z]{2}" in pattern:
        return "PT"
    match = re.match(r"\^?([a-z]+)_", pattern)
    if match:
        return f"{match.group(1)}_{SAMPLE_ID_TAIL}"
    return "1.0.0" if r"\d" in pattern else "text"


def _resolve(schema: dict, schemas: dict) -> dict:
    while "$ref" in schema:
        schema = schemas.get(schema["$ref"].rsplit("/", 1)[-1], {})
    return schema


def _sample_path(path: str) -> str:
    """The path with each parameter replaced by an id of the resource the segment before it names."""
    segments = path.split("/")
    for index, segment in enumerate(segments):
        if segment.startswith("{"):
            parameter = segment.strip("{}")
            owner = segments[index - 1] if index else ""
            prefix = ID_PREFIXES.get(parameter.removesuffix("_id")) or ID_PREFIXES.get(owner, "prod")
            segments[index] = f"{prefix}_{SAMPLE_ID_TAIL}"
    return "/".join(segments)


def code_samples(method: str, path: str, body, operation: dict) -> list[dict]:
    """curl, JavaScript, PHP and Python calls of the operation, with the example body and the key when one is needed."""
    # Documentation, built without a request or database: the configured public address, else `make run`'s.
    url = (settings.SITE_URL.rstrip("/") or DEVELOPMENT_BASE) + path
    needs_key = bool(operation.get("security"))
    payload = json.dumps(body, indent=2) if body is not None else None
    return [
        {"lang": "Shell", "label": "curl", "source": _curl(method, url, payload, needs_key)},
        {"lang": "JavaScript", "label": "JavaScript (fetch)", "source": _fetch(method, url, payload, needs_key)},
        {"lang": "PHP", "label": "PHP (curl)", "source": _php_curl(method, url, body, needs_key)},
        {"lang": "Python", "label": "Python (requests)", "source": _requests(method, url, body, needs_key)},
    ]


def _curl(method: str, url: str, payload: str | None, needs_key: bool) -> str:
    lines = [f"curl -X {method} '{url}'"]
    if needs_key:
        lines.append('  -H "Authorization: Bearer $SHOP_API_KEY"')
    if payload is not None:
        lines += ['  -H "Content-Type: application/json"', f"  -d '{payload}'"]
    return " \\\n".join(lines)


def _fetch(method: str, url: str, payload: str | None, needs_key: bool) -> str:
    headers = []
    if needs_key:
        headers.append('"Authorization": `Bearer ${process.env.SHOP_API_KEY}`')
    if payload is not None:
        headers.append('"Content-Type": "application/json"')
    options = [f'method: "{method}"']
    if headers:
        options.append("headers: { " + ", ".join(headers) + " }")
    if payload is not None:
        options.append("body: JSON.stringify(" + payload.replace("\n", "\n  ") + ")")
    return (
        f'const response = await fetch("{url}", {{\n  ' + ",\n  ".join(options) + "\n});\n"
        "const body = response.status === 204 ? null : await response.json();"
    )


def _requests(method: str, url: str, body, needs_key: bool) -> str:
    lines = ["import os", "", "import requests", ""]
    arguments = [f'"{method}"', f'"{url}"']
    if needs_key:
        arguments.append('headers={"Authorization": f"Bearer {os.environ[\'SHOP_API_KEY\']}"}')
    if body is not None:
        arguments.append("json=" + python_literal(body, indent=1))
    lines.append("response = requests.request(\n    " + ",\n    ".join(arguments) + ",\n    timeout=10,\n)")
    lines.append("response.raise_for_status()")
    return "\n".join(lines)


def _php_curl(method: str, url: str, body, needs_key: bool) -> str:
    headers = []
    if needs_key:
        headers.append('"Authorization: Bearer " . getenv("SHOP_API_KEY")')
    if body is not None:
        headers.append('"Content-Type: application/json"')
    options = [f'CURLOPT_CUSTOMREQUEST => "{method}"', "CURLOPT_RETURNTRANSFER => true"]
    if headers:
        options.append("CURLOPT_HTTPHEADER => [\n        " + ",\n        ".join(headers) + ",\n    ]")
    if body is not None:
        options.append(f"CURLOPT_POSTFIELDS => json_encode({php_literal(body, indent=1)}, JSON_UNESCAPED_SLASHES)")
    return (
        f"<?php\n$curl = curl_init({php_literal(url)});\ncurl_setopt_array($curl, [\n    "
        + ",\n    ".join(options)
        + ",\n]);\n$response = curl_exec($curl);\n$status = curl_getinfo($curl, CURLINFO_RESPONSE_CODE);\n"
        "curl_close($curl);\n$body = $status === 204 ? null : json_decode($response, true);"
    )


def php_literal(value, indent: int = 0) -> str:
    """`value` as PHP source: arrays for JSON objects and lists, `(object) []` for {} (json_encode gives `{}`)."""
    pad, inner = "    " * indent, "    " * (indent + 1)
    if isinstance(value, dict):
        if not value:
            return "(object) []"
        items = [f"{inner}{php_literal(key)} => {php_literal(item, indent + 1)}" for key, item in value.items()]
        return "[\n" + ",\n".join(items) + f",\n{pad}]"
    if isinstance(value, list):
        items = [f"{inner}{php_literal(item, indent + 1)}" for item in value]
        return "[\n" + ",\n".join(items) + f",\n{pad}]" if items else "[]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, str):
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"
    return repr(value)


def python_literal(value, indent: int = 0) -> str:
    """`value` as Python source, laid out like `json.dumps(indent=4)` (True/False/None instead of JSON's words)."""
    pad, inner = "    " * indent, "    " * (indent + 1)
    if isinstance(value, dict) and value:
        items = [f"{inner}{key!r}: {python_literal(item, indent + 1)}" for key, item in value.items()]
        return "{\n" + ",\n".join(items) + f",\n{pad}}}"
    if isinstance(value, list) and value:
        return "[\n" + ",\n".join(f"{inner}{python_literal(item, indent + 1)}" for item in value) + f",\n{pad}]"
    return repr(str(value)) if isinstance(value, str) else repr(value)
