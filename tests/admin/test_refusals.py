"""A service refusing an admin write shows as a form error or a message in words, never as a 500."""

import pytest
from django.urls import reverse

from catalog import services as catalog_services
from catalog.models import Category, Product
from tests.factories import CategoryFactory, ProductFactory
from webhooks.models import Event

from .conftest import form_data

pytestmark = pytest.mark.django_db


def test_product_with_a_wrong_gtin_check_digit_is_refused_on_the_gtin_field(admin_browser):
    url = reverse("admin:catalog_product_add")
    data = form_data(admin_browser.get(url), title="Lamp", slug="lamp", price_cents=1000, gtin="4006381333932")

    response = admin_browser.post(url, data)

    assert response.status_code == 200
    assert "gtin" in response.context["adminform"].form.errors
    assert not Product.objects.filter(slug="lamp").exists()


def test_refused_product_save_writes_no_event(admin_browser):
    url = reverse("admin:catalog_product_add")
    data = form_data(admin_browser.get(url), title="Lamp", slug="lamp", price_cents=1000, gtin="4006381333932")

    admin_browser.post(url, data)

    assert not Event.objects.exists()


def test_admin_product_save_stores_the_description_sanitised(admin_browser):
    product = ProductFactory()
    url = reverse("admin:catalog_product_change", args=[product.pk])
    data = form_data(admin_browser.get(url), description='<p onclick="x()">Hi<script>alert(1)</script></p>')

    admin_browser.post(url, data)

    assert Product.objects.get(pk=product.pk).description == "<p>Hi</p>"


def test_moving_a_category_below_its_child_is_a_form_error_on_parent(admin_browser):
    parent = CategoryFactory()
    child = CategoryFactory(parent=parent)
    url = reverse("admin:catalog_category_change", args=[parent.pk])
    data = form_data(admin_browser.get(url), parent=child.pk)

    response = admin_browser.post(url, data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["parent"] == ["A category cannot sit below itself."]
    assert Category.objects.get(pk=parent.pk).parent_id is None


def test_variant_stock_on_a_product_without_stock_is_refused_naming_the_variant(admin_browser):
    product = ProductFactory(stock_enabled=False)
    catalog_services.create_option_group(product=product, title="Size", options=[{"title": "S"}])
    url = reverse("admin:catalog_product_change", args=[product.pk])
    data = form_data(admin_browser.get(url), **{"variants-0-stock_quantity": 5})

    response = admin_browser.post(url, data)

    assert response.status_code == 200
    assert "Variant “S”" in str(response.context["adminform"].form.non_field_errors())
    assert product.variants.get().stock_quantity == 0


def test_shipping_method_with_an_unknown_country_is_a_form_error(admin_browser):
    url = reverse("admin:orders_shippingmethod_add")
    data = form_data(admin_browser.get(url), title="Courier", price_cents=500, countries='["Atlantis"]')

    response = admin_browser.post(url, data)

    assert response.status_code == 200
    assert "countries" in response.context["adminform"].form.errors
