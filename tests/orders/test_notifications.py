"""Transactional e-mails: what each says, who gets it, and that none is ever sent twice."""

import pytest
from django.core import mail

from orders.models import Notification, Order
from orders.services import change_order_status, check_out_cart, create_cart, mark_order_paid, update_order
from orders.tasks import send_notification_task
from shopplatform.store.models import PaymentMethod
from wallet.services import adjust_balance, wallet_for_customer

from .factories import ProductFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(django_capture_on_commit_callbacks):
    """Run a block and let its after-commit work (the sending tasks) run, as a committed request would."""

    def run(operation, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return operation(*args, **kwargs)

    return run


@pytest.fixture
def shop(store):
    store.name, store.email = "Casa Azul", "orders@casa-azul.test"
    store.save()
    PaymentMethod.objects.filter(method="bank_transfer").update(message="Pay to IBAN PT50 0002 0123 1234 5678 9015 4")
    return store


@pytest.fixture
def placed(shop, make_cart, product, courier, sent):
    """A bank-transfer order of 2 x product (10.00 each) with courier shipping, placed with its e-mails sent."""
    cart = make_cart(None, [(product, 2)], shipping_method=courier.public_id)
    order, _ = sent(check_out_cart, cart=cart, payment_method="bank_transfer")
    return order


def messages_to(address, subject_part=""):
    return [message for message in mail.outbox if address in message.to and subject_part in message.subject]


def html_of(message) -> str:
    return next(content for content, mimetype in message.alternatives if mimetype == "text/html")


def test_confirmation_lists_lines_totals_address_instructions_and_the_order_link(placed):
    (message,) = messages_to(placed.email, "confirmed")

    assert message.subject == f"Order #{placed.number} confirmed — Casa Azul"
    body = message.body.replace("\xa0", " ")
    assert f"- {placed.lines.get().title}: 10,00 € x 2 = 20,00 €" in body
    assert "Shipping (Courier): 5,00 €" in body
    assert "Total: 25,00 €" in body
    assert "Portugal" in message.body and "PRT" not in message.body
    assert "Pay to IBAN PT50 0002 0123 1234 5678 9015 4" in message.body
    assert "/order/view/" in message.body
    assert "Casa Azul" in html_of(message) and f"#{placed.number}" in html_of(message)
    assert message.reply_to == ["orders@casa-azul.test"]


def test_merchant_is_told_of_the_new_order_with_a_back_office_link(placed):
    (message,) = messages_to("orders@casa-azul.test", "New order")

    assert f"#{placed.number}" in message.subject
    assert f"/admin/orders/order/{placed.pk}/change/" in message.body


def test_no_merchant_e_mail_while_the_store_has_no_address(store, make_cart, product, courier, sent):
    cart = make_cart(None, [(product, 1)], shipping_method=courier.public_id)

    sent(check_out_cart, cart=cart, payment_method="bank_transfer")

    assert [message.subject for message in mail.outbox if "New order" in message.subject] == []


def test_payment_received_is_sent_once_when_the_payment_is_recorded_twice(placed, sent):
    sent(mark_order_paid, order=placed)
    sent(mark_order_paid, order=placed)  # a replayed payment webhook

    assert len(messages_to(placed.email, "Payment received")) == 1


def test_a_retried_sending_task_sends_nothing_more(placed, sent):
    notification = Notification.objects.get(order=placed, kind="order_confirmation")

    send_notification_task.delay(notification.pk)
    send_notification_task.delay(notification.pk)

    assert len(messages_to(placed.email, "confirmed")) == 1


def test_shipped_e_mail_carries_carrier_tracking_code_and_link(placed, sent):
    sent(mark_order_paid, order=placed)
    sent(
        update_order,
        order=placed,
        status="sent",
        tracking_code="RR123456785PT",
        tracking_url="https://track.example/RR123456785PT",
        tracking_carrier="ctt",
    )

    (message,) = messages_to(placed.email, "on its way")
    assert "Carrier: ctt" in message.body
    assert "RR123456785PT" in message.body
    assert "https://track.example/RR123456785PT" in message.body


def test_delivered_e_mail_is_sent_when_the_order_is_delivered(placed, sent):
    sent(mark_order_paid, order=placed)
    sent(change_order_status, order=placed, status="sent")
    sent(change_order_status, order=placed, status="delivered")

    assert len(messages_to(placed.email, "was delivered")) == 1


def test_canceling_an_unpaid_order_says_nothing_was_charged_and_refunds_nothing(placed, sent):
    sent(change_order_status, order=placed, status="canceled")

    (message,) = messages_to(placed.email, "was canceled")
    assert "Nothing was charged." in message.body
    assert messages_to(placed.email, "Refund") == []


def test_canceling_a_wallet_order_sends_the_refund_amount_and_where_it_went(
    shop, buyer, make_cart, product, courier, fund, sent
):
    fund(buyer, 10_000)
    order, _ = sent(
        check_out_cart,
        cart=make_cart(buyer, [(product, 1)], shipping_method=courier.public_id),
        payment_method="wallet",
    )

    sent(change_order_status, order=order, status="canceled")

    (message,) = messages_to(order.email, "Refund")
    assert message.subject.replace("\xa0", " ") == f"Refund of 15,00 € for order #{order.number}"
    assert "your wallet in this store" in message.body
    assert messages_to(buyer.email, "added to your wallet") == []  # the refund e-mail already says it


def test_wallet_credit_by_staff_is_e_mailed_with_the_new_balance(shop, buyer, admin_user, sent):
    sent(adjust_balance, customer=buyer, amount_cents=2500, reason="Sorry for the delay", created_by=admin_user)

    (message,) = messages_to(buyer.email, "added to your wallet")
    assert "Sorry for the delay" in message.body
    assert "Your balance is now 25,00 €" in message.body.replace("\xa0", " ")
    assert wallet_for_customer(customer=buyer).balance_cents == 2500


def test_download_ready_is_sent_when_a_download_is_paid(shop, buyer, fund, sent):
    plugin = ProductFactory(title="CoolPlugin", price_cents=999, ships=False)
    fund(buyer, 5_000)
    cart = create_cart(customer=buyer, lines=[{"product": plugin.public_id}])

    order, _ = sent(check_out_cart, cart=cart, payment_method="wallet")

    (message,) = messages_to(order.email, "downloads")
    assert "CoolPlugin" in message.body
    assert "/account/downloads/" in message.body


def test_low_stock_is_told_to_the_merchant_once_when_checkout_crosses_the_threshold(shop, make_cart, courier, sent):
    vase = ProductFactory(title="Ceramic Vase", price_cents=1000, stock_enabled=True, stock_quantity=4, stock_notify=2)

    sent(
        check_out_cart,
        cart=make_cart(None, [(vase, 2)], shipping_method=courier.public_id),
        payment_method="bank_transfer",
    )
    sent(
        check_out_cart,
        cart=make_cart(None, [(vase, 1)], shipping_method=courier.public_id),
        payment_method="bank_transfer",
    )

    (message,) = messages_to("orders@casa-azul.test", "Low stock")
    assert message.subject == "Low stock: Ceramic Vase (2 left)"


def test_a_rolled_back_checkout_sends_nothing(shop, buyer, make_cart, product, courier, sent):
    cart = make_cart(buyer, [(product, 1)], shipping_method=courier.public_id)

    with pytest.raises(Exception, match="wallet"):
        sent(check_out_cart, cart=cart, payment_method="wallet")  # an empty wallet refuses the payment

    assert mail.outbox == []
    assert not Order.objects.exists()


def test_a_second_record_of_one_email_is_refused_and_the_transaction_goes_on(django_capture_on_commit_callbacks):
    from django.db import transaction

    from orders.notifications import notify

    with django_capture_on_commit_callbacks(execute=False) as callbacks, transaction.atomic():
        first = notify(kind="order_link", key="k-1", recipient="buyer@example.com", context={"n": 1})
        second = notify(kind="order_link", key="k-1", recipient="other@example.com", context={"n": 2})
        assert Notification.objects.count() == 1  # the refused insert left the transaction usable

    stored = Notification.objects.get()
    assert (first.pk, second) == (stored.pk, None)
    assert (stored.recipient, stored.context, stored.attempts, stored.sent_at) == (
        "buyer@example.com",
        {"n": 1},
        0,
        None,
    )
    assert stored.created_at is not None and not first._state.adding
    assert len(callbacks) == 1  # one sending task, for the recorded one
