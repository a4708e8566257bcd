"""Who hears that a sold-out product or variant can be bought again. The catalog sits below orders, which keeps the
buyers' back-in-stock alerts, so orders registers a listener here when Django starts instead of being imported.

Every stock path calls these around its change, inside its transaction: `update_product` and `update_variant`
(admin, API, import) with the product row locked, `release_stock` (a canceled order) around its UPDATE:

    before = sellable_items(product_id)
    ... change stock, status or variants ...
    announce_restock(product_id, before=before)

An item is sellable when the product's status lets it sell (catalog.availability.status_allows_sale: active, or
out_of_stock with tracked stock, whose units decide) and the item (the product, or each of its active variants) has
stock, takes backorders or does not track stock. A listener gets the product's pk, the pks of the variants that
became sellable and whether the product as a whole did (nothing of it was sellable before); it runs in the caller's
transaction and must only record work to do after commit.
"""

from collections.abc import Callable

from django.db.models import Q

from .availability import status_allows_sale
from .models import Product, Variant

RestockListener = Callable[..., None]
PRODUCT = "product"  # the item of a product without variants

_listeners: list[RestockListener] = []


def register_restock_listener(listener: RestockListener) -> None:
    """Call `listener(product_id=, variant_ids=, product_returned=)` on every restock (the same function once)."""
    if listener not in _listeners:
        _listeners.append(listener)


def sellable_items(product_id: int) -> frozenset:
    """The product's items a buyer can order now: variant pks, or PRODUCT for a product without active variants."""
    fields = ("status", "stock_enabled", "stock_backorder", "stock_quantity")
    product = Product.objects.filter(pk=product_id).values(*fields).first()
    if product is None or not status_allows_sale(status=product["status"], stock_enabled=product["stock_enabled"]):
        return frozenset()
    untracked = not product["stock_enabled"] or product["stock_backorder"]
    variants = Variant.objects.filter(product_id=product_id, active=True)
    if variants.exists():
        in_stock = variants if untracked else variants.filter(Q(stock_quantity__gt=0))
        return frozenset(in_stock.values_list("pk", flat=True))
    return frozenset({PRODUCT}) if untracked or product["stock_quantity"] > 0 else frozenset()


def announce_restock(product_id: int, *, before: frozenset) -> None:
    """Tell the listeners which of the product's items became sellable since `before` (nothing when none did)."""
    if not _listeners:
        return
    after = sellable_items(product_id)
    returned = after - before
    if not returned:
        return
    variant_ids = {item for item in returned if item != PRODUCT}
    for listener in _listeners:
        listener(product_id=product_id, variant_ids=variant_ids, product_returned=not before)
