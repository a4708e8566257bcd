"""Orders factories; catalog rows come from the catalog's own factories."""

import factory

from orders.models import Coupon, ShippingMethod
from tests.catalog.factories import CategoryFactory, ProductFactory, VariantFactory

__all__ = [
    "CategoryFactory",
    "CouponFactory",
    "ProductFactory",
    "ShippingMethodFactory",
    "VariantFactory",
]


class ShippingMethodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ShippingMethod

    title = factory.Sequence(lambda n: f"Courier {n}")
    price_cents = 500


class CouponFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Coupon

    code = factory.Sequence(lambda n: f"SAVE{n}")
    type = Coupon.Type.PERCENT
    value = 10
