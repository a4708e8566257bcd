"""The fast read path: detail lookups, index-friendly orderings, shared counts on store pages, JSON rendering."""

import gzip
import json
from decimal import Decimal

import orjson
import pytest
from django.db import connection
from django.http import HttpResponse
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from rest_framework.renderers import JSONRenderer

from shopplatform.api.compression import TextGZipMiddleware
from shopplatform.api.renderers import FastJSONRenderer
from tests.factories import BrandFactory, CategoryFactory, ProductFactory, ProductImageFactory, SellerFactory

pytestmark = pytest.mark.django_db


def ids(response) -> list[str]:
    return [row["id"] for row in response.json()["data"]]


def test_detail_ignores_list_filters_in_the_query_string(anonymous_client):
    product = ProductFactory()

    response = anonymous_client.get(f"/api/v1/products/{product.slug}?category=no-such-category")

    assert response.status_code == 200


def test_detail_still_hides_a_product_the_caller_may_not_see(anonymous_client):
    product = ProductFactory(status="draft")

    response = anonymous_client.get(f"/api/v1/products/{product.slug}")

    assert response.status_code == 404


def test_detail_shows_a_wholesale_only_product_to_staff(staff_client):
    product = ProductFactory(wholesale_only=True)

    response = staff_client.get(f"/api/v1/products/{product.public_id}")

    assert response.json()["id"] == product.public_id


def test_descending_ordering_breaks_ties_newest_id_first(anonymous_client):
    first, second = ProductFactory(price_cents=500), ProductFactory(price_cents=500)

    response = anonymous_client.get("/api/v1/products?ordering=-price")

    assert ids(response) == [second.public_id, first.public_id]


def test_ascending_ordering_breaks_ties_oldest_id_first(anonymous_client):
    first, second = ProductFactory(price_cents=500), ProductFactory(price_cents=500)

    response = anonymous_client.get("/api/v1/products?ordering=price")

    assert ids(response) == [first.public_id, second.public_id]


def test_pages_of_equal_prices_neither_repeat_nor_skip_a_product(anonymous_client):
    products = {ProductFactory(price_cents=700).public_id for _ in range(7)}

    pages = [ids(anonymous_client.get(f"/api/v1/products?ordering=-price&limit=3&page={page}")) for page in (1, 2, 3)]

    assert sorted(product for page in pages for product in page) == sorted(products)


def test_category_filter_lists_a_product_in_two_matching_categories_once(anonymous_client):
    parent = CategoryFactory()
    child = CategoryFactory(parent=parent)
    product = ProductFactory(categories=[parent, child])

    response = anonymous_client.get(f"/api/v1/products?category={parent.slug}")

    assert ids(response) == [product.public_id]


def test_store_category_pages_share_the_product_count(client, store_settings):
    category = CategoryFactory()
    for _ in range(3):
        ProductFactory(categories=[category])
    client.get(f"/category/{category.slug}")

    with CaptureQueriesContext(connection) as queries:
        client.get(f"/category/{category.slug}?page=1")

    assert not [query for query in queries.captured_queries if "COUNT(" in query["sql"]]


def test_store_category_page_lists_the_brands_of_its_products(client, store_settings):
    category = CategoryFactory()
    shown, other = BrandFactory(title="Shown Brand"), BrandFactory(title="Other Brand")
    ProductFactory(categories=[category], brand=shown)
    ProductFactory(categories=[category], brand=BrandFactory(title="Second Brand"))
    ProductFactory(brand=other)

    page = client.get(f"/category/{category.slug}").content.decode()

    assert "Shown Brand" in page and "Other Brand" not in page


def test_store_pages_are_gzipped_for_clients_that_accept_it(client, store_settings):
    ProductFactory()

    response = client.get("/", headers={"accept-encoding": "gzip"})

    assert response["Content-Encoding"] == "gzip"
    assert b"</html>" in gzip.decompress(response.content)


def test_api_lists_are_gzipped_for_clients_that_accept_it(client):
    ProductFactory()

    response = client.get("/api/v1/products", headers={"accept-encoding": "gzip"})

    assert json.loads(gzip.decompress(response.content))["total"] == 1


@override_settings(PRODUCT_DOCUMENTS=False)  # test_documents.py compares the stored bodies with this path
def test_api_list_body_is_byte_identical_to_drf_rendering(anonymous_client):
    category = CategoryFactory(title="Cerâmica \u2028 line")
    product = ProductFactory(
        categories=[category], brand=BrandFactory(), seller=SellerFactory(), weight=Decimal("1.250")
    )
    ProductImageFactory(product=product)

    response = anonymous_client.get("/api/v1/products")

    assert response.content == JSONRenderer().render(response.data)


@pytest.mark.parametrize(
    "value",
    [{"rating": 4.5}, {"tiny": 9.9e-05}, {"small": 1e-07}, {"large": 1.5e16}, {"text": "a\u2028b\u2029c é"}, [1, None]],
    ids=["float", "tiny-float", "smaller-float", "large-float", "line-separators", "list"],
)
def test_fast_renderer_writes_drf_bytes(value):
    assert FastJSONRenderer().render(value) == JSONRenderer().render(value)


def stored(value) -> orjson.Fragment:
    """A value as catalog.documents stores it: this renderer's bytes, spliced back in as a fragment."""
    return orjson.Fragment(FastJSONRenderer().render(value))


STORED_PRODUCTS = [{"title": "Model e-5 \u2028", "weight": 9.9e-05, "price": "12,50 €"}, {"title": "Vase"}]


@pytest.mark.parametrize(
    "envelope",
    [{"count": 2, "next": None}, {"count": 2, "next": "a\u2029b"}, {"count": 1e-07, "next": None}],
    ids=["plain", "line-separator", "tiny-float"],
)
def test_fast_renderer_writes_drf_bytes_around_stored_bodies(envelope):
    """Only the envelope is checked for what orjson spells unlike DRF: the stored bodies are DRF's bytes already."""
    page = {**envelope, "results": [stored(product) for product in STORED_PRODUCTS]}

    assert FastJSONRenderer().render(page) == JSONRenderer().render({**envelope, "results": STORED_PRODUCTS})
    assert FastJSONRenderer().render(stored(STORED_PRODUCTS[0])) == JSONRenderer().render(STORED_PRODUCTS[0])


def test_fast_renderer_honours_a_requested_indent():
    body = FastJSONRenderer().render({"a": 1}, "application/json; indent=2")

    assert body == JSONRenderer().render({"a": 1}, "application/json; indent=2")


def test_binary_bodies_are_not_gzipped(rf):
    request = rf.get("/downloads/x", headers={"accept-encoding": "gzip"})
    middleware = TextGZipMiddleware(lambda request: HttpResponse(b"\x00" * 1000, content_type="application/zip"))

    response = middleware(request)

    assert not response.has_header("Content-Encoding")


def test_feeds_are_gzipped(rf):
    request = rf.get("/feed.xml", headers={"accept-encoding": "gzip"})
    middleware = TextGZipMiddleware(lambda request: HttpResponse(b"<rss>" * 200, content_type="application/rss+xml"))

    response = middleware(request)

    assert response["Content-Encoding"] == "gzip"
