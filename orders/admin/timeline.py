"""The order page's timeline: status changes, refunds, the invoice, order.* events with their webhook deliveries,
and the e-mails sent, newest first.

Events are found by the order's id inside their payload, within the order's lifetime (`created_at` is indexed, so
the scan is bounded by time) and capped at `EVENT_LIMIT`; deliveries come in one query for all of them.
"""

from dataclasses import dataclass
from datetime import datetime

from shopplatform.forms import money
from webhooks.models import Delivery, Event

from ..models import Order

EVENT_LIMIT = 100


@dataclass(frozen=True)
class Entry:
    at: datetime
    kind: str  # status, refund, invoice, event, delivery, email
    title: str
    detail: str = ""


def order_timeline(order: Order) -> list[Entry]:
    """Everything that happened to `order`, newest first."""
    entries = [*_status_changes(order), *_refunds(order), *_invoice(order), *_events(order), *_emails(order)]
    return sorted(entries, key=lambda entry: entry.at, reverse=True)


def _who(user) -> str:
    return f"by {user.get_username()}" if user else "by the shop"


def _status_changes(order: Order):
    for change in order.status_changes.select_related("changed_by"):
        source = change.get_from_status_display() or "New"
        detail = " · ".join(part for part in (_who(change.changed_by), change.note) if part)
        yield Entry(change.created_at, "status", f"{source} → {change.get_to_status_display()}", detail)


def _refunds(order: Order):
    for refund in order.refunds.select_related("created_by"):
        title = f"Refunded {money(refund.amount_cents, refund.currency)} to {refund.get_channel_display().lower()}"
        detail = " · ".join(part for part in (_who(refund.created_by), refund.reason) if part)
        yield Entry(refund.created_at, "refund", title, detail)


def _invoice(order: Order):
    invoice = getattr(order, "invoice", None)
    if invoice is not None:
        yield Entry(invoice.issued_at, "invoice", f"Invoice {invoice.number} issued")


def _events(order: Order):
    events = list(
        Event.objects.filter(
            created_at__gte=order.created_at, type__startswith="order.", data__object__id=order.public_id
        ).order_by("-created_at")[:EVENT_LIMIT]
    )
    deliveries = Delivery.objects.filter(event__in=events).select_related("endpoint", "event")
    for event in events:
        yield Entry(event.created_at, "event", f"Event {event.type}")
    for delivery in deliveries:
        code = f" (HTTP {delivery.last_status_code})" if delivery.last_status_code else ""
        detail = f"{delivery.get_status_display()}{code} after {delivery.attempts} attempt(s)"
        if delivery.last_error:
            detail += f": {delivery.last_error[:120]}"
        title = f"Webhook {delivery.event.type} to {delivery.endpoint.url}"
        yield Entry(delivery.delivered_at or delivery.created_at, "delivery", title, detail)


def _emails(order: Order):
    for notification in order.notifications.all():
        if notification.sent_at:
            state = "sent"
        elif notification.last_error:
            state = f"not sent yet ({notification.attempts} attempt(s)): {notification.last_error}"
        else:
            state = "queued"
        title = f"E-mail “{notification.get_kind_display()}” to {notification.recipient}"
        yield Entry(notification.sent_at or notification.created_at, "email", title, state)
