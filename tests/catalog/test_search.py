"""/search across products, categories and brands; `q` on products."""

import pytest

from .factories import BrandFactory, CategoryFactory, ProductFactory

pytestmark = pytest.mark.django_db


def test_search_finds_products_categories_and_brands_by_title_word(anonymous_client):
    product = ProductFactory(title="Vintage poster print")
    category = CategoryFactory(title="Posters")
    brand = BrandFactory(title="Poster House")
    ProductFactory(title="Teapot")

    body = anonymous_client.get("/api/v1/search?q=poster").json()

    assert [item["id"] for item in body["products"]] == [product.public_id]
    assert [item["id"] for item in body["categories"]] == [category.public_id]
    assert [item["id"] for item in body["brands"]] == [brand.public_id]


def test_search_hides_non_public_products(anonymous_client):
    ProductFactory(title="Secret poster", status="hidden")

    assert anonymous_client.get("/api/v1/search?q=poster").json()["products"] == []


def test_search_without_q_is_400(anonymous_client):
    response = anonymous_client.get("/api/v1/search")

    assert response.status_code == 400
    assert response.json()["param"] == "q"


def test_search_needs_search_read_scope(make_client, staff_user):
    client = make_client(staff_user, scopes="catalog:read")

    assert client.get("/api/v1/search?q=x").status_code == 403


@pytest.mark.postgres
def test_search_tolerates_a_misspelling_on_postgresql(anonymous_client):
    product = ProductFactory(title="Vintage poster print")

    body = anonymous_client.get("/api/v1/search?q=postr").json()

    assert [item["id"] for item in body["products"]] == [product.public_id]


@pytest.mark.postgres
def test_product_q_filter_ranks_title_matches_first_on_postgresql(anonymous_client):
    weak = ProductFactory(title="Frame", excerpt="fits a poster")
    strong = ProductFactory(title="Poster poster")

    response = anonymous_client.get("/api/v1/products?q=poster")

    assert [item["id"] for item in response.json()["data"]] == [strong.public_id, weak.public_id]


def test_product_hits_read_only_the_columns_a_hit_shows(anonymous_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    ProductFactory(title="Poster", description="<p>" + "long text " * 200 + "</p>", price_cents=1250)

    with CaptureQueriesContext(connection) as queries:
        body = anonymous_client.get("/api/v1/search?q=poster").json()

    hit_queries = [query["sql"] for query in queries if query["sql"].startswith('SELECT "catalog_product"."id"')]
    assert hit_queries and all('"catalog_product"."description"' not in sql for sql in hit_queries)
    assert body["products"][0]["price_cents"] == 1250 and body["products"][0]["excerpt"].startswith("long text")


def test_a_title_whose_words_fold_to_fewer_letters_leaves_typos_forgiven(anonymous_client):
    """Folding drops halfwidth voiced marks: "aﾞ" is known as "a", "ﾞﾞ" as "" (catalog.search._index)."""
    product = ProductFactory(title="ﾞﾞ aﾞ Vase")

    response = anonymous_client.get("/api/v1/search?q=vaze")

    assert response.status_code == 200
    assert [item["id"] for item in response.json()["products"]] == [product.public_id]
