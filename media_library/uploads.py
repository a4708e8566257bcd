"""Checks on uploaded bytes, shared by intake (before the row exists) and processing (bytes fetched from a URL)."""

from django.conf import settings

from shopplatform.errors import InvalidInput

from .exceptions import UploadTooLarge
from .imaging import Sniffed, sniff


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
