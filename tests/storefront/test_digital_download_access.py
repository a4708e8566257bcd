"""Who may download from the store pages (catalog.digital.ownership.may_download), written against its mutation
run (docs/testing.md): staff and the product's seller download without owning it, each on their own."""

from urllib.parse import urlsplit

import pytest
from django.core.files.base import ContentFile
from django.test import Client

from catalog.digital import services as digital_services
from tests.catalog.digital.factories import SellerFactory, UserFactory
from tests.catalog.factories import ProductFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_storage")]


@pytest.fixture
def seller_user(store):
    return UserFactory(username="seller")


@pytest.fixture
def plugin(seller_user):
    return ProductFactory(
        title="CoolPlugin", slug="coolplugin", price_cents=999, seller=SellerFactory(user=seller_user)
    )


@pytest.fixture
def version(plugin):
    return digital_services.create_version(
        product=plugin, version_tag="1.2.0", file=ContentFile(b"the plugin"), filename="plugin-1.2.0.jar"
    )


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_staff_download_a_product_they_do_not_own(version):
    # given a staff member who neither sells nor bought the plugin
    staff = UserFactory(username="merchant", is_staff=True)

    # when they follow the download link on the store pages
    response = signed_in(staff).get(f"/account/downloads/coolplugin/{version.public_id}")

    # then they are sent to a signed link that serves the file
    assert response.status_code == 302
    assert b"".join(Client().get(urlsplit(response["Location"]).path).streaming_content) == b"the plugin"


def test_the_seller_downloads_their_own_product_without_owning_it(seller_user, version):
    response = signed_in(seller_user).get(f"/account/downloads/coolplugin/{version.public_id}")

    assert response.status_code == 302
    assert b"".join(Client().get(urlsplit(response["Location"]).path).streaming_content) == b"the plugin"


def test_a_seller_of_another_product_is_refused(version):
    other_seller = UserFactory(username="other-seller")
    ProductFactory(seller=SellerFactory(user=other_seller))

    response = signed_in(other_seller).get(f"/account/downloads/coolplugin/{version.public_id}")

    assert response.status_code == 403
    version.refresh_from_db()
    assert version.download_count == 0
