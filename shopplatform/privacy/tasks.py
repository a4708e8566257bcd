"""Privacy-request tasks: process a confirmed request, and the hourly expiry sweep.

Each task imports what it runs inside its body; `services` enqueues them, so this module imports nothing of the app
at module level.
"""

from celery import shared_task


@shared_task(ignore_result=True)
def process_privacy_request_task(public_id: str) -> None:
    """Export or erase for a confirmed request; safe to run twice (a finished request is left alone)."""
    from .processing import process_privacy_request

    process_privacy_request(public_id=public_id)


@shared_task(ignore_result=True)
def expire_privacy_requests_task() -> None:
    """Expire unconfirmed requests past their window and delete export archives past theirs."""
    from .processing import delete_expired_archives, expire_unconfirmed_requests

    expire_unconfirmed_requests()
    delete_expired_archives()
