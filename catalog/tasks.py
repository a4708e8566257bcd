"""Celery tasks of the catalog. Safe to run twice: a linked image is left alone."""

from celery import shared_task

MAX_RETRIES = 8


@shared_task(bind=True, max_retries=MAX_RETRIES, acks_late=True)
def link_imported_image_task(self, image_id: int) -> bool:
    """Link a gallery image to the media its URL was imported into; retry while the media is still processing."""
    from . import image_imports

    linked = image_imports.link_imported_image(image_id=image_id)
    if linked is None:
        raise self.retry(countdown=min(5 * 2**self.request.retries, 600))
    return linked


@shared_task
def refresh_product_documents_task() -> int:
    """Store the public representation of every product written since the last run (beat, every minute)."""
    from .prerender import refresh_documents

    return refresh_documents()
