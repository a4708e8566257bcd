"""Claiming and releasing stock for checkout, each stock row one conditional UPDATE.

Rows are locked in one global order so that concurrent checkouts claiming overlapping items wait on each other
instead of deadlocking: first every product of the lines (one SELECT … FOR NO KEY UPDATE, by pk: it excludes other
claims and product edits, not the foreign-key checks of rows that only name the product, such as new cart lines),
then the stock rows (variants by pk, then products by pk). Products come first because a variant's UPDATE also updates its product
row (the trigger raising `doc_version`, catalog.documents): had a variant been locked before its product, two
checkouts could each hold a product the other's variant needs. A line whose product does not track
stock is accepted without change; a product taking backorders may go below zero.
"""

from dataclasses import dataclass
from functools import partial

from django.db import transaction
from django.db.models import F, Q, Value

from shopplatform.errors import InvalidInput
from shopplatform.prepared import PreparedQuery, PreparedUpdate

from ..events import emit_low_stock
from ..exceptions import OutOfStock
from ..models import Product, Variant
from ..restocks import announce_restock, sellable_items
from .extras import record_sales


@dataclass(frozen=True)
class StockLine:
    product: Product
    quantity: int
    variant: Variant | None = None

    @property
    def lock_key(self) -> tuple[int, int]:
        return (0, self.variant.pk) if self.variant is not None else (1, self.product.pk)


@dataclass(frozen=True)
class LowStock:
    """A claimed line that took its stock row to (or through) the product's low-stock threshold."""

    line: StockLine
    remaining: int
    threshold: int


STOCK_SETTINGS = ("stock_enabled", "stock_backorder", "stock_sold_single", "stock_notify")
# Every checkout's first lock: the products' stock settings, compiled once per process and number of products.
LOCKED_SETTINGS = PreparedQuery(
    lambda slots: _locked(Product.objects.filter(pk__in=slots.numbers("pks"))).values_list("pk", *STOCK_SETTINGS)
)


# No savepoint: checkout claims while holding the product rows, and a refusal (OutOfStock, InvalidInput) dooms the
# caller's transaction, so nothing is taken. A caller that goes on after a refusal wraps the call in its own atomic().
@transaction.atomic(savepoint=False)
def claim_stock(*, items: list[StockLine], count_sales: bool = False) -> list[LowStock]:
    """Take each line's units, all or none; return the lines that fell to their low-stock threshold (each emits
    product.low_stock). Raise OutOfStock (409) naming the first line that lacks them, or InvalidInput.

    One read of every product's stock settings, which also locks the products (in key order), then one conditional
    UPDATE per stock row in lock order. With `count_sales`, the units are also added to each product's `sales`
    counter: in the product's own stock UPDATE when it has one, so a sale rewrites the product row once.
    """
    lines = _merged(items)
    pks = sorted({line.product.pk for line in lines})
    settings = {row[0]: dict(zip(STOCK_SETTINGS, row[1:], strict=True)) for row in LOCKED_SETTINGS.rows(pks=pks)}
    sales = _units_by_product(lines) if count_sales else {}
    counted_with_stock = set()
    fallen = []
    for line in lines:
        sold = sales.get(line.product.pk, 0) if line.variant is None else 0
        remaining, counted = _claim_line(line, settings[line.product.pk], sold=sold)
        if counted:
            counted_with_stock.add(line.product.pk)
        threshold = settings[line.product.pk]["stock_notify"]
        if remaining is not None and threshold is not None and remaining <= threshold < remaining + line.quantity:
            fallen.append(LowStock(line, remaining, threshold))
            emit_low_stock(
                line.product,
                variant_id=getattr(line.variant, "public_id", None),
                quantity=remaining,
                threshold=threshold,
            )
    # Products sold by variant, or not tracking stock: their sales in an UPDATE of their own.
    record_sales(quantities={pk: units for pk, units in sales.items() if pk not in counted_with_stock})
    return fallen


def _units_by_product(lines: list[StockLine]) -> dict[int, int]:
    units: dict[int, int] = {}
    for line in lines:
        units[line.product.pk] = units.get(line.product.pk, 0) + line.quantity
    return units


