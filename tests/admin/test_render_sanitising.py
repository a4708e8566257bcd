"""Stored HTML is sanitised again when a page renders it, so a row written around the services stays harmless."""

import pytest

from catalog.models import Product
from shopplatform.store.models import ContentPage
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db

RAW = '<p onmouseover="steal()">Warm light</p><script>alert(1)</script>'


def test_product_page_drops_script_stored_around_the_services(client):
    product = ProductFactory()
    Product.objects.filter(pk=product.pk).update(description=RAW)

    html = client.get(f"/product/{product.slug}").content.decode()

    assert "<p>Warm light</p>" in html
    assert "alert(1)" not in html
    assert "steal()" not in html


def test_content_page_drops_script_stored_around_the_model(client):
    page = ContentPage.objects.create(title="About", slug="about-us", body="<p>Hi</p>", published=True)
    ContentPage.objects.filter(pk=page.pk).update(body=RAW)

    html = client.get("/page/about-us").content.decode()

    assert "<p>Warm light</p>" in html
    assert "alert(1)" not in html
