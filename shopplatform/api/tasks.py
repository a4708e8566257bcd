from celery import shared_task

from .idempotency import purge_expired_records


@shared_task
def purge_idempotency_keys_task() -> int:
    """Delete idempotency records past their 24-hour window (hourly, see CELERY_BEAT_SCHEDULE)."""
    return purge_expired_records()
