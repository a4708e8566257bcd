"""Factories for digital products: sellers with accounts, versions with stored files, paid orders, ownerships."""

import factory
from django.core.files.base import ContentFile
from django.core.files.storage import storages

from catalog.models import Ownership, Version
from orders.models import Order, OrderLine
from shopplatform.store.payments import PaymentMethodType
from tests.accounts.factories import RegisteredCustomerFactory, UserFactory
from tests.catalog.factories import ProductFactory, SellerFactory

__all__ = [
    "OrderFactory",
    "OrderLineFactory",
    "OwnershipFactory",
    "ProductFactory",
    "RegisteredCustomerFactory",
    "SellerFactory",
    "UserFactory",
    "VersionFactory",
]


def _stored_file(version) -> str:
    return storages["digital"].save(f"versions/{version.version_tag}.bin", ContentFile(version.content))


class VersionFactory(factory.django.DjangoModelFactory):
    """A version row with its file in the digital storage (latest_version is not refreshed: use the service)."""

    class Meta:
        model = Version
        exclude = ["content"]

    product = factory.SubFactory(ProductFactory)
    version_tag = factory.Sequence(lambda n: f"1.0.{n}")
    content = b"plugin bytes"
    file_name = factory.LazyAttribute(_stored_file)
    original_filename = factory.LazyAttribute(lambda version: f"plugin-{version.version_tag}.jar")
    size_bytes = factory.LazyAttribute(lambda version: len(version.content))


class OrderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Order

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


class OwnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ownership

    customer = factory.SubFactory(RegisteredCustomerFactory)
    product = factory.SubFactory(ProductFactory)
    source = Ownership.Source.CLAIM
