"""Strict input: unknown body fields and query parameters are refused by name; read-only names only when changed."""

import pytest

from catalog.models import Category, Product
from tests.factories import CategoryFactory, OrderFactory, ProductFactory

pytestmark = pytest.mark.django_db


def only_error(response) -> dict:
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    errors = response.json()["errors"]
    assert len(errors) == 1
    return errors[0]


def test_seed_stock_field_is_refused_naming_ours(staff_client):
    response = staff_client.post(
        "/api/v1/products", {"title": "Mug", "price_cents": 900, "stock_qty": 5}, format="json"
    )

    error = only_error(response)
    assert (error["field"], error["code"]) == ("stock_qty", "unknown_field")
    assert error["message"] == "`stock_qty` is `stock_quantity` here."
    assert not Product.objects.exists()


def test_camel_case_weight_unit_is_refused_naming_ours(staff_client):
    body = {"title": "Anvil", "price_cents": 100, "weight": "0.8", "weightUnit": "kg"}

    error = only_error(staff_client.post("/api/v1/products", body, format="json"))

    assert (error["field"], error["code"]) == ("weightUnit", "unknown_field")
    assert "`weight_unit`" in error["message"]


def test_category_parent_id_is_refused_instead_of_creating_at_top_level(staff_client):
    parent = CategoryFactory()

    response = staff_client.post("/api/v1/categories", {"title": "Lamps", "parent_id": parent.public_id}, format="json")

    error = only_error(response)
    assert (error["field"], error["code"], error["message"]) == (
        "parent_id",
        "unknown_field",
        "`parent_id` is `parent` here.",
    )
    assert Category.objects.count() == 1


def test_problem_code_of_an_unknown_field_is_unknown_field(staff_client):
    response = staff_client.post(
        "/api/v1/products", {"title": "Mug", "price_cents": 1, "price_promo": 1}, format="json"
    )

    assert (response.json()["code"], response.json()["param"]) == ("unknown_field", "price_promo")


def test_unknown_nested_field_is_refused_with_its_path(staff_client, customer_client):
    product = ProductFactory()
    body = {"lines": [{"product": product.public_id, "quantity": 1, "colour": "red"}]}

    error = only_error(customer_client.post("/api/v1/carts", body, format="json"))

    assert (error["field"], error["code"]) == ("lines.0.colour", "unknown_field")


def test_unknown_query_parameter_on_products_is_refused(anonymous_client):
    ProductFactory()

    error = only_error(anonymous_client.get("/api/v1/products", {"id": "prod_x"}))

    assert (error["field"], error["code"], error["message"]) == ("id", "unknown_parameter", "`id` is `ids` here.")


def test_unknown_query_parameter_on_orders_is_refused(staff_client):
    OrderFactory()

    error = only_error(staff_client.get("/api/v1/orders", {"perPage": 5}))

    assert (error["field"], error["code"], error["message"]) == (
        "perPage",
        "unknown_parameter",
        "`perPage` is `limit` here.",
    )


def test_list_machinery_parameters_are_known_everywhere(staff_client):
    response = staff_client.get("/api/v1/orders", {"limit": 5})

    assert response.status_code == 200


def test_declared_query_parameter_is_accepted(anonymous_client):
    assert anonymous_client.get("/api/v1/search", {"q": "mug", "limit": 3}).status_code == 200


def test_unknown_query_parameter_on_a_plain_view_is_refused(anonymous_client):
    error = only_error(anonymous_client.get("/api/v1/search", {"q": "mug", "query": "x"}))

    assert (error["field"], error["code"]) == ("query", "unknown_parameter")


def test_read_only_field_equal_to_stored_value_is_accepted(staff_client):
    product = ProductFactory(title="Mug")

    response = staff_client.patch(
        f"/api/v1/products/{product.public_id}", {"id": product.public_id, "title": "Big mug"}, format="json"
    )

    assert response.status_code == 200
    product.refresh_from_db()
    assert product.title == "Big mug"


def test_read_only_field_different_from_stored_value_is_refused_by_name(staff_client):
    product = ProductFactory(title="Mug")

    response = staff_client.patch(
        f"/api/v1/products/{product.public_id}", {"id": "prod_other", "title": "X"}, format="json"
    )

    error = only_error(response)
    assert (error["field"], error["code"]) == ("id", "read_only_field")
    product.refresh_from_db()
    assert product.title == "Mug"


def test_read_only_field_on_create_is_refused_by_name(staff_client):
    body = {"title": "Mug", "price_cents": 1, "created_at": "2026-01-01T00:00:00Z"}

    error = only_error(staff_client.post("/api/v1/products", body, format="json"))

    assert (error["field"], error["code"]) == ("created_at", "read_only_field")


def test_nested_stock_object_is_accepted_on_patch(staff_client):
    product = ProductFactory()

    response = staff_client.patch(
        f"/api/v1/products/{product.public_id}", {"stock": {"enabled": True, "quantity": 7}}, format="json"
    )

    assert response.status_code == 200
    product.refresh_from_db()
    assert (product.stock_enabled, product.stock_quantity) == (True, 7)


def test_product_get_body_can_be_patched_back_unchanged(staff_client):
    product = ProductFactory(categories=[CategoryFactory()])
    before = staff_client.get(f"/api/v1/products/{product.public_id}").json()

    response = staff_client.patch(f"/api/v1/products/{product.public_id}", before, format="json")

    assert response.status_code == 200, response.json()
    after = response.json()
    assert {key: value for key, value in after.items() if key != "updated_at"} == {
        key: value for key, value in before.items() if key != "updated_at"
    }


@pytest.mark.parametrize("amount", ["1_0", "\u0661\u0660", "\uff11\uff10", "1e1"])  # Arabic-Indic, full-width ten
def test_decimal_amount_takes_ascii_digits_only(customer_client, amount):
    response = customer_client.post(
        "/api/v1/wallet/transfers", {"to": "x@example.com", "amount": amount}, format="json"
    )

    error = only_error(response)
    assert error["field"] == "amount"


@pytest.mark.parametrize("price", ["1_0", "\u0661\u0660"])
def test_integer_field_as_text_takes_ascii_digits_only(staff_client, price):
    error = only_error(staff_client.post("/api/v1/products", {"title": "Mug", "price_cents": price}, format="json"))

    assert (error["field"], error["code"]) == ("price_cents", "invalid")
