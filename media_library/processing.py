"""The processing step of a media: read (or fetch) its bytes, verify, strip, render, store, mark the outcome.

Runs outside a transaction (fetching and image work take time); only the final status change (`complete_media`,
`fail_media`) locks the row, and it emits `media.processed`.
Running it twice is harmless: a media no longer in `processing` is left alone, and files written by a run that
lost the race are removed.
"""

import hashlib

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone

from shopplatform.errors import ShopError
from shopplatform.events import emit_event
from shopplatform.net import FetchFailed, safe_request

from .files import delete_files_on_commit, delete_stored_files
from .imaging import render_image, sniff
from .models import Media
from .representations import MediaOutput
from .uploads import check_upload, check_upload_size

RENDITION_DIRECTORIES = {
    "original": "media/originals/",
    "thumb": "media/images/thumb/",
    "square": "media/images/square/",
}


def process_media(*, media_id: int) -> Media | None:
    """Turn a processing media into ready or failed; return it, or None when there was nothing to do."""
    media = Media.objects.filter(pk=media_id).first()
    if media is None or media.status != Media.Status.PROCESSING:
        return None
    try:
        data = _read_bytes(media)
        checksum = hashlib.md5(data, usedforsecurity=False).hexdigest()
        canonical = Media.objects.filter(checksum=checksum, duplicate_of=None).exclude(pk=media.pk).first()
        if canonical is not None:
            return _complete_as_alias(media, canonical)
        fields, written = _store(media, data)
    except ShopError as error:
        return fail_media(media_id=media.pk, error=error.detail)
    fields["checksum"] = checksum
    try:
        return complete_media(media_id=media.pk, fields=fields, written=written)
    except IntegrityError:
        # A concurrent URL upload of the same bytes was stored first: point at it and drop our copies.
        delete_stored_files(written)
        canonical = Media.objects.get(checksum=checksum, duplicate_of=None)
        return _complete_as_alias(media, canonical)


def _read_bytes(media: Media) -> bytes:
    if media.pending_name:
        with default_storage.open(media.pending_name, "rb") as pending:
            return pending.read()
    response = safe_request(
        "GET",
        media.source_url,
        timeout=settings.MEDIA_FETCH_TIMEOUT_SECONDS,
        max_bytes=settings.MEDIA_MAX_UPLOAD_BYTES,
        allow_redirects=True,
    )
    if not response.ok:
        raise FetchFailed(f"The URL answered with HTTP status {response.status_code}.")
    check_upload_size(size_bytes=len(response.content))
    return response.content


def _complete_as_alias(media: Media, canonical: Media) -> Media | None:
    fields = {
        "duplicate_of": canonical,
        "checksum": canonical.checksum,
        "kind": canonical.kind,
        "mime_type": canonical.mime_type,
        "extension": canonical.extension,
        "size_bytes": canonical.size_bytes,
        "width": canonical.width,
        "height": canonical.height,
    }
    return complete_media(media_id=media.pk, fields=fields, written=[])


def _store(media: Media, data: bytes) -> tuple[dict, list[str]]:
    """Write the stored files; return the model fields to set and the names written. Raise ShopError."""
    sniffed = sniff(data) if media.source_url else check_upload(data=data)
    fields = {
        "kind": sniffed.kind,
        "mime_type": sniffed.mime_type,
        "extension": sniffed.extension,
        "size_bytes": len(data),
    }
    if not media.original_name:
        fields["original_name"] = media.public_id + sniffed.extension
    if sniffed.kind == Media.Kind.FILE:
        contents = {"original": (data, sniffed.extension)}
    else:
        rendered = render_image(data, sniffed)
        fields.update(width=rendered.width, height=rendered.height, mime_type=rendered.mime_type)
        contents = rendered.files
    written = []
    try:
        for field, (content, extension) in contents.items():
            directory = RENDITION_DIRECTORIES.get(field, "media/images/")
            name = default_storage.save(f"{directory}{media.public_id}{extension}", ContentFile(content))
            written.append(name)
            fields[field] = name
    except BaseException:
        delete_stored_files(written)
        raise
    return fields, written


@transaction.atomic
def complete_media(*, media_id: int, fields: dict, written: list[str]) -> Media | None:
    """Mark a processing media ready with `fields`; emit media.processed. Return None if it was not processing.

    `written` are the storage names this run saved; they are removed when the media is gone or already done.
    Raises IntegrityError when the checksum is taken by another media (the caller makes it an alias).
    """
    media = Media.objects.select_for_update().filter(pk=media_id).first()
    if media is None or media.status != Media.Status.PROCESSING:
        keep = set(media.stored_names()) if media else set()
        delete_files_on_commit([name for name in written if name not in keep])
        return None
    pending = media.pending_name
    for field, value in fields.items():
        setattr(media, field, value)
    media.status = Media.Status.READY
    media.error = ""
    media.pending_name = ""
    media.processed_at = timezone.now()
    with transaction.atomic():
        media.save()
    delete_files_on_commit([pending])
    _emit_processed(media)
    return media


@transaction.atomic
def fail_media(*, media_id: int, error: str) -> Media | None:
    """Mark a processing media failed with a readable error; emit media.processed. None if not processing."""
    media = Media.objects.select_for_update().filter(pk=media_id).first()
    if media is None or media.status != Media.Status.PROCESSING:
        return None
    delete_files_on_commit([media.pending_name])
    media.status = Media.Status.FAILED
    media.error = error[:2000]
    media.pending_name = ""
    media.processed_at = timezone.now()
    media.save(update_fields=["status", "error", "pending_name", "processed_at"])
    _emit_processed(media)
    return media


def _emit_processed(media: Media) -> None:
    # The event carries the media as the API renders it.
    media = Media.objects.select_related("duplicate_of").get(pk=media.pk)
    emit_event("media.processed", obj=MediaOutput(media).data)
