"""Sending one recorded e-mail, at most once.

The task claims the row with a conditional UPDATE (`sent_at` from NULL to now) before the message leaves, so two
workers running the same message, or a retry after a success, find it claimed and send nothing. When the backend
refuses the message the claim is released and the error kept, and the task retries with backoff.
"""

from django.db.models import F
from django.utils import timezone

from ..models import Notification
from .messages import build_message


class MailNotSent(Exception):
    """The e-mail backend refused the message; the notification is unclaimed again for a retry."""


def send_notification(*, notification_id: int) -> bool:
    """Render and send the notification; False when it was already sent (or claimed) or no longer exists."""
    claimed = Notification.objects.filter(pk=notification_id, sent_at__isnull=True).update(
        sent_at=timezone.now(), attempts=F("attempts") + 1
    )
    if not claimed:
        return False
    notification = Notification.objects.select_related("order").get(pk=notification_id)
    try:
        build_message(notification).send()
    except Exception as exc:  # any backend (SMTP, anymail providers) failure: give the claim back, then retry
        Notification.objects.filter(pk=notification_id).update(sent_at=None, last_error=str(exc)[:255])
        raise MailNotSent(str(exc)) from exc
    return True
