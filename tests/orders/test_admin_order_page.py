"""The order page in the back-office: buttons for exactly the allowed transitions, mark paid, fulfil, refusals in
words, the confirmation before a cancel that refunds, formatted addresses and money, and the timeline."""

import pytest
from django.urls import reverse

from orders.models import ALLOWED_TRANSITIONS
from orders.services import change_order_status, mark_order_paid
from webhooks.models import Event

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def page(admin_client, order):
    return admin_client.get(reverse("admin:orders_order_change", args=[order.pk]))


def status_url(order, status):
    return reverse("admin:orders_order_status", args=[order.pk, status])


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_page_shows_a_button_for_each_allowed_transition_and_no_other(admin_client, place_order):
    order = place_order("bank_transfer")  # waiting_payment

    body = page(admin_client, order).content.decode()

    for status in ALLOWED_TRANSITIONS[order.status]:
        assert f'action="{status_url(order, status)}"' in body or f'href="{status_url(order, status)}"' in body
    for status in set(ALLOWED_TRANSITIONS) - ALLOWED_TRANSITIONS[order.status]:
        assert status_url(order, status) not in body
    assert reverse("admin:orders_order_pay", args=[order.pk]) in body


def test_status_button_changes_the_status_through_the_workflow(admin_client, place_order):
    order = place_order("pick_up")

    response = admin_client.post(status_url(order, "processing"), follow=True)

    order.refresh_from_db()
    assert order.status == "processing"
    assert order.status_changes.last().changed_by is not None
    assert Event.objects.filter(type="order.status_changed").exists()
    assert f"Order #{order.number} is now Processing." in messages_of(response)


def test_refused_transition_is_said_in_words(admin_client, place_order):
    order = place_order("bank_transfer")
    assert order.status == "waiting_payment"

    response = admin_client.post(status_url(order, "sent"), follow=True)

    order.refresh_from_db()
    assert order.status == "waiting_payment"
    [message] = messages_of(response)
    assert message.startswith(f"Order #{order.number} can't be marked Sent while it is waiting for payment.")
    assert "From there it can go to: Pending, Processing, Canceled." in message
    assert "ord_" not in message and "'waiting_payment'" not in message


def test_bulk_action_refusal_is_said_in_words(admin_client, place_order):
    order = place_order("bank_transfer")

    response = admin_client.post(
        reverse("admin:orders_order_changelist"),
        {"action": "change_status_to_sent", "_selected_action": [order.pk]},
        follow=True,
    )

    assert any(m.startswith(f"Order #{order.number} can't be marked Sent") for m in messages_of(response))


def test_mark_paid_button_records_the_payment(admin_client, place_order):
    order = place_order("bank_transfer")

    admin_client.post(reverse("admin:orders_order_pay", args=[order.pk]))

    order.refresh_from_db()
    assert (order.paid, order.status) == (True, "processing")


def test_mark_paid_needs_post(admin_client, place_order):
    order = place_order("bank_transfer")

    response = admin_client.get(reverse("admin:orders_order_pay", args=[order.pk]))

    order.refresh_from_db()
    assert (response.status_code, order.paid) == (405, False)


def test_fulfil_records_tracking_and_marks_sent(admin_client, place_order):
    order = place_order("pick_up")
    change_order_status(order=order, status="processing")

    response = admin_client.post(
        reverse("admin:orders_order_fulfil", args=[order.pk]),
        {"fulfil-carrier": "dpd", "fulfil-tracking_code": "DPD123", "fulfil-tracking_url": "track.example/DPD123"},
        follow=True,
    )

    order.refresh_from_db()
    assert (order.status, order.tracking_carrier, order.tracking_code) == ("sent", "dpd", "DPD123")
    assert order.tracking_url == "https://track.example/DPD123"
    assert {"order.shipping", "order.sent"} <= set(Event.objects.values_list("type", flat=True))
    assert order.notifications.filter(kind="order_shipped").exists()
    assert f"Order #{order.number} is sent with DPD; the buyer was e-mailed." in messages_of(response)


