"""Create, update and delete products; every change is reported as a product.* webhook event."""

from django.db import IntegrityError, transaction

from shopplatform.errors import InvalidInput

from ..barcodes import normalize_gtin, validate_fixed_length
from ..events import emit_product_event, product_payload
from ..exceptions import InvalidPrice, StockNotEnabled
from ..models import Product, ProductImage, ProductTag, parse_status
from ..restocks import announce_restock, sellable_items
from ..text import sanitize_html
from ..videos import video_embed_url
from .extras import apply_extras, start_image_imports
from .references import resolve_brand, resolve_categories, resolve_media, resolve_seller
from .slugs import claim_slug, unique_slug

STOCK_SETTINGS = ("stock_quantity", "stock_backorder", "stock_show", "stock_sold_single", "stock_notify")
RELATIONS = ("categories", "brand", "seller", "images", "tags", "slug", "status", "file")
MAX_IMAGES = 10


@transaction.atomic
def create_product(**fields) -> Product:
    """Create a product; the slug comes from the title unless given. Raise InvalidInput subclasses or SlugTaken."""
    if "price_cents" not in fields and not fields.get("price_on_request") and not fields.get("is_free"):
        raise InvalidPrice("`price_cents` is required unless `price_on_request` is set.", param="price_cents")
    product = Product(title=fields["title"])
    _apply(product, fields)
    if "slug" not in fields:
        product.slug = unique_slug(Product, product.title)
    _save(product, auto_slug="slug" not in fields)
    _apply_relations(product, fields)
    emit_product_event("product.created", product)
    return product


@transaction.atomic
def update_product(*, product: Product, **fields) -> Product:
    """Apply the given fields only (PUT and PATCH are partial); the slug changes only when sent."""
    product = Product.objects.select_for_update().get(pk=product.pk)
    sellable_before = sellable_items(product.pk)
    _apply(product, fields)
    _save(product, auto_slug=False)
    _apply_relations(product, fields)
    emit_product_event("product.updated", product)
    announce_restock(product.pk, before=sellable_before)
    return product


@transaction.atomic
def set_product_status(*, product: Product, status: str) -> Product:
    """Change only the status (admin actions); raise InvalidStatus for an unknown one."""
    return update_product(product=product, status=status)


@transaction.atomic
def delete_product(*, product: Product) -> None:
    """Delete the product with its variants, options, images and tags; orders keep their line snapshots."""
    payload = product_payload(product)
    emit_product_event("product.deleted", product, payload=payload)
    product.delete()


def _apply(product: Product, fields: dict) -> None:
    for name, value in fields.items():
        if name not in RELATIONS:
            setattr(product, name, value)
    if "status" in fields:
        product.status = parse_status(fields["status"])
    if "slug" in fields:
        product.slug = claim_slug(Product, fields["slug"], exclude_pk=product.pk)
    if "brand" in fields:
        product.brand = resolve_brand(fields["brand"])
    if "seller" in fields:
        product.seller = resolve_seller(fields["seller"])
    if "description" in fields:
        product.description = sanitize_html(fields["description"])
    if "gtin" in fields:
        product.gtin = normalize_gtin(fields["gtin"])
    if "upc" in fields:
        product.upc = validate_fixed_length(fields["upc"], lengths=(12,), param="upc")
    if "ean" in fields:
        product.ean = validate_fixed_length(fields["ean"], lengths=(8, 13), param="ean")
    # Only links a player can be derived from: a channel or search page on YouTube would leave the page empty.
    if fields.get("video_url") and video_embed_url(fields["video_url"]) is None:
        raise InvalidInput(
            "`video_url` must link a YouTube or Vimeo video, e.g. https://www.youtube.com/watch?v=… or "
            "https://vimeo.com/123456.",
            param="video_url",
        )
    apply_extras(product, fields)
    _check_stock_settings(product, fields)
    product.check_prices()
    if product.is_free and product.price_cents:
        raise InvalidPrice("A free product has `price_cents` 0.", param="is_free")


def _check_stock_settings(product: Product, fields: dict) -> None:
    if product.stock_enabled:
        return
    for name in STOCK_SETTINGS:
        if fields.get(name):
            raise StockNotEnabled(f"`{name}` needs `stock_enabled`.", param=name)


def _save(product: Product, *, auto_slug: bool) -> None:
    # Two requests may pick the same free slug at once; the unique index decides and the loser takes the next.
    for _attempt in range(3):
        try:
            with transaction.atomic():
                product.save()
            return
        except IntegrityError:
            if not auto_slug:
                claim_slug(Product, product.slug, exclude_pk=product.pk)
                raise
            product.slug = unique_slug(Product, product.title)
    product.save()


def _apply_relations(product: Product, fields: dict) -> None:
    if "categories" in fields:
        product.categories.set(resolve_categories(fields["categories"]))
    if "images" in fields:
        if len(fields["images"]) > MAX_IMAGES:
            raise InvalidInput(f"At most {MAX_IMAGES} images.", param="images")
        _set_images(product, fields["images"])
    if "tags" in fields:
        product.tags.all().delete()
        names = list(dict.fromkeys(tag.strip() for tag in fields["tags"] if tag.strip()))
        ProductTag.objects.bulk_create(ProductTag(product=product, name=name) for name in names)


def _set_images(product: Product, images: list[dict]) -> None:
    """Replace the gallery, in the given order, by images given as {"media": "med_…"} or {"url": …} (+ "alt")."""
    media = resolve_media(
        {f"images.{index}": image["media"] for index, image in enumerate(images) if image.get("media")}
    )
    product.images.all().delete()
    created = ProductImage.objects.bulk_create(
        ProductImage(
            product=product,
            media=media.get(f"images.{index}"),
            external_url="" if image.get("media") else image["url"],
            alt=image.get("alt", ""),
            position=index,
        )
        for index, image in enumerate(images)
    )
    start_image_imports(created)
