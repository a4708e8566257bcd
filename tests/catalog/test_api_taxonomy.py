"""Category and brand endpoints."""

import pytest

from .factories import BrandFactory, CategoryFactory, ProductFactory

pytestmark = pytest.mark.django_db


def test_create_category_with_parent(staff_client):
    """Parent by id; handle from title; page_title defaults to title."""
    parent = CategoryFactory()

    response = staff_client.post(
        "/api/v1/categories", {"title": "Decoração", "parent": parent.public_id}, format="json"
    )

    body = response.json()
    assert response.status_code == 201
    assert (body["slug"], body["parent"], body["page_title"]) == ("decoracao", parent.public_id, "Decoração")
    assert body["is_child"] is True


def test_category_shows_children_parents_and_product_count(anonymous_client):
    """Tree fields and num_products."""
    root = CategoryFactory()
    middle = CategoryFactory(parent=root)
    CategoryFactory(parent=middle, slug="leaf")
    ProductFactory(categories=[middle])
    ProductFactory(categories=[middle], status="hidden")

    body = anonymous_client.get(f"/api/v1/categories/{middle.slug}").json()

    assert [item["id"] for item in body["parents"]] == [root.public_id]
    assert [item["slug"] for item in body["children"]] == ["leaf"]
    assert body["num_products"] == 1


def test_category_cycle_is_400(staff_client):
    root = CategoryFactory()
    child = CategoryFactory(parent=root)

    response = staff_client.patch(f"/api/v1/categories/{root.public_id}", {"parent": child.public_id}, format="json")

    assert response.status_code == 400
    assert response.json()["param"] == "parent"


def test_category_filters(staff_client):
    """Active, is_parent, parent."""
    root = CategoryFactory()
    child = CategoryFactory(parent=root)
    CategoryFactory(active=False)

    roots = staff_client.get("/api/v1/categories?is_parent=true&active=true").json()["data"]
    children = staff_client.get(f"/api/v1/categories?parent={root.slug}").json()["data"]

    assert [item["id"] for item in roots] == [root.public_id]
    assert [item["id"] for item in children] == [child.public_id]


def test_inactive_category_is_hidden_from_anonymous(anonymous_client):
    category = CategoryFactory(active=False)

    assert anonymous_client.get(f"/api/v1/categories/{category.public_id}").status_code == 404


def test_delete_category_is_204(staff_client):
    category = CategoryFactory()

    assert staff_client.delete(f"/api/v1/categories/{category.public_id}").status_code == 204


def test_create_brand_without_title_is_400(staff_client):
    """Title is required."""
    response = staff_client.post("/api/v1/brands", {"description": "x"}, format="json")

    assert response.status_code == 400
    assert response.json()["param"] == "title"


def test_put_brand_is_partial(staff_client):
    """The table marks title required but the example sends only description."""
    brand = BrandFactory(title="Pure You")

    response = staff_client.put(f"/api/v1/brands/{brand.public_id}", {"description": "<b>Soft</b>"}, format="json")

    assert response.json()["title"] == "Pure You"
    assert response.json()["description"] == "<b>Soft</b>"


def test_brand_by_slug_with_product_count(anonymous_client):
    brand = BrandFactory(slug="pure-you")
    ProductFactory(brand=brand)

    assert anonymous_client.get("/api/v1/brands/pure-you").json()["num_products"] == 1


def test_duplicate_brand_slug_is_409(staff_client):
    BrandFactory(slug="prints")

    response = staff_client.post("/api/v1/brands", {"title": "Prints", "slug": "prints"}, format="json")

    assert response.status_code == 409


def test_delete_brand_keeps_its_products(staff_client):
    brand = BrandFactory()
    product = ProductFactory(brand=brand)

    staff_client.delete(f"/api/v1/brands/{brand.public_id}")

    product.refresh_from_db()
    assert product.brand is None


@pytest.mark.parametrize("rows", [1, 100])
def test_category_list_query_count_is_constant(store_settings, anonymous_client, django_assert_max_num_queries, rows):
    parent = CategoryFactory()
    for _ in range(rows):
        ProductFactory(categories=[CategoryFactory(parent=parent)])

    with django_assert_max_num_queries(6):
        response = anonymous_client.get("/api/v1/categories?limit=100")

    assert response.status_code == 200


@pytest.mark.parametrize("rows", [1, 100])
def test_brand_list_query_count_is_constant(store_settings, anonymous_client, django_assert_max_num_queries, rows):
    for _ in range(rows):
        ProductFactory(brand=BrandFactory())

    with django_assert_max_num_queries(4):
        response = anonymous_client.get("/api/v1/brands?limit=100")

    assert len(response.json()["data"]) == rows
