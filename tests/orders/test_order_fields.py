"""Merchant fields of the order object (observations, custom_field, expected arrival window, tax_exemption,
tags) edited through PATCH /orders/{id} and the admin, and the country name in order addresses."""

import pytest
from django.urls import reverse

from orders.models import Order
from webhooks.models import Event

URL = "/api/v1/orders"
pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("boss", "boss@example.com", "boss-pass-123")
    client.force_login(user)
    return client


def patch(client, order, body):
    return client.patch(f"{URL}/{order.public_id}", body, format="json")


def test_new_order_shows_the_fields_empty(staff_client, place_order):
    body = staff_client.get(f"{URL}/{place_order().public_id}").json()

    assert {
        name: body[name]
        for name in (
            "observations",
            "custom_field",
            "expected_arrival_from",
            "expected_arrival_until",
            "tax_exemption",
            "tags",
        )
    } == {
        "observations": "",
        "custom_field": "",
        "expected_arrival_from": None,
        "expected_arrival_until": None,
        "tax_exemption": None,
        "tags": [],
    }


def test_staff_patch_sets_every_field_and_emits_order_updated(staff_client, place_order):
    order = place_order()

    body = patch(
        staff_client,
        order,
        {
            "observations": "Call before delivery",
            "custom_field": "PO-778",
            "expected_arrival_from": "2026-12-01",
            "expected_arrival_until": "2026-12-03",
            "tax_exemption": "M07",
            "tags": ["gift", "vip"],
        },
    ).json()

    assert (body["observations"], body["custom_field"], body["tax_exemption"]) == (
        "Call before delivery",
        "PO-778",
        "M07",
    )
    assert (body["expected_arrival_from"], body["expected_arrival_until"]) == ("2026-12-01", "2026-12-03")
    assert body["tags"] == ["gift", "vip"]
    assert Event.objects.filter(type="order.updated").count() == 1


def test_arrival_from_after_until_is_400_naming_the_field(staff_client, place_order):
    order = place_order()

    response = patch(
        staff_client, order, {"expected_arrival_from": "2026-12-05", "expected_arrival_until": "2026-12-01"}
    )

    assert response.status_code == 400
    assert response.json()["param"] == "expected_arrival_from"


def test_arrival_window_is_checked_against_the_stored_end(staff_client, place_order):
    order = place_order()
    patch(staff_client, order, {"expected_arrival_until": "2026-12-01"})

    response = patch(staff_client, order, {"expected_arrival_from": "2026-12-02"})

    assert response.status_code == 400
    assert Order.objects.get(pk=order.pk).expected_arrival_from is None


def test_malformed_arrival_date_is_400(staff_client, place_order):
    response = patch(staff_client, place_order(), {"expected_arrival_from": "next week"})

    assert response.status_code == 400


def test_tags_are_deduplicated_in_order(staff_client, place_order):
    body = patch(staff_client, place_order(), {"tags": ["vip", " gift", "vip"]}).json()

    assert body["tags"] == ["vip", "gift"]


@pytest.mark.parametrize("tags", [["x" * 41], [""], [f"t{n}" for n in range(21)], [{"title": "vip"}], "vip"])
def test_invalid_tags_are_400(staff_client, place_order, tags):
    response = patch(staff_client, place_order(), {"tags": tags})

    assert response.status_code == 400


def test_null_tax_exemption_clears_it(staff_client, place_order):
    order = place_order()
    patch(staff_client, order, {"tax_exemption": "M07"})

    body = patch(staff_client, order, {"tax_exemption": None}).json()

    assert body["tax_exemption"] is None


def test_customers_cannot_edit_the_fields(customer_client, buyer, place_order):
    response = patch(customer_client, place_order(customer=buyer), {"observations": "mine"})

    assert response.status_code == 403


def test_order_addresses_carry_the_country_name(staff_client, place_order, store):
    store.locale = "en"
    store.save()

    client = staff_client.get(f"{URL}/{place_order().public_id}").json()["client"]

    assert (client["delivery"]["country_code"], client["delivery"]["country"]) == ("PRT", "Portugal - Continental")
    assert client["billing"]["country"] == "Portugal - Continental"


def test_admin_refuses_an_inverted_arrival_window(admin_client, place_order):
    order = place_order()
    url = reverse("admin:orders_order_change", args=[order.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if name in form.fields and value is not None}
    data |= {"expected_arrival_from": "2026-12-05", "expected_arrival_until": "2026-12-01", "tags": "[]"}
    data |= {f"{prefix}-{key}": 0 for prefix in ("lines", "status_changes") for key in ("TOTAL_FORMS", "INITIAL_FORMS")}

    response = admin_client.post(url, data)

    assert response.status_code == 200  # the form comes back with the error
    assert "expected_arrival_from" in response.context["adminform"].form.errors
    assert Order.objects.get(pk=order.pk).expected_arrival_from is None
