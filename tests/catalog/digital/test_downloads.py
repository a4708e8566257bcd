"""Downloads: owners, the seller and staff get a 302 to a link valid 60 seconds; everyone else 403."""

import time
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from django.core import signing

from catalog.digital import services as digital_services
from catalog.models import ProductStatus

from .factories import ProductFactory

pytestmark = pytest.mark.django_db


def download(client, product, version):
    return client.get(f"/api/v1/products/{product.public_id}/download/{version.public_id}")


def fetch(client, location: str):
    """Follow the link as a browser would: without the API key."""
    client.credentials()
    return client.get(urlsplit(location).path)


@pytest.fixture
def version(product, add_version):
    return add_version(product, "1.2.0", content=b"the plugin")


@pytest.fixture
def issued_at(monkeypatch):
    """Sign links as if it were `seconds_ago` seconds earlier (Django's signer reads time.time())."""

    def shift(seconds_ago: int) -> None:
        now = time.time()
        monkeypatch.setattr(signing, "time", SimpleNamespace(time=lambda: now - seconds_ago))

    return shift


def test_an_owner_is_redirected_to_a_link_that_serves_the_file(customer_client, owner, product, version):
    response = download(customer_client, product, version)

    assert response.status_code == 302
    assert response["Cache-Control"] == "private, no-store"
    location = response["Location"]
    assert urlsplit(location).path.startswith("/downloads/")
    served = fetch(customer_client, location)
    assert served.status_code == 200
    assert b"".join(served.streaming_content) == b"the plugin"
    assert served["Content-Disposition"] == 'attachment; filename="plugin-1.2.0.jar"'
    assert served["Cache-Control"] == "private, no-store"


def test_a_link_still_works_just_before_60_seconds(customer_client, owner, product, version, issued_at):
    issued_at(55)
    location = download(customer_client, product, version)["Location"]

    assert fetch(customer_client, location).status_code == 200


def test_a_link_older_than_60_seconds_is_refused(customer_client, owner, product, version, issued_at, monkeypatch):
    issued_at(61)
    location = download(customer_client, product, version)["Location"]
    monkeypatch.undo()

    served = fetch(customer_client, location)

    assert served.status_code == 403
    assert served["Content-Type"] == "application/problem+json"
    assert served.json()["code"] == "download_link_expired"
    assert served.json()["detail"] == "This download link has expired; request a new one."


def test_an_altered_link_is_refused(customer_client, owner, product, version):
    location = download(customer_client, product, version)["Location"]

    served = fetch(customer_client, location[:-2] + ("AA" if not location.endswith("AA") else "BB"))

    assert served.status_code == 403
    assert served.json()["code"] == "invalid_download_link"
    assert served.json()["detail"] == "This download link is not valid."


def test_a_link_to_a_version_yanked_since_is_404(customer_client, owner, product, version):
    location = download(customer_client, product, version)["Location"]
    digital_services.update_version(version=version, yanked=True)

    gone = fetch(customer_client, location)
    assert gone.status_code == 404
    assert gone.json()["detail"] == "The version is no longer available."


def test_a_customer_who_does_not_own_the_product_gets_403(customer_client, product, version):
    response = download(customer_client, product, version)

    assert response.status_code == 403
    assert response.json()["code"] == "not_owner"


def test_an_anonymous_caller_gets_401(anonymous_client, product, version):
    assert download(anonymous_client, product, version).status_code == 401


@pytest.mark.parametrize("caller", ["seller_client", "staff_client"])
def test_the_seller_and_staff_download_without_owning(request, caller, product, version):
    assert download(request.getfixturevalue(caller), product, version).status_code == 302


def test_a_yanked_version_is_404(customer_client, owner, product, version):
    digital_services.update_version(version=version, yanked=True)

    assert download(customer_client, product, version).status_code == 404


def test_an_unknown_version_is_404(customer_client, owner, product):
    response = customer_client.get(f"/api/v1/products/{product.public_id}/download/ver_unknown")

    assert response.status_code == 404


def test_a_version_of_another_product_is_404(customer_client, owner, product, add_version):
    other = add_version(ProductFactory(), "1.0.0")

    assert download(customer_client, product, other).status_code == 404


def test_a_beta_version_is_404_for_an_owner_but_served_to_the_seller(
    customer_client, seller_client, owner, product, add_version
):
    beta = add_version(product, "2.0.0-beta.1", channel="beta")

    assert download(customer_client, product, beta).status_code == 404
    assert download(seller_client, product, beta).status_code == 302


def test_a_hidden_product_is_404_for_a_non_owner(customer_client, product, version):
    product.status = ProductStatus.HIDDEN
    product.save()

    assert download(customer_client, product, version).status_code == 404


def test_an_owner_still_downloads_after_the_product_is_hidden(customer_client, owner, product, version):
    product.status = ProductStatus.HIDDEN
    product.save()

    assert download(customer_client, product, version).status_code == 302


def test_a_refund_revokes_the_download(customer_client, owner, product, version):
    owner.orders.update(refunded_cents=999)

    assert download(customer_client, product, version).status_code == 403


def test_downloads_count_on_the_version_and_the_product(customer_client, anonymous_client, owner, product, version):
    download(customer_client, product, version)
    download(customer_client, product, version)

    version.refresh_from_db()
    assert version.download_count == 2
    assert anonymous_client.get(f"/api/v1/products/{product.public_id}").json()["stats"] == {"download_count": 2}


def test_refused_downloads_are_not_counted(customer_client, product, version):
    download(customer_client, product, version)

    version.refresh_from_db()
    assert version.download_count == 0


def test_each_link_serves_its_own_version(customer_client, owner, product, version, add_version):
    newer = add_version(product, "1.3.0", content=b"the newer plugin")

    older_link = download(customer_client, product, version)["Location"]
    newer_link = download(customer_client, product, newer)["Location"]

    assert b"".join(fetch(customer_client, older_link).streaming_content) == b"the plugin"
    assert b"".join(fetch(customer_client, newer_link).streaming_content) == b"the newer plugin"
