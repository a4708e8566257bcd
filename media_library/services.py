"""Media operations: intake of uploads, the outcome of processing, deletion with the stored files.

Uploaded bytes are written to `media/pending/<id>` and the row is created in `processing`; the processing task
(enqueued on commit) turns them into the stored files. Storage deletions run on commit, so a rolled-back
delete keeps its files.
"""

import base64
import binascii
import hashlib
import posixpath
import re
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone

from shopplatform.errors import InvalidInput, NotFound
from shopplatform.events import emit_event
from shopplatform.net import validate_public_url

from .exceptions import InvalidBase64, UploadTooLarge
from .imaging import Sniffed, sniff
from .models import Media

CHECKSUM_PATTERN = re.compile(r"^[0-9a-f]{32}$")
DATA_URI_PREFIX = re.compile(r"^data:[\w.+/-]*(;[\w=.+-]+)*;base64,", re.IGNORECASE)
WHITESPACE = re.compile(r"\s+")


def check_upload_size(*, size_bytes: int) -> None:
    """Raise UploadTooLarge when size_bytes is over MEDIA_MAX_UPLOAD_BYTES."""
    limit = settings.MEDIA_MAX_UPLOAD_BYTES
    if size_bytes > limit:
        raise UploadTooLarge(f"The file is larger than the limit of {limit:,} bytes.", param="file")


def check_upload(*, data: bytes) -> Sniffed:
    """Return the sniffed type of uploaded bytes. Raise UploadTooLarge, InvalidInput or UnsupportedMediaType."""
    check_upload_size(size_bytes=len(data))
    if not data:
        raise InvalidInput("The file is empty.", param="file")
    return sniff(data)


def decode_base64(*, text: str) -> bytes:
    """Decode a base64 upload (a `data:` URI prefix and line breaks allowed). Raise InvalidBase64, UploadTooLarge."""
    text = WHITESPACE.sub("", DATA_URI_PREFIX.sub("", text.strip(), count=1))
    # Refuse oversized input before allocating the decoded bytes.
    check_upload_size(size_bytes=len(text) * 3 // 4 - text[-2:].count("="))
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise InvalidBase64("The file is not valid base64.", param="file") from None


def clean_file_name(name: str) -> str:
    """The base name of a client-supplied name, without path parts or control characters."""
    base = posixpath.basename(name.replace("\\", "/"))
    return "".join(char for char in base if char.isprintable())[:255]


@transaction.atomic
def add_media_bytes(*, data: bytes, name: str = "") -> tuple[Media, bool]:
    """Store uploaded bytes for processing; return (media, created). The same bytes return the existing media.

    Raises UploadTooLarge, InvalidInput, UnsupportedMediaType.
    """
    sniffed = check_upload(data=data)
    checksum = hashlib.md5(data, usedforsecurity=False).hexdigest()
    existing = Media.objects.filter(checksum=checksum, duplicate_of=None).first()
    if existing is not None:
        return existing, False
    media = Media(
        checksum=checksum,
        original_name=clean_file_name(name) or checksum + sniffed.extension,
        kind=sniffed.kind,
        mime_type=sniffed.mime_type,
        extension=sniffed.extension,
        size_bytes=len(data),
    )
    try:
        with transaction.atomic():
            media.save()
    except IntegrityError:
        # A concurrent upload of the same bytes won the race; theirs is the media.
        return Media.objects.get(checksum=checksum, duplicate_of=None), False
    media.pending_name = default_storage.save(f"media/pending/{media.public_id}", ContentFile(data))
    media.save(update_fields=["pending_name"])
    _enqueue_processing(media.pk)
    return media, True


@transaction.atomic
def add_media_url(*, url: str) -> Media:
    """Record a URL for the processing task to fetch. Raise UnsafeUrl (shopplatform.net) for unsafe URLs."""
    url = validate_public_url(url, require_https=False)
    name = clean_file_name(unquote(urlsplit(url).path))
    media = Media.objects.create(source_url=url, original_name=name)
    _enqueue_processing(media.pk)
    return media


def _enqueue_processing(media_pk: int) -> None:
    from .tasks import process_media_task  # tasks import services

    transaction.on_commit(lambda: process_media_task.delay(media_pk))


@transaction.atomic
def complete_media(*, media_id: int, fields: dict, written: list[str]) -> Media | None:
    """Mark a processing media ready with `fields`; emit media.processed. Return None if it was not processing.

    `written` are the storage names this run saved; they are removed when the media is gone or already done.
    Raises IntegrityError when the checksum is taken by another media (the caller makes it an alias).
    """
    media = Media.objects.select_for_update().filter(pk=media_id).first()
    if media is None or media.status != Media.Status.PROCESSING:
        keep = set(media.stored_names()) if media else set()
        _delete_files_on_commit([name for name in written if name not in keep])
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
    _delete_files_on_commit([pending])
    _emit_processed(media)
    return media


@transaction.atomic
def fail_media(*, media_id: int, error: str) -> Media | None:
    """Mark a processing media failed with a readable error; emit media.processed. None if not processing."""
    media = Media.objects.select_for_update().filter(pk=media_id).first()
    if media is None or media.status != Media.Status.PROCESSING:
        return None
    _delete_files_on_commit([media.pending_name])
    media.status = Media.Status.FAILED
    media.error = error[:2000]
    media.pending_name = ""
    media.processed_at = timezone.now()
    media.save(update_fields=["status", "error", "pending_name", "processed_at"])
    _emit_processed(media)
    return media


def _emit_processed(media: Media) -> None:
    from .api.serializers import MediaOutput  # the event carries the media as the API renders it

    media = Media.objects.select_related("duplicate_of").get(pk=media.pk)
    emit_event("media.processed", obj=MediaOutput(media).data)


@transaction.atomic
def delete_media(*, media: Media) -> None:
    """Delete the media, the URL uploads that alias it, and every stored file of theirs."""
    rows = list(Media.objects.filter(pk=media.pk)) + list(media.aliases.all())
    _delete_rows(rows)


@transaction.atomic
def delete_media_by_checksum(*, checksum: str) -> int:
    """Delete every media with these bytes and their stored files; return how many. Raise InvalidInput, NotFound."""
    checksum = (checksum or "").strip().lower()
    if not CHECKSUM_PATTERN.match(checksum):
        raise InvalidInput("`checksum` must be an MD5 digest: 32 hexadecimal characters.", param="checksum")
    rows = list(Media.objects.filter(checksum=checksum))
    if not rows:
        raise NotFound(f"No media with checksum {checksum}.", param="checksum")
    rows += list(Media.objects.filter(duplicate_of__in=rows).exclude(pk__in=[row.pk for row in rows]))
    _delete_rows(rows)
    return len(rows)


def _delete_rows(rows: list[Media]) -> None:
    names = [name for row in rows for name in row.stored_names()]
    Media.objects.filter(pk__in=[row.pk for row in rows]).delete()
    _delete_files_on_commit(names)


def _delete_files_on_commit(names: list[str]) -> None:
    names = [name for name in names if name]
    if names:
        transaction.on_commit(lambda: delete_stored_files(names))


def delete_stored_files(names: list[str]) -> None:
    """Remove these names from storage now (missing names are ignored)."""
    for name in names:
        default_storage.delete(name)
