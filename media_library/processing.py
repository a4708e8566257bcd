"""The processing step of a media: read (or fetch) its bytes, verify, strip, render, store, mark the outcome.

Runs outside a transaction (fetching and image work take time); only the final status change locks the row.
Running it twice is harmless: a media no longer in `processing` is left alone, and files written by a run that
lost the race are removed.
"""

import hashlib

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError

from shopplatform.errors import ShopError
from shopplatform.net import FetchFailed, safe_request

from . import services
from .imaging import render_image, sniff
from .models import Media

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
        return services.fail_media(media_id=media.pk, error=error.detail)
    fields["checksum"] = checksum
    try:
        return services.complete_media(media_id=media.pk, fields=fields, written=written)
    except IntegrityError:
        # A concurrent URL upload of the same bytes was stored first: point at it and drop our copies.
        services.delete_stored_files(written)
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
    services.check_upload_size(size_bytes=len(response.content))
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
    return services.complete_media(media_id=media.pk, fields=fields, written=[])


def _store(media: Media, data: bytes) -> tuple[dict, list[str]]:
    """Write the stored files; return the model fields to set and the names written. Raise ShopError."""
    sniffed = sniff(data) if media.source_url else services.check_upload(data=data)
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
        services.delete_stored_files(written)
        raise
    return fields, written
