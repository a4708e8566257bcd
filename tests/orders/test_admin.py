"""Back-office: status actions go through the workflow service; CSV export; coupon form validation."""

import pytest
from django.urls import reverse

from orders.models import Coupon
from webhooks.models import Event

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("boss", "boss@example.com", "boss-pass-123")
    client.force_login(user)
    return client


def test_status_action_changes_status_and_fires_events(admin_client, place_order):
    order = place_order("pick_up")

    admin_client.post(
        reverse("admin:orders_order_changelist"),
        {"action": "change_status_to_sent", "_selected_action": [order.pk]},
    )

    order.refresh_from_db()
    assert order.status == "sent"
    assert Event.objects.filter(type="order.sent").exists()


def test_illegal_status_action_leaves_the_order(admin_client, place_order):
    order = place_order("pick_up")

    admin_client.post(
        reverse("admin:orders_order_changelist"),
        {"action": "change_status_to_delivered", "_selected_action": [order.pk]},
    )

    order.refresh_from_db()
    assert order.status == "pending"


def test_mark_paid_action(admin_client, place_order):
    order = place_order("bank_transfer")

    admin_client.post(reverse("admin:orders_order_changelist"), {"action": "mark_paid", "_selected_action": [order.pk]})

    order.refresh_from_db()
    assert (order.paid, order.status) == (True, "processing")


def test_export_csv_lists_the_selected_orders(admin_client, place_order):
    order = place_order()

    response = admin_client.post(
        reverse("admin:orders_order_changelist"), {"action": "export_csv", "_selected_action": [order.pk]}
    )

    assert response["Content-Type"] == "text/csv"
    assert order.public_id in response.content.decode()


def test_order_change_page_and_filters_render(admin_client, place_order):
    order = place_order()

    assert admin_client.get(reverse("admin:orders_order_change", args=[order.pk])).status_code == 200
    assert admin_client.get(reverse("admin:orders_order_changelist"), {"status__exact": "pending"}).status_code == 200


def test_coupon_form_refuses_a_percent_over_100(admin_client):
    response = admin_client.post(
        reverse("admin:orders_coupon_add"),
        {"code": "HALF", "type": "percent", "value": 150, "applies_to": "all_orders", "limit": 0},
    )

    assert response.status_code == 200
    assert not Coupon.objects.exists()
