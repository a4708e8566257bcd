"""Inputs that once answered 5xx or HTML under /api/ now get a problem+json answer."""

import pytest

from tests.factories import CategoryFactory, ProductFactory

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_write_to_unknown_api_path_is_404_problem_not_csrf_page(method, customer_user):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(customer_user)

    response = getattr(client, method)("/api/v1/no/such/thing", data="{}", content_type="application/json")

    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM


def test_deeply_nested_json_body_is_malformed_json(anonymous_client):
    body = "[" * 1000 + "]" * 1000

    response = anonymous_client.post("/api/v1/privacy/requests", data=body, content_type="application/json")

    assert response.status_code == 400
    assert response.json()["code"] == "malformed_json"


def test_product_list_filtered_by_unknown_category_slug_is_empty(anonymous_client):
    CategoryFactory(slug="shoes")
    ProductFactory()

    response = anonymous_client.get("/api/v1/products", {"category": "visual"})

    assert response.status_code == 200
    assert response.json()["data"] == []


def test_options_on_bulk_orders_answers(staff_client):
    response = staff_client.options("/api/v1/orders/bulk/")

    assert response.status_code == 200


def test_options_on_product_passport_answers(staff_client):
    product = ProductFactory()

    response = staff_client.options(f"/api/v1/products/{product.public_id}/passport/")

    assert response.status_code in (200, 404)
