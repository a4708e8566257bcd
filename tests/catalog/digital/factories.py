"""Factories for digital products: sellers with accounts, versions with stored files, paid orders, ownerships."""

import factory
from django.core.files.base import ContentFile
from django.core.files.storage import storages

from catalog.models import Ownership, Version
from tests.accounts.factories import RegisteredCustomerFactory, UserFactory
from tests.catalog.factories import ProductFactory, SellerFactory
from tests.orders.factories import OrderFactory, OrderLineFactory

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


class OwnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ownership

    customer = factory.SubFactory(RegisteredCustomerFactory)
    product = factory.SubFactory(ProductFactory)
    source = Ownership.Source.CLAIM
