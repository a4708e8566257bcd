"""GET/PUT/PATCH /api/v1/products/{id}/passport."""

import pytest

from catalog.models import ProductPassport
from tests.catalog.factories import ProductFactory
from webhooks.models import Event

from .factories import GTIN, MaterialFactory, PassportFactory

pytestmark = pytest.mark.django_db


def url(product, serial: str = "") -> str:
    return f"/api/v1/products/{product.public_id}/passport" + (f"?serial={serial}" if serial else "")


def test_anonymous_caller_reads_the_passport_of_a_visible_product(anonymous_client):
    material = MaterialFactory()
    product = material.passport.product

    response = anonymous_client.get(url(product))

    assert response.status_code == 200
    body = response.json()
    assert body["id"].startswith("dpp_")
    assert body["gtin"] == GTIN
    assert body["materials"] == [{"name": "Organic cotton", "share_percent": 95.0, "recycled_percent": None}]
    assert body["manufacturer"] == {"name": "Fábrica do Norte", "address": "Rua Industrial 1, Porto"}
    assert body["carbon_footprint_kg"] == 4.25
    assert body["digital_link"].endswith(f"/01/{GTIN}")


def test_passport_read_is_publicly_cacheable(anonymous_client):
    passport = PassportFactory()

    response = anonymous_client.get(url(passport.product))

    assert response["Cache-Control"] == "public, max-age=300"


def test_passport_of_a_hidden_product_is_404_for_the_public(anonymous_client):
    passport = PassportFactory(product=ProductFactory(status="hidden"))

    response = anonymous_client.get(url(passport.product))

    assert response.status_code == 404


def test_product_without_a_passport_is_404(anonymous_client):
    response = anonymous_client.get(url(ProductFactory()))

    assert response.status_code == 404


def test_serial_reads_the_units_own_passport(anonymous_client):
    passport = PassportFactory()
    PassportFactory(product=passport.product, serial_number="SN-1", origin_country="ESP")

    body = anonymous_client.get(url(passport.product, "SN-1")).json()

    assert body["serial_number"] == "SN-1"
    assert body["origin_country"] == "ESP"
    assert body["digital_link"].endswith(f"/01/{GTIN}/21/SN-1")


def test_serial_without_its_own_passport_reads_the_products(anonymous_client):
    passport = PassportFactory()

    body = anonymous_client.get(url(passport.product, "SN-404")).json()

    assert body["id"] == passport.public_id
    assert body["serial_number"] == ""


def test_staff_creates_a_passport_with_put(staff_client):
    product = ProductFactory()
    payload = {
        "origin_country": "prt",
        "manufacturer": {"name": "Fábrica", "address": "Porto"},
        "materials": [{"name": "Wool", "share_percent": "60"}, {"name": "Silk", "share_percent": "40"}],
        "certifications": [{"name": "GOTS"}],
        "carbon_footprint_kg": "3.5",
    }

    response = staff_client.put(url(product), payload, format="json")

    assert response.status_code == 200
    body = response.json()
    assert body["origin_country"] == "PRT"
    assert [material["name"] for material in body["materials"]] == ["Wool", "Silk"]
    assert body["certifications"] == [{"name": "GOTS", "issuer": "", "url": ""}]


def test_patch_changes_only_the_fields_sent(staff_client):
    material = MaterialFactory()
    product = material.passport.product

    body = staff_client.patch(url(product), {"care_instructions": "Dry clean."}, format="json").json()

    assert body["care_instructions"] == "Dry clean."
    assert body["origin_country"] == "PRT"
    assert len(body["materials"]) == 1


def test_put_with_serial_creates_a_unit_passport(staff_client):
    passport = PassportFactory()

    staff_client.put(url(passport.product, "SN-9"), {"recycling_instructions": "Return to shop."}, format="json")

    assert ProductPassport.objects.filter(product=passport.product).count() == 2


def test_material_shares_over_100_percent_are_refused(staff_client):
    product = ProductFactory()
    materials = [{"name": "Wool", "share_percent": "60"}, {"name": "Silk", "share_percent": "41"}]

    response = staff_client.put(url(product), {"materials": materials}, format="json")

    assert response.status_code == 400
    assert response.json()["param"] == "materials"
    assert not ProductPassport.objects.exists()


@pytest.mark.parametrize(
    "payload",
    [
        {"origin_country": "XXX"},
        {"carbon_footprint_kg": "-1"},
        {"materials": [{"name": "Wool", "share_percent": "0"}]},
        {"materials": "wool"},
        {"certifications": [{"issuer": "nobody"}]},
        {"manufacturer": "ACME"},
    ],
)
def test_invalid_passport_input_is_400(staff_client, payload):
    response = staff_client.patch(url(ProductFactory()), payload, format="json")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"


def test_overlong_serial_is_400(anonymous_client):
    passport = PassportFactory()

    response = anonymous_client.get(url(passport.product, "S" * 101))

    assert response.status_code == 400


def test_customer_key_cannot_edit_passports(customer_client):
    response = customer_client.patch(url(ProductFactory()), {"care_instructions": "x"}, format="json")

    assert response.status_code == 403


def test_anonymous_caller_cannot_edit_passports(anonymous_client):
    response = anonymous_client.patch(url(ProductFactory()), {"care_instructions": "x"}, format="json")

    assert response.status_code == 401


def test_saving_a_passport_emits_product_updated(staff_client):
    product = ProductFactory()

    staff_client.patch(url(product), {"care_instructions": "Dry clean."}, format="json")

    assert Event.objects.filter(type="product.updated", data__object__id=product.public_id).exists()


def test_deleting_the_product_deletes_its_passports_and_materials(staff_client):
    """DELETE removes all associated DPP data permanently."""
    material = MaterialFactory()
    product = material.passport.product
    PassportFactory(product=product, serial_number="SN-1")

    response = staff_client.delete(f"/api/v1/products/{product.public_id}")

    assert response.status_code == 204
    assert not ProductPassport.objects.exists()
    assert not type(material).objects.exists()
