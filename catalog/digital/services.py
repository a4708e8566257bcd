"""Versions of digital products: upload, yank, download counting, and the listing data the product shows.

Every change to a product's versions locks its DigitalListing row first, so concurrent uploads and yanks of one
product recompute `latest_version` one after the other. Files go to the private "digital" storage.
"""

import posixpath

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.base import File
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import get_valid_filename

from ..exceptions import InvalidVersionTag, VersionFileTooLarge, VersionTagTaken
from ..models import Product
from ..text import sanitize_html
from .models import DigitalListing, Version, VersionChannel, semver_key
from .storage import digital_storage


@transaction.atomic
def create_version(
    *,
    product: Product,
    version_tag: str,
    file: File,
    filename: str = "",
    channel: str = VersionChannel.STABLE,
    release_notes_html: str = "",
) -> Version:
    """Store the file privately and add the version. Raise InvalidVersionTag, VersionTagTaken, VersionFileTooLarge."""
    version_tag = version_tag.strip()
    semver_key(version_tag)
    if channel not in VersionChannel.values:
        raise InvalidVersionTag(f"'{channel}' is not a channel (stable, beta).", param="channel")
    if file.size > settings.DIGITAL_MAX_FILE_BYTES:
        raise VersionFileTooLarge(
            f"The file is larger than the limit of {settings.DIGITAL_MAX_FILE_BYTES:,} bytes.", param="file"
        )
    listing = _lock_listing(product)
    if Version.objects.filter(product=product, version_tag=version_tag).exists():
        raise VersionTagTaken(f"Version {version_tag} already exists for this product.", param="version_tag")
    version = Version(
        product=product,
        version_tag=version_tag,
        channel=channel,
        release_notes_html=sanitize_html(release_notes_html),
        original_filename=filename or posixpath.basename(file.name or "") or f"{version_tag}.bin",
        size_bytes=file.size,
    )
    storage_name = f"versions/{product.public_id}/{version.public_id}/{_storage_safe(version.original_filename)}"
    version.file_name = digital_storage().save(storage_name, file)
    try:
        with transaction.atomic():
            version.save()
    except IntegrityError:
        # Django has no rollback hook; the one failure expected here must not leave an orphan file behind.
        digital_storage().delete(version.file_name)
        raise VersionTagTaken(f"Version {version_tag} already exists for this product.", param="version_tag") from None
    _refresh_latest_version(listing)
    return version


@transaction.atomic
def update_version(
    *, version: Version, yanked: bool | None = None, channel: str | None = None, release_notes_html: str | None = None
) -> Version:
    """Yank (hide, never delete) or restore a version, move it between channels, or edit its notes."""
    listing = _lock_listing(version.product)
    version = Version.objects.select_for_update().get(pk=version.pk)
    if yanked is not None and yanked != version.yanked:
        version.yanked = yanked
        version.yanked_at = timezone.now() if yanked else None
    if channel is not None:
        if channel not in VersionChannel.values:
            raise InvalidVersionTag(f"'{channel}' is not a channel (stable, beta).", param="channel")
        version.channel = channel
    if release_notes_html is not None:
        version.release_notes_html = sanitize_html(release_notes_html)
    version.save()
    _refresh_latest_version(listing)
    return version


@transaction.atomic
def record_download(*, version: Version) -> None:
    """Count one download on the version and on its product's total, as UPDATEs that cannot lose increments."""
    Version.objects.filter(pk=version.pk).update(download_count=F("download_count") + 1)
    counted = DigitalListing.objects.filter(product_id=version.product_id).update(
        download_count=F("download_count") + 1
    )
    if not counted:
        DigitalListing.objects.get_or_create(product_id=version.product_id)
        DigitalListing.objects.filter(product_id=version.product_id).update(download_count=F("download_count") + 1)


@transaction.atomic
def set_game(*, product: Product, game: str) -> DigitalListing:
    """Set the product's free-form classification (`game`, e.g. "minecraft")."""
    listing = _lock_listing(product)
    listing.game = game.strip()[:100]
    listing.save(update_fields=["game"])
    return listing


def _storage_safe(filename: str) -> str:
    try:
        return get_valid_filename(filename)[:200]
    except SuspiciousFileOperation:  # "", "." or ".." have no safe form
        return "file"


def _lock_listing(product: Product) -> DigitalListing:
    DigitalListing.objects.get_or_create(product=product)
    return DigitalListing.objects.select_for_update().get(product=product)


def _refresh_latest_version(listing: DigitalListing) -> None:
    candidates = Version.objects.filter(product_id=listing.product_id, yanked=False, channel=VersionChannel.STABLE)
    latest = max(candidates, key=lambda version: (version.precedence, version.created_at), default=None)
    if listing.latest_version_id != (latest.pk if latest else None):
        listing.latest_version = latest
        listing.save(update_fields=["latest_version"])