def test_fulfil_without_tracking_number_changes_nothing(admin_client, place_order):
    order = place_order("pick_up")
    change_order_status(order=order, status="processing")

    response = admin_client.post(
        reverse("admin:orders_order_fulfil", args=[order.pk]), {"fulfil-carrier": "dpd"}, follow=True
    )

    order.refresh_from_db()
    assert (order.status, order.tracking_carrier) == ("processing", "")
    assert messages_of(response) == ["Not sent: Tracking number: This field is required."]


def test_fulfil_refused_by_the_workflow_keeps_the_tracking_unset(admin_client, place_order):
    order = place_order("bank_transfer")  # waiting_payment cannot go to sent

    response = admin_client.post(
        reverse("admin:orders_order_fulfil", args=[order.pk]),
        {"fulfil-carrier": "ctt", "fulfil-tracking_code": "RR1"},
        follow=True,
    )

    order.refresh_from_db()
    assert (order.status, order.tracking_code) == ("waiting_payment", "")
    assert messages_of(response)[0].startswith(f"Order #{order.number} can't be marked Sent while it is waiting")


def test_cancelling_a_paid_order_asks_first_and_says_how_much_goes_back(admin_client, place_order, fund, buyer):
    fund(buyer, 100_00)
    order = place_order("wallet", customer=buyer)

    response = admin_client.get(status_url(order, "canceled"))

    order.refresh_from_db()
    assert order.status != "canceled"
    body = response.content.decode()
    total = f"{order.total_cents // 100},{order.total_cents % 100:02d}"
    assert "refunds" in body and total in body and "the buyer&#x27;s wallet" in body


def test_cancel_post_without_confirmation_of_a_paid_order_shows_the_question(admin_client, place_order, fund, buyer):
    fund(buyer, 100_00)
    order = place_order("wallet", customer=buyer)

    response = admin_client.post(status_url(order, "canceled"))

    order.refresh_from_db()
    assert (response.status_code, order.status, order.refunded_cents) == (200, "processing", 0)


def test_confirmed_cancel_refunds_and_records_the_refund(admin_client, place_order, fund, buyer):
    fund(buyer, 100_00)
    order = place_order("wallet", customer=buyer)

    admin_client.post(status_url(order, "canceled"), {"confirm": "1"})

    order.refresh_from_db()
    assert (order.status, order.refunded_cents) == ("canceled", order.total_cents)
    [refund] = order.refunds.all()
    assert (refund.amount_cents, refund.channel) == (order.total_cents, "wallet")


def test_addresses_and_money_are_formatted(admin_client, place_order):
    order = place_order("bank_transfer")

    body = page(admin_client, order).content.decode()

    assert "Rua Augusta 1<br>1100-048 Lisboa<br>Portugal<br>" in body
    assert '"country_code"' not in body
    assert "Total cents" not in body


def test_timeline_lists_status_changes_events_and_emails(admin_client, place_order):
    order = place_order("bank_transfer")
    mark_order_paid(order=order)

    response = page(admin_client, order)

    titles = [entry.title for entry in response.context["timeline"]]
    assert "Waiting payment → Processing" in titles
    assert "Event order.paid" in titles
    assert any(title.startswith("E-mail “Payment received”") for title in titles)


def test_list_shows_number_name_total_and_paid_status(admin_client, place_order):
    order = place_order("bank_transfer")

    body = admin_client.get(reverse("admin:orders_order_changelist")).content.decode()

    assert f">#{order.number}</a>" in body
    assert order.client["name"] and order.client["name"] in body
    assert "Unpaid" in body and "To fulfil" not in body


@pytest.mark.parametrize(
    ("term", "found"),
    [
        ("{number}", True),
        ("#{number}", True),
        ("{name}", True),
        ("Lisb", True),
        ("sboa", False),
        ("{email}", True),
        ("{sku}", True),
        ("nobody", False),
    ],
)
def test_search_by_number_name_city_email_and_sku(admin_client, place_order, product, term, found):
    product.sku = "TEA-POT-1"
    product.save()
    order = place_order("bank_transfer")
    order.lines.update(sku="TEA-POT-1")
    query = term.format(number=order.number, email=order.email, sku="TEA-POT-1", name=order.client["name"][:4])

    response = admin_client.get(reverse("admin:orders_order_changelist"), {"q": query})

    assert (order in response.context["cl"].result_list) is found
