"""Back-office for digital products: versions inline on the product, yank action, ownership grants."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from catalog.digital.admin import VersionInlineForm
from catalog.digital.demo import PRODUCTS, seed_digital_demo
from catalog.models import Product, Version

from .factories import OwnershipFactory, VersionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("boss", "boss@example.com", "boss-pass-123"))
    return client


@pytest.mark.parametrize("path", ["version", "ownership"])
def test_changelists_render(admin_client, product, path):
    VersionFactory(product=product)
    OwnershipFactory(product=product)

    assert admin_client.get(f"/admin/catalog/{path}/").status_code == 200


def test_the_product_page_shows_the_versions_inline(admin_client, product, add_version):
    add_version(product, "1.4.2")

    page = admin_client.get(f"/admin/catalog/product/{product.pk}/change/")

    assert page.status_code == 200
    assert b"1.4.2" in page.content
    assert b'enctype="multipart/form-data"' in page.content


def test_the_inline_form_uploads_through_the_service(product):
    form = VersionInlineForm(
        data={"version_tag": "3.0.0", "channel": "stable", "release_notes_html": "<p>New</p>"},
        files={"upload": SimpleUploadedFile("cool.jar", b"bytes")},
        instance=Version(product=product),
    )

    assert form.is_valid(), form.errors
    version = form.save()

    assert (version.size_bytes, version.original_filename) == (5, "cool.jar")
    product.digital.refresh_from_db()
    assert product.digital.latest_version == version


def test_the_inline_form_refuses_a_malformed_tag(product):
    form = VersionInlineForm(
        data={"version_tag": "3.0", "channel": "stable"},
        files={"upload": SimpleUploadedFile("cool.jar", b"bytes")},
        instance=Version(product=product),
    )

    assert not form.is_valid()
    assert "version_tag" in form.errors


def test_the_yank_action_hides_versions(admin_client, product, add_version):
    version = add_version(product, "1.0.0")

    admin_client.post("/admin/catalog/version/", {"action": "yank", "_selected_action": [version.pk]}, follow=True)

    version.refresh_from_db()
    assert version.yanked
    product.digital.refresh_from_db()
    assert product.digital.latest_version is None


def test_the_digital_demo_is_idempotent():
    seed_digital_demo(stdout=io.StringIO())
    seed_digital_demo(stdout=io.StringIO())

    assert Product.objects.filter(slug__in=[row[0] for row in PRODUCTS]).count() == len(PRODUCTS)
    assert Version.objects.count() == sum(len(row[-1]) for row in PRODUCTS)
    pattern = Product.objects.get(slug="knitted-throw-pattern")
    assert (pattern.digital.game, pattern.digital.latest_version.version_tag) == ("knitting", "1.2.0")
