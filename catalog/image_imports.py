"""Gallery images given as URLs, imported into the media library: the link step, run by a task once processed.

Product services record an image's URL as an external image and hand the URL to the media intake
(media_library.services.add_media_url: SSRF-checked, fetched and processed by its own task, deduplicated by the
bytes' MD5). `import_media` keeps that media; until it is ready the image shows its URL. Once it is ready the image
links the media that holds the bytes (an earlier upload of the same bytes, when there was one) and drops the URL.
A failed import (unsafe address, not an image, fetch error) leaves the external image as it was.
"""

from django.db import transaction

from media_library.models import Media

from .events import emit_product_event
from .models import Product, ProductImage


@transaction.atomic
def link_imported_image(*, image_id: int) -> bool | None:
    """Link the image to its imported media once processed: True when linked, None while processing, else False."""
    image = ProductImage.objects.filter(pk=image_id).values("product_id", "import_media_id", "media_id").first()
    if image is None or image["import_media_id"] is None or image["media_id"] is not None:
        return False
    media = Media.objects.select_related("duplicate_of").get(pk=image["import_media_id"])
    stored = media.stored
    if stored.status == Media.Status.PROCESSING:
        return None
    if stored.status != Media.Status.READY or stored.kind != Media.Kind.IMAGE:
        return False
    # Conditional UPDATE: a gallery replaced meanwhile (the row deleted or relinked) is left alone.
    linked = ProductImage.objects.filter(pk=image_id, media=None, import_media=media).update(
        media=stored, external_url=""
    )
    if linked:
        emit_product_event("product.updated", Product.objects.get(pk=image["product_id"]))
    return bool(linked)
