"""Edit or remove single variants (the combinations of a product's options)."""

from django.db import transaction

from ..events import emit_product_event
from ..exceptions import StockNotEnabled, WholesaleNotEnabled
from ..models import Product, Variant
from ..restocks import announce_restock, sellable_items
from .references import resolve_image


@transaction.atomic
def update_variant(*, variant: Variant, **fields) -> Variant:
    """Apply the given fields (`image`: {"media"} or {"url"} or None); raise InvalidPrice, StockNotEnabled,
    WholesaleNotEnabled or a media reference error naming the field."""
    product = Product.objects.select_for_update().get(pk=variant.product_id)
    variant = Variant.objects.get(pk=variant.pk)
    sellable_before = sellable_items(product.pk)
    if fields.get("stock_quantity") and not product.stock_enabled:
        raise StockNotEnabled("`stock_quantity` needs the product's `stock_enabled`.", param="stock_quantity")
    if fields.get("wholesale_price_cents") is not None and product.wholesale_price_cents is None:
        raise WholesaleNotEnabled(
            "Set the product's `wholesale_price_cents` before variant wholesale prices.", param="wholesale_price_cents"
        )
    for name, value in fields.items():
        if name != "image":
            setattr(variant, name, value)
    if "image" in fields:
        variant.image, variant.image_url = resolve_image(fields["image"])
    variant.check_prices(product)
    variant.save()
    emit_product_event("product.updated", product)
    announce_restock(product.pk, before=sellable_before)
    return variant


@transaction.atomic
def delete_variant(*, variant: Variant) -> None:
    """Delete one combination; the next matrix regeneration recreates it (deactivate it to hide it for good)."""
    product = Product.objects.select_for_update().get(pk=variant.product_id)
    variant.delete()
    emit_product_event("product.updated", product)
