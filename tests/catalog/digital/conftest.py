"""Digital-product tests keep version files in a temporary private storage and need the download route."""

import pytest
from django.core.files.base import ContentFile

from catalog.digital import services as digital_services

from .factories import OrderLineFactory, ProductFactory, RegisteredCustomerFactory, SellerFactory, UserFactory


@pytest.fixture(autouse=True)
def private_storage(settings, tmp_path):
    """The "digital" storage under a temporary directory, separate from MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "digital": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private", "base_url": "/downloads/"},
        },
    }
    return tmp_path / "private"


@pytest.fixture
def seller_user():
    return UserFactory(username="seller")


@pytest.fixture
def seller_client(make_client, seller_user):
    return make_client(seller_user)


@pytest.fixture
def product(seller_user):
    """A live digital product sold by `seller_user`."""
    return ProductFactory(
        title="CoolPlugin", slug="coolplugin", price_cents=999, seller=SellerFactory(user=seller_user)
    )


@pytest.fixture
def buyer(customer_user):
    """The `customer_user` (key owner of `customer_client`) as a Customer row."""
    return RegisteredCustomerFactory(user=customer_user, email=customer_user.email)


@pytest.fixture
def owner(buyer, product):
    """`customer_user` after a paid order containing `product`."""
    OrderLineFactory(order__customer=buyer, product=product)
    return buyer


@pytest.fixture
def stranger_client(make_client):
    return make_client(UserFactory())


@pytest.fixture
def add_version():
    """Upload through the service, as the API does: (product, tag, channel, content) → Version."""

    def add(product, tag, *, channel="stable", content=b"plugin bytes"):
        return digital_services.create_version(
            product=product, version_tag=tag, channel=channel, file=ContentFile(content), filename=f"plugin-{tag}.jar"
        )

    return add
