"""An operation's e-mails go out from one task message: an order's confirmation and the merchant's notice are one
Celery publish after commit, not one each; a failed sending keeps its row for another try and never fails the
order."""

import smtplib
import socket

import pytest
from celery.exceptions import Retry
from celery.signals import task_prerun
from django.core import mail
from django.core.mail.backends import locmem
from django.db import transaction

from orders.models import Notification
from orders.notifications import notify_buyer, one_message
from orders.services import check_out_cart, mark_order_paid
from orders.tasks import send_notifications_task

pytestmark = pytest.mark.django_db

MERCHANT = "orders@casa-azul.test"


class RefusingMerchantBackend(locmem.EmailBackend):
    """A mail provider that refuses the merchant's address and takes the buyer's."""

    def send_messages(self, messages):
        if any(MERCHANT in message.to for message in messages):
            raise smtplib.SMTPRecipientsRefused({MERCHANT: (550, b"mailbox unavailable")})
        return super().send_messages(messages)


@pytest.fixture
def task_runs():
    """(task name, args) of every task run, eager ones included, as Celery announces them."""
    runs = []

    def record(sender=None, args=None, **kwargs):
        runs.append((sender.name.rsplit(".", 1)[-1], list(args)))

    task_prerun.connect(record, weak=False)
    yield runs
    task_prerun.disconnect(record)


@pytest.fixture
def shop(store):
    store.email = MERCHANT
    store.save()
    return store


@pytest.fixture
def cart(shop, make_cart, product, courier):
    return make_cart(None, [(product, 1)], shipping_method=courier.public_id)


def test_the_confirmation_and_the_merchants_notice_go_in_one_task_message(
    cart, task_runs, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        order, _ = check_out_cart(cart=cart, payment_method="bank_transfer")

    recorded = sorted(Notification.objects.filter(order=order).values_list("pk", flat=True))
    e_mail_tasks = [(name, args) for name, args in task_runs if name.startswith("send_notification")]
    assert len(recorded) == 2
    assert e_mail_tasks == [("send_notifications_task", [recorded])]
    assert sorted(message.to[0] for message in mail.outbox) == sorted([order.email, MERCHANT])
    assert not Notification.objects.filter(order=order, sent_at__isnull=True).exists()


def test_nothing_is_queued_when_the_block_is_rolled_back(cart, task_runs, django_capture_on_commit_callbacks):
    order, _ = check_out_cart(cart=cart, payment_method="bank_transfer")
    mail.outbox.clear()

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        with one_message():
            notify_buyer(order, "payment_received")
        raise RuntimeError("the operation failed after recording its e-mail")

    assert callbacks == [] and mail.outbox == []
    assert not Notification.objects.filter(order=order, kind="payment_received").exists()


def test_blocks_inside_a_block_are_sent_by_the_outer_one(cart, task_runs, django_capture_on_commit_callbacks):
    order, _ = check_out_cart(cart=cart, payment_method="bank_transfer")
    task_runs.clear()

    with django_capture_on_commit_callbacks(execute=True), one_message():
        mark_order_paid(order=order)  # payment received, in a block of its own
        notify_buyer(order, "order_shipped")

    (run,) = [args for name, args in task_runs if name == "send_notifications_task"]
    assert sorted(run[0]) == sorted(
        Notification.objects.filter(order=order, kind__in=["payment_received", "order_shipped"]).values_list(
            "pk", flat=True
        )
    )


def test_an_already_sent_e_mail_in_the_message_is_not_sent_again(cart, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        order, _ = check_out_cart(cart=cart, payment_method="bank_transfer")
    ids = list(Notification.objects.filter(order=order).values_list("pk", flat=True))

    assert send_notifications_task.delay(ids).get() == []
    assert len(mail.outbox) == 2


def test_a_mail_server_that_is_down_keeps_the_rows_for_another_try_and_the_order_placed(
    cart, settings, caplog, django_capture_on_commit_callbacks
):
    with socket.socket() as closed:  # a port nothing listens on: the SMTP client's connection is refused
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 2

    with django_capture_on_commit_callbacks(execute=True):
        order, created = check_out_cart(cart=cart, payment_method="bank_transfer")

    assert created and order.pk
    unsent = Notification.objects.filter(order=order, sent_at__isnull=True)
    assert unsent.count() == 2 and all(row.last_error for row in unsent)
    assert "not sent" in caplog.text and all(str(pk) in caplog.text for pk in unsent.values_list("pk", flat=True))


def test_with_a_broker_only_the_failed_e_mails_are_retried(cart, settings, task_runs):
    order, _ = check_out_cart(cart=cart, payment_method="bank_transfer")  # its message is never run: no commit
    confirmation, notice = (
        Notification.objects.get(order=order, kind=kind).pk for kind in ("order_confirmation", "merchant_new_order")
    )
    settings.EMAIL_BACKEND = f"{__name__}.RefusingMerchantBackend"

    send_notifications_task.push_request(id="task-1", is_eager=False, retries=0, called_directly=False)
    try:
        with pytest.raises(Retry):
            send_notifications_task.run([confirmation, notice])
    finally:
        send_notifications_task.pop_request()

    assert [message.to for message in mail.outbox] == [[order.email]]  # sent once, not again by the retry
    assert task_runs == [("send_notifications_task", [[notice]])]  # the retry (run at once here) names the notice only
    assert Notification.objects.get(pk=confirmation).sent_at is not None
    assert Notification.objects.get(pk=notice).sent_at is None
    assert "mailbox unavailable" in Notification.objects.get(pk=notice).last_error
