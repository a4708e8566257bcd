import pytest
from tests.factories import ProductFactory
pytestmark = pytest.mark.django_db

def test_debug(merchant_api):
    product = ProductFactory(gtin="04006381333931")
    merchant_api.raise_request_exception = True
    r = merchant_api.put(f"/api/v1/products/{product.public_id}/passport", {"origin_country": "PRT", "materials": [{"name": "Cotton", "share_percent": "60"}]}, format="json")
    print(r.status_code)
