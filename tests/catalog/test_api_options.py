"""Option-group and variant endpoints."""

import pytest

from catalog import services

from .factories import ProductFactory

pytestmark = pytest.mark.django_db


def test_post_option_group_creates_variants(staff_client):
    """POST a group with its values; the matrix follows."""
    product = ProductFactory()

    response = staff_client.post(
        f"/api/v1/products/{product.public_id}/option-groups", {"title": "Size", "options": ["S", "M"]}, format="json"
    )

    assert response.status_code == 201
    assert [option["title"] for option in response.json()["options"]] == ["S", "M"]
    variants = staff_client.get(f"/api/v1/products/{product.public_id}/variants").json()["data"]
    assert [variant["title"] for variant in variants] == ["S", "M"]


def test_option_groups_are_addressable_by_product_slug(anonymous_client):
    product = ProductFactory(slug="bowl")
    services.create_option_group(product=product, title="Size", options=[{"title": "S"}])

    response = anonymous_client.get("/api/v1/products/bowl/option-groups")

    assert response.json()["data"][0]["title"] == "Size"


def test_fourth_group_is_400(staff_client):
    product = ProductFactory()
    for title in ("A", "B", "C"):
        services.create_option_group(product=product, title=title, options=[{"title": "x"}])

    response = staff_client.post(
        f"/api/v1/products/{product.public_id}/option-groups", {"title": "D", "options": ["x"]}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["code"] == "too_many_option_groups"


def test_group_without_options_is_400_naming_options(staff_client):
    product = ProductFactory()

    response = staff_client.post(
        f"/api/v1/products/{product.public_id}/option-groups", {"title": "Size", "options": []}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["param"] == "options"


def test_patch_group_renames_without_touching_variants(staff_client):
    product = ProductFactory()
    group = services.create_option_group(product=product, title="Size", options=[{"title": "S"}])
    variant = product.variants.get()

    response = staff_client.patch(
        f"/api/v1/products/{product.public_id}/option-groups/{group.public_id}", {"title": "Taille"}, format="json"
    )

    assert response.json()["title"] == "Taille"
    assert product.variants.get().pk == variant.pk


def test_delete_group_is_204(staff_client):
    product = ProductFactory()
    group = services.create_option_group(product=product, title="Size", options=[{"title": "S"}])

    response = staff_client.delete(f"/api/v1/products/{product.public_id}/option-groups/{group.public_id}")

    assert response.status_code == 204
    assert not product.variants.exists()


def test_patch_variant_sets_its_own_price(staff_client):
    """Own price; output falls back to the product where the variant has none."""
    product = ProductFactory(price_cents=1000, shipping_cents=300)
    services.create_option_group(product=product, title="Size", options=[{"title": "S"}])
    variant = product.variants.get()

    response = staff_client.patch(
        f"/api/v1/products/{product.public_id}/variants/{variant.public_id}",
        {"price_cents": 1200, "sku": "S-1"},
        format="json",
    )

    body = response.json()
    assert (body["price_cents"], body["sku"], body["shipping_cents"]) == (1200, "S-1", 300)


def test_variant_promo_not_below_price_is_400(staff_client):
    """Price_promo must be lower than price."""
    product = ProductFactory(price_cents=1000)
    services.create_option_group(product=product, title="Size", options=[{"title": "S"}])
    variant = product.variants.get()

    response = staff_client.patch(
        f"/api/v1/products/{product.public_id}/variants/{variant.public_id}",
        {"promo_price_cents": 1000},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["param"] == "promo_price_cents"


def test_variant_stock_needs_product_stock_enabled(staff_client):
    """Stock requires product stock enabled."""
    product = ProductFactory(stock_enabled=False)
    services.create_option_group(product=product, title="Size", options=[{"title": "S"}])
    variant = product.variants.get()

    response = staff_client.patch(
        f"/api/v1/products/{product.public_id}/variants/{variant.public_id}", {"stock_quantity": 4}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["param"] == "stock_quantity"


def test_variants_of_hidden_product_are_404_for_anonymous(anonymous_client):
    product = ProductFactory(status="hidden")

    assert anonymous_client.get(f"/api/v1/products/{product.public_id}/variants").status_code == 404
