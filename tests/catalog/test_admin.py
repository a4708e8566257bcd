"""Back-office pages of the catalog."""

import pytest

from catalog.models import Product

from .factories import BrandFactory, CategoryFactory, ProductFactory, ProductImageFactory, VariantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("boss", "boss@example.com", "boss-pass-123"))
    return client


@pytest.mark.parametrize("path", ["product", "category", "brand", "seller", "optiongroup"])
def test_changelists_render(admin_client, path):
    product = ProductFactory(categories=[CategoryFactory(parent=CategoryFactory())], brand=BrandFactory())
    ProductImageFactory(product=product)
    VariantFactory(product=product)

    assert admin_client.get(f"/admin/catalog/{path}/").status_code == 200


def test_product_change_page_renders(admin_client):
    product = ProductFactory()
    VariantFactory(product=product)

    assert admin_client.get(f"/admin/catalog/product/{product.pk}/change/").status_code == 200


def test_hide_action_goes_through_the_service(admin_client):
    product = ProductFactory()

    admin_client.post(
        "/admin/catalog/product/", {"action": "make_hidden", "_selected_action": [product.pk]}, follow=True
    )

    assert Product.objects.get(pk=product.pk).status == "hidden"
