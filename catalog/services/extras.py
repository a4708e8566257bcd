"""Seed 003 product extras in the product services: custom fields, tabs, the attached file, the VAT rate choice,
and the import of gallery images given as URLs into the media library (catalog.image_imports links them).
"""

import logging

from django.db import transaction
from django.db.models import F

from media_library.models import Media
from media_library.services import add_media_url
from shopplatform.errors import Conflict, InvalidInput
from shopplatform.net import UnsafeUrl

from .. import tasks
from ..exceptions import UnknownReference
from ..models import Product, ProductImage
from ..models.extras import REDUCED_RATES_BP, FileAccess, ReducedRate
from ..text import sanitize_html

logger = logging.getLogger(__name__)

MEDIA_ID_PREFIX = "med_"


def apply_extras(product: Product, fields: dict) -> None:
    """Set the extras among `fields` on the unsaved product. Raise InvalidInput subclasses or Conflict."""
    if "custom_fields" in fields:
        product.custom_fields = clean_custom_fields(fields["custom_fields"])
    if "tabs" in fields:
        product.tabs = clean_tabs(fields["tabs"])
    if "file" in fields:
        product.file = resolve_file(fields["file"])
    if "file_access" in fields:
        product.file_access = FileAccess(fields["file_access"])
    if "reduced_rate" in fields or "tax_rate_bp" in fields:
        _apply_rate(product, fields)


def clean_custom_fields(items: list[dict] | None) -> list[dict]:
    """Ordered {"name", "value"} pairs of plain text; a pair without a name is refused."""
    cleaned = []
    for index, item in enumerate(items or []):
        name, value = str(item.get("name", "")).strip(), str(item.get("value", "")).strip()
        if not name:
            raise InvalidInput("A custom field needs a `name`.", param=f"custom_fields.{index}.name")
        cleaned.append({"name": name, "value": value})
    return cleaned


def clean_tabs(items: list[dict] | None) -> list[dict]:
    """Ordered {"title", "content"} sections; the content is sanitized HTML (as descriptions are)."""
    cleaned = []
    for index, item in enumerate(items or []):
        title = str(item.get("title", "")).strip()
        if not title:
            raise InvalidInput("A tab needs a `title`.", param=f"tabs.{index}.title")
        cleaned.append({"title": title, "content": sanitize_html(str(item.get("content", "")))})
    return cleaned


def resolve_file(value: str | None) -> Media | None:
    """The product file for a "med_…" id or a URL (fetched through the media intake); None or "" removes it.

    Raises UnknownReference, Conflict (a failed media), UnsafeUrl (a URL to a private address, or one that does
    not resolve).
    """
    value = (value or "").strip()
    if not value:
        return None
    if value.startswith(MEDIA_ID_PREFIX):
        found = Media.objects.select_related("duplicate_of").filter(public_id=value).first()
        if found is None:
            raise UnknownReference(f"Unknown media: {value}.", param="file")
        if found.stored.status == Media.Status.FAILED:
            raise Conflict(f"Media {value} failed processing ({found.stored.error}); upload it again.", param="file")
        return found
    try:
        return add_media_url(url=value)
    except UnsafeUrl as error:
        raise UnsafeUrl(error.detail, param="file") from None


def _apply_rate(product: Product, fields: dict) -> None:
    # The choice sets the rate carts price with; a rate set on its own that differs leaves the choice behind.
    rate = fields.get("reduced_rate", product.reduced_rate) or ""
    if rate:
        rate_bp = REDUCED_RATES_BP[ReducedRate(rate)]
        if fields.get("tax_rate_bp") not in (None, rate_bp) and "reduced_rate" in fields:
            raise InvalidInput(
                f"`reduced_rate` {rate} is {rate_bp} basis points; leave `tax_rate_bp` out or send {rate_bp}.",
                param="tax_rate_bp",
            )
        if "reduced_rate" not in fields and fields["tax_rate_bp"] != rate_bp:
            rate = ""
        else:
            product.tax_rate_bp = rate_bp
    product.reduced_rate = rate


def start_image_imports(images: list[ProductImage]) -> None:
    """Import the external images into the media library; they link their media once it is processed.

    A URL already imported links its media at once. A URL the intake refuses (a private or unresolvable address)
    stays an external image, as before imports existed.
    """
    external = [image for image in images if image.media_id is None and image.external_url]
    if not external:
        return
    known = {
        media.source_url: media.stored
        for media in Media.objects.select_related("duplicate_of").filter(
            source_url__in={image.external_url for image in external}, status=Media.Status.READY
        )
        if media.stored.kind == Media.Kind.IMAGE
    }
    for image in external:
        stored = known.get(image.external_url)
        if stored is not None:
            image.media, image.external_url = stored, ""
            image.save(update_fields=["media", "external_url"])
            continue
        try:
            image.import_media = add_media_url(url=image.external_url)
        except UnsafeUrl as error:
            logger.info("Image %s of product %s not imported: %s", image.external_url, image.product_id, error.detail)
            continue
        image.save(update_fields=["import_media"])
        image_id = image.pk
        transaction.on_commit(lambda image_id=image_id: tasks.link_imported_image_task.delay(image_id))


@transaction.atomic(savepoint=False)  # checkout calls it while holding the product rows: no savepoint round trips
def record_sales(*, quantities: dict[int, int]) -> None:
    """Add units ordered to each product's `sales` counter ({product pk: units}); one UPDATE per product, pk order."""
    for product_pk, units in sorted(quantities.items()):
        if units > 0:
            Product.objects.filter(pk=product_pk).update(sales=F("sales") + units)
