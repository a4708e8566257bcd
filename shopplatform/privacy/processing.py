"""What the privacy tasks run: process a confirmed request, expire unconfirmed ones, delete old archives.

Nothing here enqueues a task, so the tasks module may import this one.
"""

from datetime import timedelta

from django.conf import settings
from django.core.files.storage import storages
from django.db import transaction
from django.utils import timezone

from .erasure import erase_personal_data
from .export import STORAGE_ALIAS, export_personal_data
from .models import PrivacyRequest


def process_privacy_request(*, public_id: str) -> PrivacyRequest:
    """Run a confirmed request (export or erase); anything else is returned unchanged, so running twice is safe."""
    with transaction.atomic():
        privacy_request = PrivacyRequest.objects.select_for_update().get(public_id=public_id)
        if privacy_request.status not in (PrivacyRequest.Status.CONFIRMED, PrivacyRequest.Status.PROCESSING):
            return privacy_request
        privacy_request.status = PrivacyRequest.Status.PROCESSING
        privacy_request.save(update_fields=["status", "updated_at"])
    if privacy_request.kind == PrivacyRequest.Kind.EXPORT:
        return export_personal_data(privacy_request=privacy_request)
    return erase_personal_data(privacy_request=privacy_request)


def expire_unconfirmed_requests() -> int:
    """Mark requests whose confirmation window closed as expired; return how many."""
    deadline = timezone.now() - timedelta(seconds=settings.PRIVACY_CONFIRMATION_MAX_AGE_SECONDS)
    return PrivacyRequest.objects.filter(
        status=PrivacyRequest.Status.AWAITING_CONFIRMATION, confirmation_sent_at__lt=deadline
    ).update(status=PrivacyRequest.Status.EXPIRED, updated_at=timezone.now())


def delete_expired_archives() -> int:
    """Delete export archives whose download window closed; return how many."""
    expired = PrivacyRequest.objects.exclude(archive_name="").filter(archive_expires_at__lt=timezone.now())
    storage = storages[STORAGE_ALIAS]
    count = 0
    for privacy_request in expired:
        storage.delete(privacy_request.archive_name)
        privacy_request.archive_name = ""
        privacy_request.save(update_fields=["archive_name", "updated_at"])
        count += 1
    return count
