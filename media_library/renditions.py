"""Public URLs of a media's renditions: `{"thumb", "square", "full"}`, for every API that shows images.

`rendition_urls(media)` is what catalog serializers call for product, variant, category and brand images. It
reads no database rows beyond `media.duplicate_of` (select it with the media). Without a ready image (no media,
a file, or still processing) it answers the placeholder set, so clients always get three URLs.
"""

from functools import lru_cache
from urllib.parse import urljoin

from django.conf import settings
from django.core.files.storage import default_storage
from django.templatetags.static import static

from shopplatform.links import absolute_url, site_url

from .models import Media

RENDITIONS = ("thumb", "square", "full")


def stored_file_url(name: str) -> str:
    """The public URL of a stored name: MEDIA_PUBLIC_URL_BASE (a CDN or public bucket) when set, else storage's."""
    if settings.MEDIA_PUBLIC_URL_BASE:
        return settings.MEDIA_PUBLIC_URL_BASE.rstrip("/") + "/" + name
    return absolute_url(default_storage.url(name))


def placeholder_urls() -> dict[str, str]:
    # Lists render a placeholder set per image-less row; building static URLs each time was most of their time.
    return dict(_placeholder_urls(site_url(), settings.STATIC_URL))


@lru_cache(maxsize=8)
def _placeholder_urls(base_url: str, static_url: str) -> tuple[tuple[str, str], ...]:
    return tuple(
        (name, urljoin(base_url + "/", static(f"media_library/placeholder-{name}.png"))) for name in RENDITIONS
    )


def rendition_urls(media: Media | None) -> dict[str, str]:
    """Return {"thumb", "square", "full"} URLs of the media's image, or of the placeholder image."""
    stored = media.stored if media is not None else None
    if stored is None or stored.status != Media.Status.READY or stored.kind != Media.Kind.IMAGE:
        return placeholder_urls()
    return {name: stored_file_url(getattr(stored, name).name) for name in RENDITIONS}


def original_url(media: Media) -> str | None:
    """The URL of the stored original (the stripped image, or the file's bytes) once ready."""
    stored = media.stored
    if stored.status != Media.Status.READY or not stored.original.name:
        return None
    return stored_file_url(stored.original.name)
