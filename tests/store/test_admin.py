"""Store settings as one admin page with payment, location and menu inlines."""

import json

import pytest
from django.urls import reverse

from shopplatform.store.models import PaymentMethod, Store

from .factories import PaymentMethodFactory, StoreFactory

pytestmark = pytest.mark.django_db

CHANGE_URL = reverse("admin:store_store_change", args=[Store.SINGLETON_PK])


@pytest.fixture
def merchant_browser(client, admin_user):
    client.force_login(admin_user)
    return client


def form_data(response) -> dict:
    """The POST body the rendered admin change form would send back unchanged."""
    data = {}
    for formset in [response.context["adminform"].form, *[inline.formset for inline in
                                                          response.context["inline_admin_formsets"]]]:  # fmt: skip
        forms = [formset] if not hasattr(formset, "forms") else [formset.management_form, *formset.forms]
        for form in forms:
            for name, field in form.fields.items():
                value = form.initial.get(name, field.initial)
                if value is None:
                    continue
                if isinstance(value, bool):
                    if value:
                        data[form.add_prefix(name)] = "on"
                    continue
                if isinstance(value, list | dict):
                    value = json.dumps(value)
                data[form.add_prefix(name)] = getattr(value, "pk", value)
    return data


def test_store_list_redirects_to_the_settings_page(merchant_browser):
    response = merchant_browser.get(reverse("admin:store_store_changelist"))

    assert response.status_code == 302
    assert response["Location"] == CHANGE_URL


def test_settings_page_shows_every_group_and_inline(merchant_browser):
    StoreFactory()

    response = merchant_browser.get(CHANGE_URL)

    assert response.status_code == 200
    content = response.content.decode()
    for heading in ["Identity and contact", "Branding", "Listings", "Checkout", "Abandoned carts", "Wholesale"]:
        assert heading in content
    assert [inline.formset.model.__name__ for inline in response.context["inline_admin_formsets"]] == [
        "PaymentMethod",
        "PickupLocation",
        "MenuItem",
    ]


def test_store_settings_cannot_be_added_or_deleted(merchant_browser):
    StoreFactory()

    assert merchant_browser.get(reverse("admin:store_store_add")).status_code == 403
    assert merchant_browser.get(reverse("admin:store_store_delete", args=[Store.SINGLETON_PK])).status_code == 403


def test_merchant_switches_the_default_payment_method(merchant_browser):
    """The default moves from one method to another in one save."""
    PaymentMethodFactory(method="credit_card", is_default=True, position=0)
    PaymentMethodFactory(method="multibanco", position=1)
    data = form_data(merchant_browser.get(CHANGE_URL))
    data["name"] = "Renamed"
    del data["payment_methods-0-is_default"]
    data["payment_methods-1-is_default"] = "on"

    response = merchant_browser.post(CHANGE_URL, data)

    assert response.status_code == 302, response.context["errors"]
    assert list(PaymentMethod.objects.filter(is_default=True).values_list("method", flat=True)) == ["multibanco"]
    assert Store.load().name == "Renamed"


def test_admin_refuses_two_default_payment_methods(merchant_browser):
    PaymentMethodFactory(method="credit_card", is_default=True, position=0)
    PaymentMethodFactory(method="multibanco", position=1)
    data = form_data(merchant_browser.get(CHANGE_URL))
    data["payment_methods-1-is_default"] = "on"

    response = merchant_browser.post(CHANGE_URL, data)

    assert response.status_code == 200
    assert "exactly one active payment method" in response.content.decode()
    assert PaymentMethod.objects.filter(is_default=True).count() == 1
