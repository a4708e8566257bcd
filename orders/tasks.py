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
def send_notifications_task(self, notification_ids: list[int]) -> list[int]:
    """Send the e-mails one operation recorded (orders.notifications.one_message: an order's confirmation and the
    merchant's notice, or a single e-mail) from one task message; return the ids sent. A second run finds them
    claimed and sends nothing; those that fail are retried together, the sent ones are not sent again."""
    return _send_recorded(self, notification_ids, retry_args=lambda failed: (failed,))


@shared_task(bind=True, max_retries=5)
def send_notification_task(self, notification_id: int) -> bool:
    """One recorded e-mail: what was enqueued before e-mails went out by operation (messages still queued)."""
    return bool(_send_recorded(self, [notification_id], retry_args=lambda failed: (failed[0],)))


def _send_recorded(task, notification_ids: list[int], *, retry_args) -> list[int]:
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
    if task.request.is_eager:
        # Without a broker the task runs inside the web request that committed: the rows stay unsent and the
        # failure is logged, rather than turning a placed order into an error page.
        logger.warning("E-mails %s not sent: %s", failed, error)
        return sent
    raise task.retry(args=retry_args(failed), exc=error, countdown=30 * 2**task.request.retries)
