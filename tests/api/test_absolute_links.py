"""Every absolute URL comes from one base: the store's address, else SITE_URL, else the host the request came on.

Served on any port (`PORT=8080 make run`) the images, placeholders, product and passport links, problem types,
pagination links and feeds all point at that port, and they agree with each other.
"""

import pytest

from shopplatform.links import DEVELOPMENT_BASE, absolute_url, site_url
from shopplatform.store.models import Store
from tests.factories import PassportFactory, ProductFactory

pytestmark = pytest.mark.django_db

HOST = "127.0.0.1:8080"
BASE = f"http://{HOST}"


def links_of(body: dict) -> list[str]:
    """Every string in a response body that looks like an absolute URL."""
    found = []

    def walk(value):
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str) and value.startswith(("http://", "https://")):
            found.append(value)

    walk(body)
    return found


def test_product_links_and_images_follow_the_requested_port(anonymous_client):
    ProductFactory(slug="oak-bowl")

    body = anonymous_client.get("/api/v1/products", HTTP_HOST=HOST).json()

    product = body["data"][0]
    assert product["url"] == f"{BASE}/product/oak-bowl"
    assert product["images"] == [] or product["images"][0]["urls"]["thumb"].startswith(BASE)
    urls = links_of(body)
    assert urls, "a product list carries absolute links"
    assert [url for url in urls if not url.startswith(BASE)] == []


def test_passport_digital_link_agrees_with_product_links(anonymous_client):
    passport = PassportFactory(product__slug="oak-bowl")

    body = anonymous_client.get(f"/api/v1/products/{passport.product.public_id}/passport", HTTP_HOST=HOST).json()
    product = anonymous_client.get(f"/api/v1/products/{passport.product.public_id}", HTTP_HOST=HOST).json()

    assert body["digital_link"] == f"{BASE}/01/{passport.product.gtin}"
    assert product["url"] == f"{BASE}/product/oak-bowl"


def test_problem_type_and_pagination_links_use_the_same_base(anonymous_client):
    ProductFactory.create_batch(3)

    problem = anonymous_client.get("/api/v1/products/prod_nope", HTTP_HOST=HOST)
    page = anonymous_client.get("/api/v1/products?limit=1&page=1", HTTP_HOST=HOST)

    assert problem.json()["type"] == f"{BASE}/problems/not_found"
    assert f"<{BASE}/api/v1/products?" in page["Link"]


def test_feed_links_use_the_same_base(client):
    ProductFactory(slug="oak-bowl")

    feed = client.get("/feeds/products.json", HTTP_HOST=HOST).json()

    assert feed["home_page_url"] == f"{BASE}/"
    assert feed["items"][0]["url"] == f"{BASE}/product/oak-bowl"


def test_site_url_wins_over_the_requested_host(anonymous_client, settings):
    settings.SITE_URL = "https://shop.example/"
    ProductFactory(slug="oak-bowl")

    body = anonymous_client.get("/api/v1/products", HTTP_HOST=HOST).json()

    assert body["data"][0]["url"] == "https://shop.example/product/oak-bowl"
    assert [url for url in links_of(body) if not url.startswith("https://shop.example/")] == []


def test_the_store_address_setting_does_not_move_links(anonymous_client, settings):
    settings.SITE_URL = "https://site.example"
    store = Store.load()
    store.url = "https://parallax.example/"
    store.save()
    ProductFactory(slug="oak-bowl")

    body = anonymous_client.get("/api/v1/products", HTTP_HOST=HOST).json()
    reported = anonymous_client.get("/api/v1/store", HTTP_HOST=HOST).json()

    assert body["data"][0]["url"] == "https://site.example/product/oak-bowl"
    assert reported["url"] == "https://parallax.example/"


def test_outside_a_request_links_use_site_url_else_the_development_base(settings):
    settings.SITE_URL = ""
    assert site_url() == DEVELOPMENT_BASE
    assert absolute_url("/media/x.png") == f"{DEVELOPMENT_BASE}/media/x.png"

    settings.SITE_URL = "https://shop.example/"
    assert absolute_url("/media/x.png") == "https://shop.example/media/x.png"
    assert absolute_url("https://cdn.example/x.png") == "https://cdn.example/x.png"
