"""Coupons: codes unique in any letter case, every type and target, limits."""

import pytest

from orders.exceptions import CouponExhausted
from orders.models import Coupon
from orders.services import claim_coupon_use, release_coupon_use

from .factories import CategoryFactory, CouponFactory, ProductFactory

URL = "/api/v1/coupons"
pytestmark = pytest.mark.django_db


def test_staff_creates_a_percent_coupon(staff_client):
    response = staff_client.post(URL, {"code": "Summer10", "type": "percent", "value": 10, "limit": 5}, format="json")

    assert response.status_code == 201
    body = response.json()
    assert (body["code"], body["limit"], body["used"], body["applies_to"]) == ("Summer10", 5, 0, "all_orders")
    assert body["id"].startswith("cpn_")


def test_duplicate_code_in_another_case_is_409_already_exists(staff_client):
    CouponFactory(code="SUMMER10")

    response = staff_client.post(URL, {"code": "summer10", "type": "percent", "value": 5}, format="json")

    assert response.status_code == 409
    assert response.json()["code"] == "already_exists"


def test_coupon_is_found_by_code_in_any_case(staff_client):
    CouponFactory(code="BajeVolp")
    CouponFactory(code="Other")

    response = staff_client.get(URL, {"code": "bajevolp"})

    assert [coupon["code"] for coupon in response.json()["data"]] == ["BajeVolp"]


def test_orders_over_coupon_needs_its_minimum(staff_client):
    response = staff_client.post(
        URL, {"code": "BIG", "type": "money", "value": 500, "applies_to": "orders_over"}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["param"] == "orders_over_cents"


def test_category_coupon_takes_the_category_by_slug(staff_client):
    category = CategoryFactory(slug="prints")

    response = staff_client.post(
        URL,
        {"code": "PRINTS", "type": "percent", "value": 15, "applies_to": "category", "category": "prints"},
        format="json",
    )

    assert response.json()["category"] == category.public_id


def test_product_coupon_with_unknown_product_is_400(staff_client):
    response = staff_client.post(
        URL, {"code": "P", "type": "percent", "value": 15, "applies_to": "product", "product": "nope"}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["param"] == "product"


def test_product_coupon_takes_the_product_by_id(staff_client):
    product = ProductFactory()

    response = staff_client.post(
        URL,
        {"code": "P", "type": "money", "value": 300, "applies_to": "product", "product": product.public_id},
        format="json",
    )

    assert response.json()["product"] == product.public_id


def test_percent_over_100_is_400(staff_client):
    response = staff_client.post(URL, {"code": "ALL", "type": "percent", "value": 101}, format="json")

    assert response.status_code == 400
    assert response.json()["param"] == "value"


def test_date_window_must_be_ordered(staff_client):
    response = staff_client.post(
        URL,
        {"code": "D", "type": "shipping", "date_from": "2026-02-01", "date_to": "2026-01-01"},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["param"] == "date_from"


def test_staff_updates_and_deletes_a_coupon(staff_client):
    coupon = CouponFactory()

    patched = staff_client.patch(f"{URL}/{coupon.public_id}", {"limit": 3}, format="json")
    deleted = staff_client.delete(f"{URL}/{coupon.public_id}")

    assert patched.json()["limit"] == 3
    assert deleted.status_code == 204
    assert not Coupon.objects.exists()


def test_customer_keys_cannot_read_coupons(customer_client):
    response = customer_client.get(URL)

    assert response.status_code == 403


def test_claiming_past_the_limit_raises_coupon_exhausted():
    coupon = CouponFactory(limit=1)
    claim_coupon_use(coupon=coupon, total_cents=1000, discount_cents=100)

    with pytest.raises(CouponExhausted):
        claim_coupon_use(coupon=coupon, total_cents=1000, discount_cents=100)


def test_claim_and_release_move_the_counters():
    coupon = CouponFactory(limit=0)
    claim_coupon_use(coupon=coupon, total_cents=1000, discount_cents=100)
    claim_coupon_use(coupon=coupon, total_cents=2000, discount_cents=200)
    release_coupon_use(coupon=coupon, total_cents=1000, discount_cents=100)

    coupon.refresh_from_db()
    assert (coupon.used, coupon.orders_total_cents, coupon.orders_discount_cents) == (1, 2000, 200)
