"""Media operations: intake of uploads and deletion with the stored files.

Uploaded bytes are written to `media/pending/<id>` and the row is created in `processing`; the processing task
(enqueued on commit) turns them into the stored files, and `processing` records the outcome. Storage deletions
run on commit, so a rolled-back delete keeps its files.
"""

import base64
import binascii
import hashlib
import posixpath
import re
from urllib.parse import unquote, urlsplit

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction

from shopplatform.errors import InvalidInput, NotFound
from shopplatform.net import validate_public_url

from . import tasks
from .exceptions import InvalidBase64
from .files import delete_files_on_commit
from .models import Media
from .uploads import check_upload, check_upload_size

CHECKSUM_PATTERN = re.compile(r"^[0-9a-f]{32}$")
DATA_URI_PREFIX = re.compile(r"^data:[\w.+/-]*(;[\w=.+-]+)*;base64,", re.IGNORECASE)
WHITESPACE = re.compile(r"\s+")


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
    try:
        media.pending_name = default_storage.save(f"media/pending/{media.public_id}", ContentFile(data))
    except Exception:
        # The storage is down: drop the row, or every retry of the same bytes would find it and never store them.
        Media.objects.filter(pk=media.pk).delete()
        raise
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
    transaction.on_commit(lambda: tasks.process_media_task.delay(media_pk))


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
    delete_files_on_commit(names)
