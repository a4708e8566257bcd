"""Deleting a product keeps the coupons that targeted it: without a target, inactive, usage history kept."""

import pytest

from catalog.services import delete_product
from orders.models import Coupon

from .factories import CouponFactory, ProductFactory

pytestmark = pytest.mark.django_db


def test_deleting_a_product_keeps_its_coupon_without_target_and_inactive():
    product = ProductFactory()
    coupon = CouponFactory(applies_to=Coupon.AppliesTo.PRODUCT, product=product, used=4, orders_total_cents=9_000)

    delete_product(product=product)

    coupon.refresh_from_db()
    assert (coupon.product_id, coupon.active) == (None, False)
    assert (coupon.used, coupon.orders_total_cents) == (4, 9_000)


def test_deleting_a_product_through_the_api_keeps_its_coupon(staff_client):
    product = ProductFactory()
    coupon = CouponFactory(applies_to=Coupon.AppliesTo.PRODUCT, product=product)

    response = staff_client.delete(f"/api/v1/products/{product.public_id}")

    assert response.status_code == 204
    body = staff_client.get(f"/api/v1/coupons/{coupon.public_id}").json()
    assert (body["product"], body["active"]) == (None, False)


def test_inactive_coupon_is_refused_at_the_cart(customer_client, buyer, make_cart, product):
    CouponFactory(code="GONE", active=False)
    cart = make_cart(buyer, [(product, 1)])

    response = customer_client.patch(f"/api/v1/carts/{cart.public_id}", {"coupon": "GONE"}, format="json")

    assert (response.status_code, response.json()["code"]) == (409, "coupon_not_applicable")


def test_other_coupons_are_untouched_by_a_product_deletion():
    product = ProductFactory()
    other = CouponFactory(applies_to=Coupon.AppliesTo.PRODUCT, product=ProductFactory())

    delete_product(product=product)

    other.refresh_from_db()
    assert other.active is True and other.product_id is not None
