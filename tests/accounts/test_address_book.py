"""The address book: services keep exactly one default, pages add, edit, delete and choose the default, and nobody
reaches another buyer's addresses."""

import pytest
from django.test import Client

from shopplatform.accounts.models import Address
from shopplatform.accounts.services import add_address, delete_address, ensure_customer, set_default_address
from tests.accounts.factories import AddressFactory, UserFactory
from webhooks.models import Event

pytestmark = pytest.mark.django_db

HOME = {
    "name": "Rita Sousa",
    "address": "Rua Augusta 1",
    "zip_code": "1100-048",
    "city": "Lisboa",
    "country_code": "PRT",
}
WORK = {"name": "Rita Sousa", "address": "Avenida da Liberdade 200", "zip_code": "1250-147", "city": "Lisboa"}


@pytest.fixture
def rita():
    return UserFactory(username="rita@example.com", email="rita@example.com")


@pytest.fixture
def customer(rita):
    return ensure_customer(user=rita)


@pytest.fixture
def rita_client(rita):
    client = Client()
    client.force_login(rita)
    return client


def defaults_of(customer) -> list[str]:
    return list(customer.addresses.filter(is_default=True).values_list("address", flat=True))


def test_first_saved_address_becomes_the_default(customer):
    add_address(customer=customer, data=HOME)

    assert defaults_of(customer) == ["Rua Augusta 1"]


def test_a_new_default_address_takes_over_from_the_old_one(customer):
    add_address(customer=customer, data=HOME)

    add_address(customer=customer, data={**WORK, "country_code": "PRT"}, make_default=True)

    assert defaults_of(customer) == ["Avenida da Liberdade 200"]


def test_choosing_a_default_leaves_exactly_one(customer):
    add_address(customer=customer, data=HOME)
    work = add_address(customer=customer, data={**WORK, "country_code": "PRT"})

    set_default_address(address=work)

    assert defaults_of(customer) == ["Avenida da Liberdade 200"]


def test_deleting_the_default_promotes_the_oldest_remaining_address(customer):
    home = add_address(customer=customer, data=HOME)
    add_address(customer=customer, data={**WORK, "country_code": "PRT"})

    delete_address(address=home)

    assert defaults_of(customer) == ["Avenida da Liberdade 200"]


def test_address_changes_write_a_customer_updated_event(customer):
    add_address(customer=customer, data=HOME)

    event = Event.objects.filter(type="customer.updated").latest("pk")
    assert event.data["object"]["delivery"]["address"] == "Rua Augusta 1"


def test_address_page_adds_an_address(rita_client, customer):
    response = rita_client.post("/account/addresses/", HOME, follow=True)

    assert response.status_code == 200
    assert "The address was saved." in response.content.decode()
    assert customer.addresses.get().city == "Lisboa"


def test_address_page_refuses_a_missing_city_with_a_linked_error_summary(rita_client, customer):
    response = rita_client.post("/account/addresses/", {**HOME, "city": ""})

    page = response.content.decode()
    assert response.status_code == 400
    assert 'href="#id_city">City: This field is required.</a>' in page
    assert not customer.addresses.exists()


def test_address_page_edits_an_address(rita_client, customer):
    address = AddressFactory(customer=customer)

    rita_client.post(f"/account/addresses/{address.pk}/", {**HOME, "city": "Porto", "is_default": "on"})

    address.refresh_from_db()
    assert (address.city, address.is_default) == ("Porto", True)


def test_address_page_makes_another_address_the_default(rita_client, customer):
    AddressFactory(customer=customer)
    other = AddressFactory(customer=customer, is_default=False, address="Rua Nova 5")

    rita_client.post(f"/account/addresses/{other.pk}/default")

    assert defaults_of(customer) == ["Rua Nova 5"]


def test_address_page_deletes_an_address(rita_client, customer):
    address = AddressFactory(customer=customer)

    rita_client.post(f"/account/addresses/{address.pk}/delete")

    assert not Address.objects.filter(pk=address.pk).exists()


@pytest.mark.parametrize("action", ["", "delete", "default"])
def test_another_buyers_address_is_404(rita_client, customer, action):
    stranger = AddressFactory()

    response = rita_client.post(f"/account/addresses/{stranger.pk}/{action}", HOME)

    assert response.status_code == 404
    assert Address.objects.filter(pk=stranger.pk, address="Rua Augusta, 10").exists()


def test_address_form_fields_carry_autocomplete_tokens(rita_client, customer):
    page = rita_client.get("/account/addresses/").content.decode()

    assert 'autocomplete="shipping postal-code"' in page
    assert 'type="tel" name="phone"' in page and 'autocomplete="shipping tel"' in page
