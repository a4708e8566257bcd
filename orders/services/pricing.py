"""The one place order amounts are computed: subtotal, discount, tax, shipping, payment fee and total, in cents.

Rounding rule (the only one): every amount that is not a whole number of cents is rounded **half up, per line**
(`round_half_up`), and order totals are exact sums of the rounded line amounts. In order:
1. line subtotal = unit price x quantity (exact);
2. line discount: `percent` coupons take round_half_up(subtotal x percent / 100) of each eligible line; `money`
   coupons take min(value, eligible subtotal), shared over eligible lines in proportion to their subtotals
   (floored shares, the leftover cents to the largest remainders, earlier lines first on ties);
3. line tax on the discounted amount A at rate r (basis points): prices including tax → round_half_up(A x r /
   (10000 + r)) is contained in A; prices excluding tax → round_half_up(A x r / 10000) is added to A;
4. shipping = the method's price x parcels + Σ item shipping x quantity. Parcels: one for all ordinary items, plus
   one per unit of a `shipping_alone` item (at least one). The method's free-over value (measured on subtotal -
   discount) waives the method's price of every parcel, not the items' own shipping costs; a `shipping` coupon
   discounts the whole shipping amount. Shipping amounts are final (no tax is added to or computed on them);
5. payment fee (the store row's surcharge of cash on delivery or the custom method) is added as it is: final,
   untaxed, never discounted;
6. total = Σ (A + added tax) + shipping - shipping discount + payment fee.
"""

from dataclasses import dataclass

# Rule 3 and the rounding are shared with the catalog's net prices, which sit below orders and define them.
from catalog.pricing import line_tax, round_half_up

PERCENT_BASE = 100


@dataclass(frozen=True)
class Item:
    """One line to price. `category_ids` hold the product's categories (coupon targeting); `shipping_cents` is the
    item's own shipping cost per unit and `shipping_alone` ships each unit as a parcel of its own (rule 4)."""

    unit_price_cents: int
    quantity: int
    tax_rate_bp: int = 0
    weight_grams: int = 0
    product_id: int | None = None
    category_ids: frozenset[int] = frozenset()
    shipping_cents: int = 0
    shipping_alone: bool = False

    @property
    def subtotal_cents(self) -> int:
        return self.unit_price_cents * self.quantity


@dataclass(frozen=True)
class CouponTerms:
    """What a coupon grants; `category_ids` is the target category with its descendants."""

    type: str
    value: int
    applies_to: str = "all_orders"
    orders_over_cents: int | None = None
    product_id: int | None = None
    category_ids: frozenset[int] = frozenset()

    def covers(self, item: Item) -> bool:
        if self.applies_to == "product":
            return item.product_id == self.product_id
        if self.applies_to == "category":
            return bool(item.category_ids & self.category_ids)
        return True


@dataclass(frozen=True)
class LineAmounts:
    item: Item
    subtotal_cents: int
    discount_cents: int
    tax_cents: int
    total_cents: int


@dataclass(frozen=True)
class Totals:
    lines: tuple[LineAmounts, ...]
    taxes_included: bool
    subtotal_cents: int
    discount_cents: int
    product_tax_cents: int
    shipping_cents: int
    shipping_discount_cents: int
    total_cents: int
    weight_grams: int
    coupon_applied: bool = False
    payment_fee_cents: int = 0
    parcels: int = 1

    @property
    def value_cents(self) -> int:
        """The order value shipping rules and coupon minimums look at: subtotal - discount."""
        return self.subtotal_cents - self.discount_cents


def coupon_applies(coupon: CouponTerms, items: list[Item]) -> bool:
    """Whether the coupon's condition holds for these items (minimum order value, target product or category)."""
    if coupon.applies_to == "orders_over":
        return sum(item.subtotal_cents for item in items) >= (coupon.orders_over_cents or 0)
    return any(coupon.covers(item) for item in items)


def line_discounts(items: list[Item], coupon: CouponTerms | None) -> list[int]:
    """The discount of each line under the coupon (rule 2); zeros when it does not apply."""
    if coupon is None or coupon.type == "shipping" or not coupon_applies(coupon, items):
        return [0] * len(items)
    eligible = [coupon.covers(item) for item in items]
    if coupon.type == "percent":
        percent = min(coupon.value, PERCENT_BASE)
        return [
            round_half_up(item.subtotal_cents * percent, PERCENT_BASE) if covered else 0
            for item, covered in zip(items, eligible, strict=True)
        ]
    eligible_total = sum(item.subtotal_cents for item, covered in zip(items, eligible, strict=True) if covered)
    amount = min(coupon.value, eligible_total)
    if not amount:
        return [0] * len(items)
    shares, remainders = [], []
    for index, (item, covered) in enumerate(zip(items, eligible, strict=True)):
        quotient, remainder = divmod(item.subtotal_cents * amount, eligible_total) if covered else (0, 0)
        shares.append(quotient)
        remainders.append((-remainder, index))
    leftover = amount - sum(shares)
    for _, index in sorted(remainders)[:leftover]:
        shares[index] += 1
    return shares


def parcel_count(items: list[Item]) -> int:
    """Rule 4: one parcel for the ordinary items, one per unit of a `shipping_alone` item; at least one."""
    alone_units = sum(item.quantity for item in items if item.shipping_alone)
    return max(1, alone_units + (1 if any(not item.shipping_alone for item in items) else 0))


def compute_totals(
    *,
    items: list[Item],
    taxes_included: bool,
    coupon: CouponTerms | None = None,
    shipping_price_cents: int = 0,
    shipping_free_over_cents: int | None = None,
    payment_fee_cents: int = 0,
) -> Totals:
    """Price the items with the coupon, shipping method and payment fee terms (rules 1-6 of the module docstring).

    `shipping_price_cents` is the method's price for one parcel.
    """
    applied = coupon is not None and coupon_applies(coupon, items)
    lines = []
    for item, discount in zip(items, line_discounts(items, coupon), strict=True):
        taxable = item.subtotal_cents - discount
        tax = line_tax(taxable, item.tax_rate_bp, taxes_included=taxes_included)
        lines.append(LineAmounts(item, item.subtotal_cents, discount, tax, taxable + (0 if taxes_included else tax)))
    subtotal = sum(line.subtotal_cents for line in lines)
    discount = sum(line.discount_cents for line in lines)
    parcels = parcel_count(items)
    method_price = shipping_price_cents * parcels
    if shipping_free_over_cents is not None and subtotal - discount >= shipping_free_over_cents:
        method_price = 0
    shipping = method_price + sum(item.shipping_cents * item.quantity for item in items)
    shipping_discount = shipping if applied and coupon.type == "shipping" else 0
    return Totals(
        lines=tuple(lines),
        taxes_included=taxes_included,
        subtotal_cents=subtotal,
        discount_cents=discount,
        product_tax_cents=sum(line.tax_cents for line in lines),
        shipping_cents=shipping,
        shipping_discount_cents=shipping_discount,
        total_cents=sum(line.total_cents for line in lines) + shipping - shipping_discount + payment_fee_cents,
        weight_grams=sum(item.weight_grams * item.quantity for item in items),
        coupon_applied=applied,
        payment_fee_cents=payment_fee_cents,
        parcels=parcels,
    )
