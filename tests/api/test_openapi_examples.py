"""Every operation carries code samples, and every JSON body (request and success response) an example that its
own schema accepts, so the examples integrators copy never drift from the contract."""

import json

import jsonschema
import pytest
from django.core.management import call_command

METHODS = {"get", "post", "put", "patch", "delete"}
SAMPLE_LANGUAGES = ["Shell", "JavaScript", "PHP", "Python"]


@pytest.fixture(scope="module")
def document(tmp_path_factory):
    path = tmp_path_factory.mktemp("schema") / "openapi.json"
    call_command("spectacular", "--format", "openapi-json", "--file", str(path))
    return json.loads(path.read_text())


def operations(document):
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method in METHODS:
                yield f"{method.upper()} {path}", operation


def json_bodies(document):
    for name, operation in operations(document):
        request = operation.get("requestBody", {}).get("content", {}).get("application/json")
        if request:
            yield f"{name} request", request
        for status, response in operation["responses"].items():
            media = response.get("content", {}).get("application/json")
            if status.startswith("2") and media:
                yield f"{name} {status}", media


def test_every_operation_has_curl_javascript_and_python_samples(document):
    missing = [
        name
        for name, operation in operations(document)
        if [sample["lang"] for sample in operation.get("x-codeSamples", [])] != SAMPLE_LANGUAGES
    ]

    assert missing == []


def test_every_json_body_has_an_example(document):
    missing = [name for name, media in json_bodies(document) if not media.get("examples")]

    assert missing == []


def test_every_example_is_valid_against_its_own_schema(document):
    invalid = []
    for name, media in json_bodies(document):
        schema = {**media["schema"], "components": document["components"]}
        for example in media["examples"].values():
            errors = list(jsonschema.Draft202012Validator(schema).iter_errors(example["value"]))
            if errors:
                invalid.append(f"{name}: {errors[0].message}")

    assert invalid == []


def test_samples_of_an_operation_that_needs_a_key_send_it(document):
    operation = document["paths"]["/api/v1/carts/"]["post"]
    sources = {sample["lang"]: sample["source"] for sample in operation["x-codeSamples"]}

    assert "Authorization: Bearer $SHOP_API_KEY" in sources["Shell"]
    assert "process.env.SHOP_API_KEY" in sources["JavaScript"]
    assert "os.environ['SHOP_API_KEY']" in sources["Python"]
    compile(sources["Python"], "sample", "exec")
