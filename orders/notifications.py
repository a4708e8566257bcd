"""Deciding which transactional e-mails an event causes; orders.mail renders and sends them.

Services call these inside their transaction. Each e-mail is one Notification row, unique per (kind, key): the
row is written in the caller's transaction and the sending task is enqueued on commit, so a rolled-back operation
sends nothing, and a second status change, a retried task or a replayed payment webhook finds the row and sends
nothing twice. The message is rendered when the task runs, from the order as committed, so tracking details saved
in the same edit as the "sent" status are in the shipped e-mail.
"""

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, transaction
from django.utils import timezone

from shopplatform.store.models import Store
from webhooks.models import DeliveryAttempt

from .models import Notification, NotificationKind, Order, OrderLine, OrderStatus
from .tasks import send_notifications_task

Kind = NotificationKind

# Status changes that tell the buyer; `refunded` is decided by the money that went back, not by the status.
STATUS_NOTIFICATIONS = {
    OrderStatus.SENT: Kind.ORDER_SHIPPED,
    OrderStatus.DELIVERED: Kind.ORDER_DELIVERED,
    OrderStatus.CANCELED: Kind.ORDER_CANCELED,
}
# The "find my order" form e-mails one link per order per this many seconds, whatever is typed into it.
ORDER_LINK_WINDOW_SECONDS = 600


def notify(
    *, kind: str, key: str, recipient: str, order: Order | None = None, context: dict | None = None
) -> Notification | None:
    """Record an e-mail and send it after commit; None when there is no recipient or it was recorded before."""
    return _first(
        notify_all([Notification(kind=kind, key=key, recipient=recipient, order=order, context=context or {})])
    )


def notify_all(notifications: list[Notification]) -> list[Notification]:
    """Record several e-mails in one statement and send them after commit, in one message; return those recorded
    (not those without a recipient, nor those recorded before)."""
    recorded = _recorded_once([notification for notification in notifications if notification.recipient])
    with one_message():  # alone, a message of its own; inside an operation's block, that block's message
        _open_batch.ids += [notification.pk for notification in recorded]
    return recorded


_open_batch = threading.local()


@contextmanager
def one_message() -> Iterator[None]:
    """The e-mails recorded inside are sent by one task message after commit, not one message each (publishing a
    Celery message costs a checkout about 1.5 ms); `notify` alone is a block of one. The message is queued at the
    savepoint level this block runs at, so it goes with the rows it names if that savepoint rolls back. Inside
    another such block, the outer one sends them."""
    if getattr(_open_batch, "ids", None) is not None:
        yield
        return
    _open_batch.ids = ids = []
    try:
        yield
    finally:
        _open_batch.ids = None
        if ids:
            transaction.on_commit(lambda: send_notifications_task.delay(ids))


def _recorded_once(notifications: list[Notification]) -> list[Notification]:
    """Insert the rows whose (kind, key) is not recorded yet, in one statement and no savepoint (every checkout
    records two); return those inserted."""
    if not notifications:
        return []
    fields = [field for field in Notification._meta.concrete_fields if not field.primary_key]
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    row = f"({', '.join(['%s'] * len(fields))})"
    values = [
        field.get_db_prep_save(field.pre_save(notification, True), connection)
        for notification in notifications
        for field in fields
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {Notification._meta.db_table} ({columns}) VALUES {', '.join([row] * len(notifications))}"  # noqa: S608
            " ON CONFLICT (kind, key) DO NOTHING RETURNING id, kind, key",
            values,
        )
        inserted = {(kind, key): pk for pk, kind, key in cursor.fetchall()}
    recorded = []
    for notification in notifications:
        pk = inserted.get((notification.kind, notification.key))
        if pk is not None:
            notification.pk, notification._state.adding, notification._state.db = pk, False, connection.alias
            recorded.append(notification)
    return recorded


def notify_buyer(order: Order, kind: str, **context) -> Notification | None:
    """Record one of the buyer's e-mails about this order."""
    return _first(notify_all([_to_buyer(order, kind, **context)]))


def notify_merchant(
    kind: str, *, key: str, order: Order | None = None, store: Store | None = None, **context
) -> Notification | None:
    """Record an e-mail to the store's address (none is sent while the store has no e-mail address); `store` is
    the settings row when the caller has read it in this transaction."""
    return _first(notify_all([_to_merchant(kind, key=key, order=order, store=store, **context)]))


