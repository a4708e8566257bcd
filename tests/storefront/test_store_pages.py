"""Store-wide pages: content pages, robots.txt, sitemap.xml, 404 (/page/<handle>, /about; menus from the store settings)."""

import pytest

from shopplatform.store.models import ContentPage
from tests.catalog.factories import ProductFactory

pytestmark = pytest.mark.django_db


def test_content_page_renders_its_sanitized_body(client, store):
    ContentPage.objects.create(title="Terms", slug="terms", body="<p>Be nice</p><script>alert(1)</script>")

    page = client.get("/page/terms").content.decode()

    assert "<p>Be nice</p>" in page
    assert "alert(1)" not in page


def test_unpublished_content_page_is_404(client, store):
    ContentPage.objects.create(title="Draft", slug="draft", published=False)

    assert client.get("/page/draft").status_code == 404


def test_about_path_serves_the_about_page(client, store):
    ContentPage.objects.create(title="About us", slug="about", body="<p>Since 1999</p>")

    assert "Since 1999" in client.get("/about").content.decode()


def test_robots_txt_points_at_the_sitemap(client, store):
    response = client.get("/robots.txt")

    assert response["Content-Type"] == "text/plain"
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()


def test_sitemap_lists_public_products_only(client, store):
    ProductFactory(slug="on-sale")
    ProductFactory(slug="drafty", status="draft")

    body = client.get("/sitemap.xml").content.decode()

    assert "/product/on-sale" in body
    assert "/product/drafty" not in body


def test_unknown_page_renders_the_store_404(client, store):
    response = client.get("/no-such-page")

    assert response.status_code == 404
    assert "We couldn't find that page" in response.content.decode()


def test_health_check_still_answers(client, store):
    assert client.get("/healthz").status_code in (200, 503)
