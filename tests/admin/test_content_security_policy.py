"""Store and admin pages send a Content-Security-Policy that allows scripts from our own files only."""

import pytest
from django.urls import reverse

from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db


def script_sources(response) -> list[str]:
    for directive in response["Content-Security-Policy"].split(";"):
        name, _, sources = directive.strip().partition(" ")
        if name == "script-src":
            return sources.split()
    return []


def test_store_product_page_allows_only_own_scripts(client):
    product = ProductFactory()

    response = client.get(f"/product/{product.slug}")

    assert response.status_code == 200
    assert script_sources(response) == ["'self'"]


def test_admin_page_allows_only_own_scripts(admin_browser):
    response = admin_browser.get(reverse("admin:catalog_product_changelist"))

    assert response.status_code == 200
    assert script_sources(response) == ["'self'"]


def test_store_pages_carry_no_inline_script(client):
    product = ProductFactory(description="<p>Plain</p>")

    html = client.get(f"/product/{product.slug}").content.decode()

    assert "<script>" not in html
    assert all("src=" in tag for tag in html.split("<script")[1:])
