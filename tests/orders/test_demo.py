"""The orders demo loader used by `seed_demo`."""

import io

import pytest

from orders.demo import COUPONS, SHIPPING_METHODS, seed_demo
from orders.models import Coupon, Order, ShippingMethod
from tests.accounts.factories import RegisteredCustomerFactory

from .factories import ProductFactory


@pytest.mark.django_db
def test_seed_demo_is_idempotent(store):
    RegisteredCustomerFactory()
    ProductFactory(stock_enabled=True, stock_quantity=10)

    seed_demo(stdout=io.StringIO())
    seed_demo(stdout=io.StringIO())

    assert ShippingMethod.objects.count() == len(SHIPPING_METHODS)
    assert Coupon.objects.count() == len(COUPONS)
    assert Order.objects.count() == 1
