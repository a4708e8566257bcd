"""Privacy-request tasks: process a confirmed request, and the hourly expiry sweep."""

from celery import shared_task

from . import privacy_services


@shared_task(ignore_result=True)
def process_privacy_request_task(public_id: str) -> None:
    """Export or erase for a confirmed request; safe to run twice (a finished request is left alone)."""
    privacy_services.process_privacy_request(public_id=public_id)


@shared_task(ignore_result=True)
def expire_privacy_requests_task() -> None:
    """Expire unconfirmed requests past their window and delete export archives past theirs."""
    privacy_services.expire_unconfirmed_requests()
    privacy_services.delete_expired_archives()
