"""Abandoned-cart reminders (the store's abandoned-cart settings): due carts get one e-mail with the store's templates."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from orders.mail.reminders import fill_template
from orders.models import Cart
from orders.tasks import send_abandoned_cart_reminders_task
from tests.accounts.factories import RegisteredCustomerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reminders_on(store):
    store.carts_automatic_notifications = True
    store.carts_send_after = 2
    store.carts_email_subject = "{{ cart.client_name|first_word }}, you left products in your cart"
    store.carts_email_lead = "Complete your order, {{ cart.client_name }}."
    store.carts_coupon = "COMEBACK"
    store.save()
    return store


@pytest.fixture
def stale_cart(make_cart, product):
    cart = make_cart(RegisteredCustomerFactory(name="Ana Silva"), [(product, 1)])
    Cart.objects.filter(pk=cart.pk).update(updated_at=timezone.now() - timedelta(hours=3))
    return cart


def test_template_placeholders_are_filled():
    assert fill_template("Hi {{ cart.client_name|first_word }}!", client_name="Ana Silva") == "Hi Ana!"


def test_due_cart_gets_one_reminder_with_the_coupon(reminders_on, stale_cart):
    send_abandoned_cart_reminders_task.delay()
    send_abandoned_cart_reminders_task.delay()

    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Ana, you left products in your cart"
    assert "COMEBACK" in mail.outbox[0].body


def test_recent_carts_are_not_reminded(reminders_on, make_cart, product):
    make_cart(RegisteredCustomerFactory(), [(product, 1)])

    send_abandoned_cart_reminders_task.delay()

    assert mail.outbox == []


def test_nothing_is_sent_when_notifications_are_off(store, stale_cart):
    send_abandoned_cart_reminders_task.delay()

    assert mail.outbox == []
