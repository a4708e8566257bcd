"""Passports in the admin: the product page shows its Digital Link as a QR code; shares are validated."""

import pytest

from catalog.models import ProductPassport
from tests.catalog.factories import ProductFactory

from .factories import GTIN

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    admin = django_user_model.objects.create_superuser("boss", "boss@example.com", "boss-pass-123")
    client.force_login(admin)
    return client


def test_product_admin_shows_the_digital_link_qr_code(admin_client, settings):
    settings.SITE_URL = "https://shop.example"
    product = ProductFactory(gtin=GTIN)

    response = admin_client.get(f"/admin/catalog/product/{product.pk}/change/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in html
    assert f"https://shop.example/01/{GTIN}" in html


def test_product_without_gtin_explains_the_missing_qr_code(admin_client):
    product = ProductFactory()

    html = admin_client.get(f"/admin/catalog/product/{product.pk}/change/").content.decode()

    assert "Set a GTIN" in html


def test_passport_admin_refuses_shares_over_100_percent(admin_client):
    product = ProductFactory()
    form = {
        "product": product.pk,
        "serial_number": "",
        "origin_country": "PRT",
        "certifications": "[]",
        "materials-TOTAL_FORMS": "2",
        "materials-INITIAL_FORMS": "0",
        "materials-0-name": "Wool",
        "materials-0-share_percent": "70",
        "materials-0-position": "0",
        "materials-1-name": "Silk",
        "materials-1-share_percent": "40",
        "materials-1-position": "1",
    }

    response = admin_client.post("/admin/catalog/productpassport/add/", form)

    assert response.status_code == 200
    assert "at most 100" in response.content.decode()
    assert not ProductPassport.objects.exists()
