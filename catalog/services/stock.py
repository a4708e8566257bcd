"""Claiming and releasing stock for checkout, each line one conditional UPDATE.

Rows are touched in one global order (variants by pk, then products by pk) so that concurrent checkouts
claiming overlapping items wait on each other instead of deadlocking. A line whose product does not track
stock is accepted without change; a product taking backorders may go below zero.
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import F, Q

from shopplatform.errors import InvalidInput

from ..events import emit_low_stock
from ..exceptions import OutOfStock
from ..models import Product, Variant
from ..restocks import announce_restock, sellable_items


@dataclass(frozen=True)
class StockLine:
    product: Product
    quantity: int
    variant: Variant | None = None

    @property
    def lock_key(self) -> tuple[int, int]:
        return (0, self.variant.pk) if self.variant is not None else (1, self.product.pk)


@transaction.atomic
def claim_stock(*, items: list[StockLine]) -> None:
    """Take each line's units, all or none; raise OutOfStock (409) naming the first line that lacks them."""
    for line in _merged(items):
        settings = Product.objects.filter(pk=line.product.pk).values(
            "stock_enabled", "stock_backorder", "stock_sold_single", "stock_notify"
        )[0]
        if not settings["stock_enabled"]:
            continue
        if settings["stock_sold_single"] and line.quantity > 1:
            raise InvalidInput(f"{line.product.title} is sold one per order.", param="quantity")
        model, pk = (Variant, line.variant.pk) if line.variant is not None else (Product, line.product.pk)
        enough = Q() if settings["stock_backorder"] else Q(stock_quantity__gte=line.quantity)
        claimed = model.objects.filter(enough, pk=pk).update(stock_quantity=F("stock_quantity") - line.quantity)
        if not claimed:
            target = line.variant or line.product
            raise OutOfStock(
                f"Not enough stock of {target.public_id} ({line.product.title}).",
                param="items",
                product_id=line.product.public_id,
                variant_id=getattr(line.variant, "public_id", None),
            )
        # The row stays locked by our UPDATE until commit, so this read sees exactly our result.
        remaining = model.objects.filter(pk=pk).values_list("stock_quantity", flat=True)[0]
        threshold = settings["stock_notify"]
        if threshold is not None and remaining <= threshold < remaining + line.quantity:
            emit_low_stock(
                line.product,
                variant_id=getattr(line.variant, "public_id", None),
                quantity=remaining,
                threshold=threshold,
            )


@transaction.atomic
def release_stock(*, items: list[StockLine]) -> None:
    """Give back units claimed earlier (canceled or failed checkout) to products that track stock; an item that
    becomes sellable again is announced to the restock listeners (catalog.restocks)."""
    for line in _merged(items):
        if not Product.objects.filter(pk=line.product.pk, stock_enabled=True).exists():
            continue
        sellable_before = sellable_items(line.product.pk)
        model, pk = (Variant, line.variant.pk) if line.variant is not None else (Product, line.product.pk)
        model.objects.filter(pk=pk).update(stock_quantity=F("stock_quantity") + line.quantity)
        announce_restock(line.product.pk, before=sellable_before)  # buyers waiting for it hear once


def _merged(items: list[StockLine]) -> list[StockLine]:
    """One line per stock row, quantities summed, in lock order; raise InvalidInput for bad lines."""
    totals: dict[tuple[int, int], StockLine] = {}
    for line in items:
        if line.quantity <= 0:
            raise InvalidInput("Quantities are positive.", param="quantity")
        if line.variant is not None and line.variant.product_id != line.product.pk:
            raise InvalidInput(f"{line.variant.public_id} is not a variant of {line.product.public_id}.", param="items")
        previous = totals.get(line.lock_key)
        totals[line.lock_key] = (
            line if previous is None else StockLine(line.product, previous.quantity + line.quantity, line.variant)
        )
    return [totals[key] for key in sorted(totals)]
