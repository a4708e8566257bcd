"""Two restocks of one sold-out item at the same moment, on PostgreSQL: the waiting buyer gets one e-mail."""

import pytest
from django.core import mail

from catalog.services import StockLine, release_stock, update_product
from orders.back_in_stock import subscribe_to_stock
from orders.models import Notification, StockAlert
from tests.threads import run_in_threads

from .factories import ProductFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def waiting(store):
    product = ProductFactory(title="Ceramic Vase", stock_enabled=True, stock_quantity=0)
    subscribe_to_stock(product=product, email="ana@example.com")
    return product


def test_two_canceled_orders_giving_stock_back_at_once_send_one_e_mail(waiting):
    errors = run_in_threads(lambda quantity: release_stock(items=[StockLine(waiting, quantity)]), [2, 3])

    assert errors == []
    waiting.refresh_from_db()
    assert waiting.stock_quantity == 5
    assert Notification.objects.filter(kind="back_in_stock").count() == 1
    assert len([message for message in mail.outbox if "back in stock" in message.subject]) == 1
    assert StockAlert.objects.get().notified_at is not None


def test_two_merchants_restocking_at_once_send_one_e_mail(waiting):
    errors = run_in_threads(lambda quantity: update_product(product=waiting, stock_quantity=quantity), [5, 6])

    assert errors == []
    assert len([message for message in mail.outbox if "back in stock" in message.subject]) == 1
