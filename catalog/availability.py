"""Whether an item can be ordered now and how the store says so: the one rule of the store pages, the API
(`availability` of products and variants), the admin's stock column, the back-in-stock alerts and the cart.

The rule, in order:

1. "Coming soon" (`soon`) is the merchant's explicit "not yet": never orderable.
2. A deactivated variant is "Out of stock".
3. Stock tracked (`stock_enabled`): the units decide. They are the variant's, or for the product as a whole the
   sum of its active variants (the product's own count when it has none). The `out_of_stock` status does not
   override tracked units: imports and older tools set it when the product-level count reached 0 and leave it
   when variants or a restock bring units back, which showed in-stock variants as sold out. A merchant who wants
   to stop selling units that are in stock sets the product to `soon` or `hidden`, or the stock to 0.
4. Stock not tracked: nothing to derive from, so the status decides; `out_of_stock` is "Out of stock".

No units left with backorders allowed is "Available to order". At or below the low-stock threshold (the product's
`stock_notify`, else LOW_STOCK_UNITS) the wording is always "Only N left", whether the units are counted per
variant or per product; above it "N in stock". Units are named only when the product shows them (`stock_show`;
the admin always does); otherwise the label is "In stock".
"""

from dataclasses import dataclass

from .models import Product, ProductStatus, Variant

LOW_STOCK_UNITS = 3  # "Only 3 left" at or below this when the product sets no threshold of its own


@dataclass(frozen=True)
class Availability:
    can_buy: bool
    label: str
    level: str  # in, low, out, soon: the badge colour (and the API's `availability.level`)


def status_allows_sale(*, status: str, stock_enabled: bool) -> bool:
    """Whether the product's status lets it sell at all (rules 1 and 4); units are checked separately."""
    if status == ProductStatus.ACTIVE:
        return True
    return status == ProductStatus.OUT_OF_STOCK and stock_enabled


def low_stock_threshold(product: Product) -> int:
    return product.stock_notify if product.stock_notify is not None else LOW_STOCK_UNITS


def units_of(product: Product, variant: Variant | None, variants: list[Variant]) -> int:
    """The units counted for the variant, else the active variants together, else the product itself."""
    if variant is not None:
        return variant.stock_quantity
    if variants:
        return sum(item.stock_quantity for item in variants if item.active)
    return product.stock_quantity


def availability(
    product: Product, variant: Variant | None = None, variants: list[Variant] | tuple = (), *, show_units=None
) -> Availability:
    """How the item is offered now (see the module docstring); `show_units` overrides the store's `stock_show`."""
    if product.status == ProductStatus.SOON:
        return Availability(False, "Coming soon", "soon")
    if variant is not None and not variant.active:
        return Availability(False, "Out of stock", "out")
    if variant is None and variants and not any(item.active for item in variants):
        return Availability(False, "Out of stock", "out")
    if not status_allows_sale(status=product.status, stock_enabled=product.stock_enabled):
        return Availability(False, "Out of stock", "out")
    if not product.stock_enabled:
        return Availability(True, "In stock", "in")
    quantity = units_of(product, variant, variants)
    if quantity <= 0:
        if product.stock_backorder:
            return Availability(True, "Available to order", "low")
        return Availability(False, "Out of stock", "out")
    if not (product.stock_show if show_units is None else show_units):
        return Availability(True, "In stock", "in")
    if quantity <= low_stock_threshold(product):
        return Availability(True, f"Only {quantity} left", "low")
    return Availability(True, f"{quantity} in stock", "in")


def availability_output(product: Product, variant: Variant | None = None, variants=()) -> dict:
    """The API's `availability` object: {"orderable", "label", "level"}."""
    shown = availability(product, variant, variants)
    return {"orderable": shown.can_buy, "label": shown.label, "level": shown.level}
