"""Shipping methods and the quote endpoint."""

import pytest

from orders.models import ShippingMethod

from .factories import ShippingMethodFactory

URL = "/api/v1/shipping-methods"
pytestmark = pytest.mark.django_db


def quote_titles(response) -> list[str]:
    return [method["title"] for method in response.json()["data"]]


def test_quote_lists_methods_serving_the_country_in_any_letter_case(anonymous_client):
    ShippingMethodFactory(title="Portugal", countries=["PRT"])
    ShippingMethodFactory(title="Spain", countries=["ESP"])
    ShippingMethodFactory(title="Worldwide", countries=[])

    response = anonymous_client.get(URL, {"country_code": "prt"})

    assert response.status_code == 200
    assert quote_titles(response) == ["Portugal", "Worldwide"]


def test_quote_filters_by_weight_and_value_ranges(anonymous_client):
    ShippingMethodFactory(title="Light", max_weight_grams=1000)
    ShippingMethodFactory(title="Heavy", min_weight_grams=1001)
    ShippingMethodFactory(title="Big orders", min_value_cents=10000)

    response = anonymous_client.get(URL, {"country_code": "PRT", "weight": 2000, "value": 5000})

    assert quote_titles(response) == ["Heavy"]


def test_quote_is_free_at_or_over_the_free_threshold(anonymous_client):
    ShippingMethodFactory(title="Courier", price_cents=500, free_over_cents=5000)

    response = anonymous_client.get(URL, {"country_code": "PRT", "value": 5000})

    method = response.json()["data"][0]
    assert (method["price_cents"], method["quote_cents"]) == (500, 0)


def test_anonymous_callers_see_only_active_methods(anonymous_client):
    ShippingMethodFactory(title="Old", active=False)

    assert quote_titles(anonymous_client.get(URL)) == []


def test_unknown_country_code_is_400(anonymous_client):
    response = anonymous_client.get(URL, {"country_code": "XXX"})

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_country_code"


def test_staff_creates_a_method_with_normalized_countries(staff_client):
    response = staff_client.post(
        URL, {"title": "Express", "countries": ["prt", "esp"], "price_cents": 900}, format="json"
    )

    assert response.status_code == 201
    assert response.json()["countries"] == ["ESP", "PRT"]
    assert response.json()["id"].startswith("ship_")


def test_inverted_weight_range_is_400(staff_client):
    response = staff_client.post(
        URL, {"title": "Odd", "price_cents": 1, "min_weight_grams": 10, "max_weight_grams": 5}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["param"] == "min_weight_grams"


def test_staff_updates_and_deletes_a_method(staff_client):
    method = ShippingMethodFactory()

    patched = staff_client.patch(f"{URL}/{method.public_id}", {"price_cents": 750}, format="json")
    deleted = staff_client.delete(f"{URL}/{method.public_id}")

    assert patched.json()["price_cents"] == 750
    assert deleted.status_code == 204
    assert not ShippingMethod.objects.exists()


def test_customer_keys_cannot_edit_methods(customer_client):
    response = customer_client.post(URL, {"title": "Mine", "price_cents": 1}, format="json")

    assert response.status_code == 403
    assert response.json()["code"] == "staff_only"


def test_staff_key_without_orders_write_cannot_create_methods(make_client, staff_user):
    client = make_client(staff_user, scopes="orders:read")

    response = client.post(URL, {"title": "Mine", "price_cents": 1}, format="json")

    assert response.status_code == 403
    assert response.json()["param"] == "orders:write"
