"""Customer addresses are edited inline; the customer service then reports the customer with them."""

import pytest
from django.urls import reverse

from tests.factories import CustomerFactory
from webhooks.models import Event

from .conftest import form_data

pytestmark = pytest.mark.django_db


def test_adding_an_address_inline_reports_the_customer_with_it(admin_browser):
    customer = CustomerFactory()
    url = reverse("admin:accounts_customer_change", args=[customer.pk])
    address = {"addresses-TOTAL_FORMS": 1, "addresses-0-kind": "delivery", "addresses-0-is_default": True}
    address |= {"addresses-0-name": "Ana", "addresses-0-address": "Rua Augusta 1", "addresses-0-city": "Lisboa"}
    address |= {"addresses-0-zip_code": "1100-053", "addresses-0-country_code": "PRT"}
    data = form_data(admin_browser.get(url), **address)

    response = admin_browser.post(url, data)

    assert response.status_code == 302, response.context["errors"]
    event = Event.objects.filter(type="customer.updated").get()
    assert event.data["object"]["delivery"]["city"] == "Lisboa"
