"""The merchant's e-mail about a failing webhook endpoint: sent once when a failure streak starts and once when the
endpoint is disabled, never per attempt; editable like the other e-mails (webhooks.alerts -> orders.notifications)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from orders.mail.overrides import save_email_template
from orders.mail.previews import preview_message
from orders.models import Notification, NotificationKind
from shopplatform.store.models import Store
from webhooks import delivery as delivery_machinery
from webhooks.models import Delivery

from .factories import DeliveryFactory, WebhookEndpointFactory

pytestmark = pytest.mark.django_db

Kind = NotificationKind


@pytest.fixture
def merchant(db):
    store = Store.load()
    store.name, store.email = "Casa Azul", "owner@casa-azul.test"
    store.save()
    return store


@pytest.fixture
def attempt(django_capture_on_commit_callbacks):
    """Run one delivery attempt and the e-mails it leaves for after commit."""

    def run(delivery: Delivery) -> None:
        with django_capture_on_commit_callbacks(execute=True):
            delivery_machinery.attempt_delivery(delivery_id=delivery.pk)

    return run


def subscribe(receiver, **fields):
    endpoint = WebhookEndpointFactory(url=receiver.url("/hook"), **fields)
    receiver.secret = endpoint.secret
    return endpoint


def webhook_mails() -> list:
    return [message for message in mail.outbox if "Webhook endpoint" in message.subject]


def test_first_failure_e_mails_the_merchant_with_the_url_and_the_answer(receiver, merchant, attempt):
    receiver.statuses = [503]
    endpoint = subscribe(receiver)

    attempt(DeliveryFactory(endpoint=endpoint))

    [message] = webhook_mails()
    assert message.to == ["owner@casa-azul.test"]
    assert message.subject == f"Webhook endpoint failing: {endpoint.url}"
    assert "last answer: HTTP 503" in message.body
    assert f"/admin/webhooks/webhookendpoint/{endpoint.pk}/change/" in message.body
    assert "after 3 days, the endpoint is disabled" in message.body


def test_further_failures_of_the_same_streak_send_nothing_more(receiver, merchant, attempt):
    receiver.statuses = [500]
    endpoint = subscribe(receiver)

    for _ in range(3):
        attempt(DeliveryFactory(endpoint=endpoint))

    assert len(webhook_mails()) == 1
    assert Notification.objects.filter(kind=Kind.MERCHANT_WEBHOOK_FAILING).count() == 1


def test_a_new_streak_after_a_success_is_told_again(receiver, merchant, attempt):
    receiver.statuses = [500, 200, 500]
    endpoint = subscribe(receiver)

    for _ in range(3):
        attempt(DeliveryFactory(endpoint=endpoint))

    assert len(webhook_mails()) == 2


def test_disabling_after_days_of_failures_e_mails_that_it_was_disabled(receiver, merchant, attempt):
    receiver.statuses = [500]
    endpoint = subscribe(receiver, failing_since=timezone.now() - timedelta(days=3, minutes=1))

    attempt(DeliveryFactory(endpoint=endpoint))
    attempt(DeliveryFactory(endpoint=endpoint))  # a ping to the disabled endpoint is not told again

    [message] = webhook_mails()
    assert message.subject == f"Webhook endpoint disabled: {endpoint.url}"
    assert "Deliveries kept failing for 3 days." in message.body
    assert "no longer sends events to it" in message.body


def test_a_410_gone_tells_the_merchant_it_was_disabled(receiver, merchant, attempt):
    receiver.statuses = [410]
    endpoint = subscribe(receiver)

    attempt(DeliveryFactory(endpoint=endpoint))

    [message] = webhook_mails()
    assert "The endpoint answered 410 Gone." in message.body


def test_no_e_mail_while_the_store_has_no_address(receiver, attempt, db):
    receiver.statuses = [500]

    attempt(DeliveryFactory(endpoint=subscribe(receiver)))

    assert webhook_mails() == []


def test_the_merchant_can_reword_it_with_the_endpoints_placeholders(receiver, merchant, attempt):
    save_email_template(
        kind=Kind.MERCHANT_WEBHOOK_FAILING,
        subject="Integration down ({{ endpoint.state }})",
        body="{{ endpoint.url }} answered {{ endpoint.error }}.\n\nFix it: {{ endpoint.admin_url }}",
    )
    receiver.statuses = [502]
    endpoint = subscribe(receiver)

    attempt(DeliveryFactory(endpoint=endpoint))

    [message] = [item for item in mail.outbox if item.subject.startswith("Integration down")]
    assert message.subject == "Integration down (failing)"
    assert f"{endpoint.url} answered HTTP 502." in message.body


def test_preview_renders_without_any_endpoint_or_order(merchant):
    message = preview_message(kind=Kind.MERCHANT_WEBHOOK_FAILING, recipient="staff@casa-azul.test")

    assert message.subject == "Webhook endpoint failing: https://erp.example.com/hooks/shop"
    assert "last answer: HTTP 503" in message.body
