"""Celery tasks of the media library. Both are safe to run twice."""

import logging
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from .models import Media

logger = logging.getLogger(__name__)
MAX_RETRIES = 3


@shared_task(bind=True, max_retries=MAX_RETRIES, acks_late=True)
def process_media_task(self, media_id: int) -> None:
    """Process one media. Refusals end as `failed` at once; unexpected errors retry, then end as `failed`."""
    from . import processing

    try:
        processing.process_media(media_id=media_id)
    except Exception as error:
        if self.request.retries < MAX_RETRIES:
            raise self.retry(exc=error, countdown=10 * 3**self.request.retries) from error
        logger.exception("Media %s failed after %s retries", media_id, MAX_RETRIES)
        processing.fail_media(media_id=media_id, error="Processing failed on our side; upload the file again.")


@shared_task
def requeue_stalled_media_task() -> int:
    """Enqueue processing again for media stuck in `processing` (a lost broker message); return how many."""
    cutoff = timezone.now() - timedelta(seconds=settings.MEDIA_STALLED_AFTER_SECONDS)
    stalled = list(
        Media.objects.filter(status=Media.Status.PROCESSING, created_at__lt=cutoff).values_list("pk", flat=True)
    )
    for media_id in stalled:
        process_media_task.delay(media_id)
    return len(stalled)
