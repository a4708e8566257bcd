"""Orders tasks: abandoned-cart reminders and transactional e-mails. Each imports the service it runs inside its
body (the rule that keeps tasks out of import cycles: services may enqueue tasks, tasks never load services at
import time)."""

import logging

from celery import shared_task

logger = logging.getLogger(__name__)


@shared_task
def send_abandoned_cart_reminders_task() -> int:
    """E-mail due abandoned-cart reminders; safe to run any number of times (each cart is reminded once)."""
    from .mail.reminders import send_abandoned_cart_reminders

    return send_abandoned_cart_reminders()


@shared_task(bind=True, max_retries=5)
def send_notification_task(self, notification_id: int) -> bool:
    """Send one recorded transactional e-mail; a second run finds it claimed and sends nothing."""
    from .mail.sending import MailNotSent, send_notification

    try:
        return send_notification(notification_id=notification_id)
    except MailNotSent as exc:
        if self.request.is_eager:
            # Without a broker the task runs inside the web request that committed: the row stays unsent and
            # the failure is logged, rather than turning a placed order into an error page.
            logger.warning("E-mail %s not sent: %s", notification_id, exc)
            return False
        raise self.retry(exc=exc, countdown=30 * 2**self.request.retries) from exc


@shared_task(bind=True, max_retries=5)
def send_notifications_task(self, notification_ids: list[int]) -> list[int]:
    """Send the e-mails one operation recorded (an order's confirmation and the merchant's notice) from one task
    message; return the ids sent. Those that fail are retried together; the others are not sent again."""
    from .mail.sending import MailNotSent, send_notification

    sent, failed, error = [], [], None
    for notification_id in notification_ids:
        try:
            if send_notification(notification_id=notification_id):
                sent.append(notification_id)
        except MailNotSent as exc:
            failed.append(notification_id)
            error = exc
    if not failed:
        return sent
    if self.request.is_eager:  # as send_notification_task: never an error page for a placed order
        logger.warning("E-mails %s not sent: %s", failed, error)
        return sent
    raise self.retry(args=(failed,), exc=error, countdown=30 * 2**self.request.retries)
