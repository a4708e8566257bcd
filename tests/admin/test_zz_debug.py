import pytest
from django.contrib import admin
from catalog.models import Product
from tests.admin.conftest import form_data
from tests.factories import ProductFactory
from catalog import services as catalog_services

pytestmark = pytest.mark.django_db

def test_debug(admin_browser, rf, merchant):
    product = ProductFactory(stock_enabled=True)
    catalog_services.create_option_group(product=product, title="Size", options=[{"title": "S"}, {"title": "M"}])
    url = f"/admin/catalog/product/{product.pk}/change/"
    data = form_data(admin_browser.get(url))
    ma = admin.site._registry[Product]
    request = rf.post(url, data); request.user = merchant
    Form = ma.get_form(request, product, change=True)
    form = Form(data, instance=product)
    print("VALID", form.is_valid(), form.errors, "CHANGED", form.changed_data)
