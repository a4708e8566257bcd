"""GS1 Digital Link pages /01/{gtin} and /01/{gtin}/21/{serial}."""

import pytest

from tests.catalog.factories import ProductFactory

from .factories import GTIN, MaterialFactory, PassportFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.feeds.site_urls")]


def test_page_renders_the_passport(client):
    material = MaterialFactory()

    response = client.get(f"/01/{GTIN}")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Organic cotton" in html
    assert "Fábrica do Norte" in html
    assert "Portugal" in html
    assert "OEKO-TEX 100" in html
    assert "4.25 kg CO" in html
    assert f'href="/product/{material.passport.product.slug}"' in html


@pytest.mark.parametrize("written", ["9506000134352", "09506000134352"])
def test_gtin_is_accepted_in_its_13_and_14_digit_forms(client, settings, written):
    settings.SITE_URL = "https://shop.example"
    PassportFactory()

    response = client.get(f"/01/{written}")

    assert response.status_code == 200
    assert f'rel="canonical" href="https://shop.example/01/{GTIN}"' in response.content.decode()


@pytest.mark.parametrize("written", ["96385074", "036000291452"])
def test_gtin_8_and_12_are_normalised_to_14_digits(client, written):
    PassportFactory(product=ProductFactory(gtin=written.zfill(14)))

    response = client.get(f"/01/{written}")

    assert response.status_code == 200


def test_serial_page_renders_the_units_passport(client):
    passport = PassportFactory()
    PassportFactory(product=passport.product, serial_number="SN/7", recycling_instructions="Unit-specific bin.")

    response = client.get(f"/01/{GTIN}/21/SN%2F7")

    assert response.status_code == 200
    assert "Unit-specific bin." in response.content.decode()


def test_serial_without_its_own_passport_shows_the_products(client):
    PassportFactory()

    response = client.get(f"/01/{GTIN}/21/UNKNOWN")

    assert response.status_code == 200
    assert "passport of the product model" in response.content.decode()


@pytest.mark.parametrize("gtin", ["09506000134353", "abc", "123"])
def test_invalid_gtin_is_404(client, gtin):
    PassportFactory()

    assert client.get(f"/01/{gtin}").status_code == 404


def test_hidden_product_has_no_page(client):
    PassportFactory(product=ProductFactory(gtin=GTIN, status="hidden"))

    assert client.get(f"/01/{GTIN}").status_code == 404


def test_page_vanishes_with_the_product(client):
    passport = PassportFactory()
    passport.product.delete()

    assert client.get(f"/01/{GTIN}").status_code == 404


def test_page_is_publicly_cacheable(client):
    PassportFactory()

    response = client.get(f"/01/{GTIN}")

    assert "public" in response["Cache-Control"]
    assert "max-age=300" in response["Cache-Control"]
