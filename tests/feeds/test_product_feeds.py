"""/feeds/products.atom and /feeds/products.json (cached and readable cross-origin like the API)."""

from datetime import timedelta

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from catalog.models import Product
from tests.catalog.factories import ProductFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.feeds.site_urls")]
ORIGIN = "https://integrator.example"


def test_atom_feed_parses_with_a_feed_parser(client):
    ProductFactory(title="Linen shirt", slug="linen-shirt", description="<p>Soft.</p>")

    response = client.get("/feeds/products.atom")

    feed = feedparser.parse(response.content)
    assert response.status_code == 200
    assert not feed.bozo
    assert feed.version == "atom10"
    assert feed.entries[0].title == "Linen shirt"
    assert feed.entries[0].link == "http://testserver/product/linen-shirt"
    assert feed.entries[0].updated


def test_json_feed_has_the_required_members(client):
    product = ProductFactory(title="Linen shirt", slug="linen-shirt")

    response = client.get("/feeds/products.json")

    body = response.json()
    assert response["Content-Type"] == "application/feed+json"
    assert body["version"] == "https://jsonfeed.org/version/1.1"
    assert body["title"]
    (item,) = body["items"]
    assert item["id"] == product.public_id
    assert item["url"] == "http://testserver/product/linen-shirt"
    assert item["title"] == "Linen shirt"
    assert "content_html" in item
    assert item["date_published"].endswith("Z")
    assert item["date_modified"].endswith("Z")


def test_feeds_list_recently_changed_products_first(client):
    older, newer = ProductFactory(slug="older"), ProductFactory(slug="newer")
    Product.objects.filter(pk=older.pk).update(updated_at=timezone.now() - timedelta(days=1))

    items = client.get("/feeds/products.json").json()["items"]

    assert [item["id"] for item in items] == [newer.public_id, older.public_id]


def test_feeds_leave_out_products_the_public_cannot_see(client):
    ProductFactory(status="hidden")
    ProductFactory(status="draft")

    assert client.get("/feeds/products.json").json()["items"] == []


def test_feeds_hold_at_most_50_products(client):
    ProductFactory.create_batch(51)

    assert len(client.get("/feeds/products.json").json()["items"]) == 50


@pytest.mark.parametrize("path", ["/feeds/products.atom", "/feeds/products.json"])
def test_feed_queries_do_not_grow_with_items(client, django_assert_max_num_queries, path):
    ProductFactory()
    with CaptureQueriesContext(connection) as one_item:
        client.get(path)
    ProductFactory.create_batch(30)

    with django_assert_max_num_queries(len(one_item)):
        client.get(path)


@pytest.mark.parametrize("path", ["/feeds/products.atom", "/feeds/products.json"])
def test_feeds_are_publicly_cacheable_with_an_etag(client, path):
    ProductFactory()

    response = client.get(path)

    assert response["Cache-Control"] == "public, max-age=300"
    assert response["ETag"]


@pytest.mark.parametrize("path", ["/feeds/products.atom", "/feeds/products.json"])
def test_feeds_answer_304_to_a_matching_etag(client, path):
    ProductFactory()
    etag = client.get(path)["ETag"]

    response = client.get(path, HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304


def test_a_change_shows_in_a_fresh_fetch_with_a_new_etag(client):
    product = ProductFactory(title="Before")
    first = client.get("/feeds/products.json")
    product.title = "After"
    product.save()

    second = client.get("/feeds/products.json", HTTP_IF_NONE_MATCH=first["ETag"])

    assert second.status_code == 200
    assert second.json()["items"][0]["title"] == "After"


@pytest.mark.parametrize("path", ["/feeds/products.atom", "/feeds/products.json"])
def test_feeds_allow_any_origin(client, path):
    response = client.get(path, HTTP_ORIGIN=ORIGIN)

    assert response["Access-Control-Allow-Origin"] == ORIGIN


def test_feeds_refuse_writes(client):
    assert client.post("/feeds/products.json").status_code == 405
