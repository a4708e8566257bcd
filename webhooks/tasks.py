from celery import shared_task

from . import delivery


@shared_task(ignore_result=True)
def deliver_webhook_task(delivery_id: int) -> None:
    """Attempt one delivery; safe to run twice (the attempt locks the row and skips what is not due)."""
    delivery.attempt_delivery(delivery_id=delivery_id)


@shared_task(ignore_result=True)
def sweep_webhook_deliveries_task() -> int:
    """Beat: enqueue what lost broker messages or dead workers left behind."""
    return delivery.sweep_deliveries()