def _claim_line(line: StockLine, settings: dict, *, sold: int = 0) -> tuple[int | None, bool]:
    """Claim one stock row; return the units it has left when its threshold needs them (else None), and whether
    `sold` units went into the product's `sales` with the claim.

    Raise OutOfStock or InvalidInput.
    """
    if not settings["stock_enabled"]:
        return None, False
    if settings["stock_sold_single"] and line.quantity > 1:
        raise InvalidInput(f"{line.product.title} is sold one per order.", param="quantity")
    if line.variant is not None:
        claimed = VARIANT_CLAIMS[settings["stock_backorder"]].run(pk=line.variant.pk, quantity=line.quantity)
    else:
        claimed = PRODUCT_CLAIMS[line.quantity > 1, bool(sold)].run(
            pk=line.product.pk, quantity=line.quantity, sold=sold
        )
        if not claimed and not Product.objects.filter(pk=line.product.pk, stock_enabled=True).exists():
            return None, False  # stock tracking was switched off since the settings were read
    if not claimed:
        target = line.variant or line.product
        raise OutOfStock(
            f"Not enough stock of {target.public_id} ({line.product.title}).",
            param="items",
            product_id=line.product.public_id,
            variant_id=getattr(line.variant, "public_id", None),
        )
    # The UPDATE's own answer: the row stays locked by it until commit.
    remaining = claimed[0][0]
    return (None if settings["stock_notify"] is None else remaining), bool(sold)


def _product_claim(slots, *, several: bool, counting: bool):
    """Take `quantity` units of product `pk` if it has them (or takes backorders); with `counting`, add `sold` to
    its sales in the same UPDATE. More than one unit of a product sold singly is refused by the row's own flag."""
    quantity = Value(slots.number("quantity"))
    changes = {"stock_quantity": F("stock_quantity") - quantity}
    if counting:
        changes["sales"] = F("sales") + Value(slots.number("sold"))
    enough = Q(stock_backorder=True) | Q(stock_quantity__gte=quantity)
    single = Q(stock_sold_single=False) if several else Q()
    return Product.objects.filter(enough, single, pk=slots.number("pk"), stock_enabled=True), changes


def _variant_claim(slots, *, backorder: bool):
    """Take `quantity` units of variant `pk`. The settings live on the product (read with its lock); a filter
    through the relation would move the quantity condition into a subquery that PostgreSQL does not re-check after
    waiting for the row lock."""
    quantity = Value(slots.number("quantity"))
    enough = Q() if backorder else Q(stock_quantity__gte=quantity)
    return Variant.objects.filter(enough, pk=slots.number("pk")), {"stock_quantity": F("stock_quantity") - quantity}


# Every checkout's stock claims: one UPDATE per stock row, compiled once per process and shape, answering the units
# left. Products by (more than one unit, counting sales), variants by whether the product takes backorders.
PRODUCT_CLAIMS = {
    (several, counting): PreparedUpdate(
        partial(_product_claim, several=several, counting=counting), returning=["stock_quantity"]
    )
    for several in (False, True)
    for counting in (False, True)
}
VARIANT_CLAIMS = {
    backorder: PreparedUpdate(partial(_variant_claim, backorder=backorder), returning=["stock_quantity"])
    for backorder in (False, True)
}


@transaction.atomic
def release_stock(*, items: list[StockLine]) -> None:
    """Give back units claimed earlier (canceled or failed checkout) to products that track stock; an item that
    becomes sellable again is announced to the restock listeners (catalog.restocks)."""
    lines = _merged(items)
    tracked = set(_locked_products(lines).filter(stock_enabled=True).values_list("pk", flat=True))
    for line in lines:
        if line.product.pk not in tracked:
            continue
        sellable_before = sellable_items(line.product.pk)
        model, pk = (Variant, line.variant.pk) if line.variant is not None else (Product, line.product.pk)
        model.objects.filter(pk=pk).update(stock_quantity=F("stock_quantity") + line.quantity)
        announce_restock(line.product.pk, before=sellable_before)  # buyers waiting for it hear once


def _locked_products(lines: list[StockLine]):
    """The lines' products, locked FOR NO KEY UPDATE in primary-key order (the first locks a claim or release takes)."""
    return _locked(Product.objects.filter(pk__in={line.product.pk for line in lines}))


def _locked(products):
    return products.select_for_update(no_key=True).order_by("pk")


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