def _to_buyer(order: Order, kind: str, **context) -> Notification:
    return Notification(kind=kind, key=order.public_id, recipient=order.email, order=order, context=context)


def _to_merchant(kind: str, *, key: str, order: Order | None, store: Store | None, **context) -> Notification:
    recipient = (store or Store.load()).email
    return Notification(kind=kind, key=key, recipient=recipient, order=order, context=context)


def _first(recorded: list[Notification]) -> Notification | None:
    return recorded[0] if recorded else None


def notify_order_placed(order: Order, *, store: Store | None = None) -> None:
    """The buyer's confirmation and the merchant's new-order e-mail (one statement); downloads at once when already
    paid."""
    with one_message():
        notify_all(
            [
                _to_buyer(order, Kind.ORDER_CONFIRMATION),
                _to_merchant(Kind.MERCHANT_NEW_ORDER, key=order.public_id, order=order, store=store),
            ]
        )
        if order.paid:
            _notify_downloads(order)


def notify_order_paid(order: Order) -> None:
    """The payment arrived after checkout: say so, and hand over any downloads."""
    with one_message():
        notify_buyer(order, Kind.PAYMENT_RECEIVED)
        _notify_downloads(order)


def notify_status_changed(order: Order, *, refunded_cents: int = 0) -> None:
    """Tell the buyer about a shipped, delivered or canceled order, and about money given back."""
    with one_message():
        if order.status in STATUS_NOTIFICATIONS:
            notify_buyer(order, STATUS_NOTIFICATIONS[order.status])
        if refunded_cents > 0:
            notify_buyer(order, Kind.ORDER_REFUNDED, refunded_cents=refunded_cents)


def notify_low_stock(*, target_id: str, title: str, quantity: int, order: Order) -> None:
    """Tell the merchant an item fell to its low-stock threshold (once per order that crossed it)."""
    notify_merchant(
        Kind.MERCHANT_LOW_STOCK,
        key=f"{target_id}:{order.public_id}",
        order=order,
        target_id=target_id,
        title=title,
        quantity=quantity,
    )


def notify_webhook_endpoint(*, endpoint, state: str) -> None:
    """Tell the merchant a webhook endpoint started failing or was disabled (webhooks.alerts listener): once per
    streak and state, with the last attempt's answer; the endpoint row is as webhooks.delivery just updated it."""
    moment = endpoint.disabled_at if state == "disabled" else endpoint.failing_since
    last = DeliveryAttempt.objects.filter(delivery__endpoint=endpoint).order_by("-pk").first()
    if last is None:
        error = ""
    elif last.response_status is not None:
        error = f"HTTP {last.response_status}"
    else:
        error = last.error
    notify_merchant(
        Kind.MERCHANT_WEBHOOK_FAILING,
        key=f"{endpoint.public_id}:{state}:{moment.isoformat()}",
        endpoint_pk=endpoint.pk,
        endpoint_id=endpoint.public_id,
        url=endpoint.url,
        state=state,
        since=(endpoint.failing_since or moment).isoformat(),
        reason=endpoint.disabled_reason if state == "disabled" else "",
        error=error[:255],
    )


def notify_wallet_credit(entry) -> None:
    """Tell a customer money reached their wallet; an order refund is told by the order's own refund e-mail."""
    if entry.kind == "refund" and entry.order_reference:
        return
    customer = entry.wallet.customer
    notify(
        kind=Kind.WALLET_CREDITED,
        key=entry.public_id,
        recipient=customer.email,
        context={
            "amount_cents": entry.amount_cents,
            "balance_cents": entry.balance_after_cents,
            "currency": entry.wallet.currency,
            "note": entry.note,
        },
    )


@transaction.atomic
def email_order_link(*, order: Order) -> Notification | None:
    """E-mail the order's signed link to the address it was placed with; at most one per order per window."""
    window = int(timezone.now().timestamp()) // ORDER_LINK_WINDOW_SECONDS
    return notify(kind=Kind.ORDER_LINK, key=f"{order.public_id}:{window}", recipient=order.email, order=order)


def _notify_downloads(order: Order) -> None:
    if OrderLine.objects.filter(order=order, product__ships=False).exists():
        notify_buyer(order, Kind.DOWNLOAD_READY)
