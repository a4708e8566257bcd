"""Checkout that helps: the saved address filled in, autocomplete tokens and a tel field, required markers that
match the rules, the only fitting shipping method preselected, a linked error summary, and a refused coupon that
stays in its field."""

import re

import pytest

from orders.models import Order
from tests.accounts.factories import AddressFactory
from tests.orders.factories import ShippingMethodFactory

from .conftest import DELIVERY_POST

pytestmark = pytest.mark.django_db


def add(client, slug: str):
    client.post(f"/cart/add/{slug}", {"quantity": 1})


def input_tag(page: str, name: str) -> str:
    return re.search(rf'<(?:input|select|textarea)[^>]*name="{name}"[^>]*>', page).group(0)


def test_signed_in_buyer_finds_the_default_saved_address_filled_in(buyer_client, buyer, teapot, courier):
    AddressFactory(customer=buyer.customer, address="Rua Nova 5", city="Porto", zip_code="4000-001", is_default=False)
    AddressFactory(customer=buyer.customer, address="Rua Augusta 1", city="Lisboa", zip_code="1100-048")
    add(buyer_client, "enamel-teapot")

    page = buyer_client.get("/checkout/").content.decode()

    assert 'value="Rua Augusta 1"' in input_tag(page, "address")
    assert 'value="Lisboa"' in input_tag(page, "city")
    assert "Rua Nova 5, Porto (PRT)" in page  # offered in the saved-address picker


def test_order_from_the_saved_address_ships_there(buyer_client, buyer, teapot, courier):
    AddressFactory(customer=buyer.customer, address="Rua Augusta 1", city="Lisboa", zip_code="1100-048")
    add(buyer_client, "enamel-teapot")
    page = buyer_client.get("/checkout/").content.decode()
    fields = {name: re.search(r'value="([^"]*)"', input_tag(page, name)).group(1) for name in ("address", "city")}

    buyer_client.post(
        "/checkout/",
        {
            **DELIVERY_POST,
            **fields,
            "email": "rita@example.com",
            "shipping_method": courier.public_id,
            "payment_method": "bank_transfer",
        },
    )

    assert Order.objects.get().client["delivery"]["address"] == "Rua Augusta 1"


def test_guest_checkout_offers_no_saved_addresses(client, teapot, courier):
    add(client, "enamel-teapot")

    assert "saved-address" not in client.get("/checkout/").content.decode()


@pytest.mark.parametrize(
    ("name", "token"),
    [
        ("email", "email"),
        ("name", "name"),
        ("phone", "tel"),
        ("address", "shipping address-line1"),
        ("zip_code", "shipping postal-code"),
        ("city", "shipping address-level2"),
        ("country", "shipping country"),
        ("billing_address", "billing address-line1"),
    ],
)
def test_checkout_fields_carry_autocomplete_tokens(client, teapot, courier, name, token):
    add(client, "enamel-teapot")

    page = client.get("/checkout/").content.decode()

    assert f'autocomplete="{token}"' in input_tag(page, name)


def test_phone_is_a_tel_field(client, teapot, courier):
    add(client, "enamel-teapot")

    assert 'type="tel"' in input_tag(client.get("/checkout/").content.decode(), "phone")


@pytest.mark.parametrize("name", ["address", "city", "zip_code"])
def test_fields_delivery_needs_are_marked_required(client, teapot, courier, name):
    add(client, "enamel-teapot")

    page = client.get("/checkout/").content.decode()

    assert re.search(rf'for="id_{name}">[^<]+ <span aria-hidden="true" class="required">\*</span>', page)
    assert 'aria-required="true"' in input_tag(page, name)


def test_the_only_fitting_shipping_method_is_preselected(client, teapot, courier):
    add(client, "enamel-teapot")

    page = client.get("/checkout/").content.decode()

    assert re.search(rf'value="{courier.public_id}"[^>]*checked', page)


def test_no_method_is_preselected_when_several_fit(client, teapot, courier):
    ShippingMethodFactory(title="Post", price_cents=300, countries=["PRT"])
    add(client, "enamel-teapot")

    page = client.get("/checkout/").content.decode()

    assert not re.search(r'name="shipping_method"[^>]*checked', page)


def test_error_summary_takes_focus_and_links_to_each_field(client, teapot, courier):
    add(client, "enamel-teapot")

    response = client.post("/checkout/", {**DELIVERY_POST, "city": "", "payment_method": "bank_transfer"})

    page = response.content.decode()
    assert response.status_code == 400
    assert 'tabindex="-1" id="error-summary" data-error-summary' in page
    assert '<a href="#id_city">City: Needed for delivery.</a>' in page
    assert 'value="Rua Augusta 1"' in input_tag(page, "address")  # what was typed stays


def test_a_refused_coupon_stays_in_its_field(client, teapot, courier):
    add(client, "enamel-teapot")

    response = client.post("/cart/coupon", {"code": "SUMMER-99"}, follow=True)

    page = response.content.decode()
    assert 'value="SUMMER-99"' in input_tag(page, "code")
    assert 'aria-invalid="true"' in input_tag(page, "code")
