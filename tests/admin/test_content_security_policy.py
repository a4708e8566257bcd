"""Store pages send a Content-Security-Policy that allows scripts from our own files only; admin pages also allow
'unsafe-eval' (django-unfold's Alpine.js evaluates its attribute expressions), and still no inline scripts."""

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


def test_admin_page_allows_own_scripts_and_eval_only(admin_browser):
    response = admin_browser.get(reverse("admin:catalog_product_changelist"))

    assert response.status_code == 200
    assert script_sources(response) == ["'self'", "'unsafe-eval'"]


def test_admin_login_page_has_the_admin_policy(client):
    response = client.get(reverse("admin:login"))

    assert script_sources(response) == ["'self'", "'unsafe-eval'"]


def test_store_pages_keep_eval_forbidden(client):
    response = client.get("/")

    assert "'unsafe-eval'" not in response["Content-Security-Policy"]


def test_store_pages_carry_no_inline_script(client):
    product = ProductFactory(description="<p>Plain</p>")

    html = client.get(f"/product/{product.slug}").content.decode()

    assert "<script>" not in html
    assert all("src=" in tag for tag in html.split("<script")[1:])
