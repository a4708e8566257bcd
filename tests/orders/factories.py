"""Orders factories; catalog rows come from the catalog's own factories."""

import factory
from django.contrib.auth import get_user_model

from orders.models import Coupon, ShippingMethod
from shopplatform.accounts.models import Customer
from tests.catalog.factories import CategoryFactory, ProductFactory, VariantFactory

__all__ = [
    "CategoryFactory",
    "CouponFactory",
    "CustomerFactory",
    "ProductFactory",
    "ShippingMethodFactory",
    "UserFactory",
    "VariantFactory",
]


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"orders-user-{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    password = factory.django.Password("orders-pass-123")


class CustomerFactory(factory.django.DjangoModelFactory):
    """A registered customer: a user plus the customer record ensure_customer finds."""

    class Meta:
        model = Customer

    user = factory.SubFactory(UserFactory)
    email = factory.LazyAttribute(lambda customer: customer.user.email)
    name = factory.Faker("name")


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
