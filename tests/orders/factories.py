"""Orders factories; catalog rows come from the catalog's own factories."""

import factory

from orders.models import Coupon, Order, OrderLine, ShippingMethod
from orders.services.numbering import allocate_order_number
from shopplatform.store.payments import PaymentMethodType
from tests.accounts.factories import RegisteredCustomerFactory
from tests.catalog.factories import CategoryFactory, ProductFactory, VariantFactory

__all__ = [
    "CategoryFactory",
    "CouponFactory",
    "OrderFactory",
    "OrderLineFactory",
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


class OrderFactory(factory.django.DjangoModelFactory):
    """A paid wallet order of a registered customer, without lines (add OrderLineFactory rows)."""

    class Meta:
        model = Order

    number = factory.LazyFunction(allocate_order_number)
    customer = factory.SubFactory(RegisteredCustomerFactory)
    email = factory.LazyAttribute(lambda order: order.customer.email)
    currency = "EUR"
    payment_method = PaymentMethodType.WALLET
    status = "processing"
    paid = True


class OrderLineFactory(factory.django.DjangoModelFactory):
    """A line of a paid wallet order for `order__customer` (pass `order__paid=False` etc. to vary it)."""

    class Meta:
        model = OrderLine

    order = factory.SubFactory(OrderFactory)
    product = factory.SubFactory(ProductFactory)
    product_public_id = factory.LazyAttribute(lambda line: line.product.public_id)
    title = factory.LazyAttribute(lambda line: line.product.title)
    unit_price_cents = factory.LazyAttribute(lambda line: line.product.price_cents)
    quantity = 1
    subtotal_cents = factory.LazyAttribute(lambda line: line.unit_price_cents)
    total_cents = factory.LazyAttribute(lambda line: line.unit_price_cents)
