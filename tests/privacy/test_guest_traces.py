"""A guest who only asked to hear when a product is back, and the e-mails sent to an address, are part of what a
privacy request covers: exported, then forgotten on erasure (the e-mail rows stay, without the address, so nothing
is sent twice)."""

import json

import pytest

from orders.back_in_stock import subscribe_to_stock
from orders.models import Notification, NotificationKind, StockAlert
from tests.catalog.factories import ProductFactory

from .conftest import link_in_last_mail

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.feeds.site_urls")]


@pytest.fixture
def guest_traces():
    sold_out = ProductFactory(title="Linen apron", stock_enabled=True, stock_quantity=0)
    subscribe_to_stock(product=sold_out, email="Ana@Example.com")
    Notification.objects.create(
        kind=NotificationKind.ORDER_LINK, key="ord_1", recipient="ana@example.com", context={"name": "Ana"}
    )
    subscribe_to_stock(product=sold_out, email="rui@example.com")
    return sold_out


def test_export_lists_the_guests_stock_alerts_and_emails_sent(guest_traces, fulfil, client):
    fulfil(kind="export")
    archive = json.loads(b"".join(client.get(link_in_last_mail("exports")).streaming_content))

    assert [(alert["product"], alert["email"]) for alert in archive["stock_alerts"]] == [
        ("Linen apron", "ana@example.com")
    ]
    sent = [(row["kind"], row["recipient"]) for row in archive["emails_sent"]]
    assert ("order_link", "ana@example.com") in sent


def test_erasure_forgets_the_guests_alerts_and_the_address_of_emails_sent(guest_traces, fulfil):
    privacy_request = fulfil(kind="erase")

    assert privacy_request.status == "completed"
    assert list(StockAlert.objects.values_list("email", flat=True)) == ["rui@example.com"]
    order_link = Notification.objects.get(kind=NotificationKind.ORDER_LINK)
    assert (order_link.recipient, order_link.context) == ("", {})
    assert not Notification.objects.filter(recipient__iexact="ana@example.com").exists()
