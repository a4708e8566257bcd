"""The OpenAPI document describes the product extras with examples, and every operation has a PHP sample (RV-7)."""

import shutil
import subprocess

import pytest

from tests.api.test_openapi_examples import document  # noqa: F401 (the generated document, once per module)

EXTRAS = {"custom_fields", "tabs", "file", "file_access", "reduced_rate"}


def test_product_input_and_output_describe_the_extras(document):  # noqa: F811
    schemas = document["components"]["schemas"]

    assert set(schemas["ProductInputRequest"]["properties"]) >= EXTRAS
    assert EXTRAS | {"sales", "variants_same_values"} <= set(schemas["ProductOutput"]["properties"])
    assert schemas["ReducedRateEnum"]["enum"] == ["intermediate", "reduced"]


def test_product_examples_show_the_extras(document):  # noqa: F811
    operation = document["paths"]["/api/v1/products/{id}/"]
    response = operation["get"]["responses"]["200"]["content"]["application/json"]["examples"]["response"]["value"]
    request = operation["patch"]["requestBody"]["content"]["application/json"]["examples"]["request"]["value"]

    assert set(response["custom_fields"][0]) == {"name", "value"}
    assert set(response["tabs"][0]) == {"title", "content"}
    assert {"id", "name", "url", "ready"} <= set(response["file"])
    assert set(request) >= EXTRAS


def test_product_create_has_a_php_sample_sending_the_key_and_the_body(document):  # noqa: F811
    samples = {sample["lang"]: sample for sample in document["paths"]["/api/v1/products/"]["post"]["x-codeSamples"]}

    source = samples["PHP"]["source"]
    assert samples["PHP"]["label"] == "PHP (curl)"
    assert source.startswith("<?php\n$curl = curl_init('http")
    assert '"Authorization: Bearer " . getenv("SHOP_API_KEY")' in source
    assert "CURLOPT_POSTFIELDS => json_encode([" in source and "'title' => " in source


def test_php_samples_are_valid_php(document, tmp_path):  # noqa: F811
    php = shutil.which("php")
    if php is None:
        pytest.skip("no php binary to lint the samples with")
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if isinstance(operation, dict) and "x-codeSamples" in operation:
                sample = next(s for s in operation["x-codeSamples"] if s["lang"] == "PHP")
                script = tmp_path / "sample.php"
                script.write_text(sample["source"])
                result = subprocess.run([php, "-l", str(script)], capture_output=True, text=True, check=False)
                assert result.returncode == 0, f"{method} {path}: {result.stdout}"


@pytest.mark.django_db
def test_swagger_ui_links_each_operation_with_a_copyable_anchor(client):
    page = client.get("/api/docs/").content.decode()

    assert '"deepLinking": true' in page
