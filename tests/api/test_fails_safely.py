"""Each request that once answered 5xx or HTML under /api/ now gets a problem+json answer."""

import pytest
from django.test import Client

from tests.factories import CategoryFactory, ProductFactory

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete", "get", "options"])
def test_every_method_on_an_unknown_api_path_is_a_404_problem_not_a_csrf_page(method, customer_user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(customer_user)  # a session cookie: what made Django's CSRF check answer 403 HTML

    body = {} if method in ("get", "options") else {"data": "{}", "content_type": "application/json"}

    response = getattr(client, method)("/api/v1/no/such/thing", **body)

    assert (response.status_code, response["Content-Type"]) == (404, PROBLEM)


def test_known_path_with_another_method_is_a_405_problem(staff_client):
    response = staff_client.put("/api/v1/search", {}, format="json")

    assert (response.status_code, response["Content-Type"]) == (405, PROBLEM)


def test_thousand_deep_json_body_is_malformed_json_for_anonymous_callers(anonymous_client):
    body = "[" * 1000 + "]" * 1000

    response = anonymous_client.post("/api/v1/privacy/requests", data=body, content_type="application/json")

    assert (response.status_code, response.json()["code"]) == (400, "malformed_json")


def test_json_nested_beyond_the_depth_limit_is_malformed_json(staff_client):
    body = '{"title": ' + "[" * 40 + "]" * 40 + "}"

    response = staff_client.post("/api/v1/products", data=body, content_type="application/json")

    assert (response.status_code, response.json()["code"]) == (400, "malformed_json")


def test_anonymous_product_list_filtered_by_an_unknown_category_is_empty(anonymous_client):
    CategoryFactory(slug="shoes")
    ProductFactory()

    response = anonymous_client.get("/api/v1/products", {"category": "visual"})

    assert (response.status_code, response.json()["data"], response.json()["total"]) == (200, [], 0)


def test_options_on_bulk_orders_answers_with_a_key(staff_client):
    response = staff_client.options("/api/v1/orders/bulk/")

    assert response.status_code == 200
    assert response.json()["parses"] == ["application/json"]


def test_options_on_a_product_passport_answers_with_a_key(staff_client):
    product = ProductFactory()

    response = staff_client.options(f"/api/v1/products/{product.public_id}/passport/")

    assert response.status_code == 200


def test_put_on_the_passport_of_an_unknown_product_is_a_404_problem(staff_client):
    response = staff_client.put("/api/v1/products/prod_missing/passport/", {"care_instructions": "x"}, format="json")

    assert (response.status_code, response.json()["code"]) == (404, "not_found")
