"""Price arithmetic of catalog rows: the price a unit sells at, net prices, percent off, and the tax rule.

Catalog amounts are integer cents in the one store currency (`Store.load().currency`), shown in the store's locale.
Orders price carts and checkouts with the functions here (orders.services.pricing documents the whole rounding
rule), so a product page never quotes a price or a net amount checkout would compute differently:
- a unit sells at the wholesale price for wholesale customers when one is set, else the promotional price, else
  the price (a variant's empty prices fall back to its product's);
- tax at rate r basis points on an amount A is rounded half up to the cent: prices including tax contain
  round_half_up(A x r / (10000 + r)), prices excluding tax add round_half_up(A x r / 10000);
- a price including tax loses the tax it contains to become net; a price excluding tax is already net.
"""

from shopplatform.money import format_money

BASIS_POINTS = 10_000


def round_half_up(numerator: int, denominator: int) -> int:
    """numerator / denominator to the nearest integer, halves away from zero (both non-negative)."""
    return (2 * numerator + denominator) // (2 * denominator)


def line_tax(amount_cents: int, rate_bp: int, *, taxes_included: bool) -> int:
    """The tax contained in (prices including tax) or added to (excluding tax) an amount."""
    if not rate_bp or amount_cents <= 0:
        return 0
    if taxes_included:
        return round_half_up(amount_cents * rate_bp, BASIS_POINTS + rate_bp)
    return round_half_up(amount_cents * rate_bp, BASIS_POINTS)


def unit_price_cents(product, variant, *, wholesale: bool) -> int:
    """The price one unit sells at: wholesale price for wholesale customers when set, else promo, else price."""
    if variant is not None:
        price = variant.effective_price_cents(product)
        promo = variant.effective_promo_price_cents(product)
        wholesale_price = variant.effective_wholesale_price_cents(product)
    else:
        price, promo, wholesale_price = product.price_cents, product.promo_price_cents, product.wholesale_price_cents
    if wholesale and wholesale_price is not None:
        return wholesale_price
    return promo if promo is not None else price


def format_cents(amount_cents: int | None, currency: str, locale: str) -> str | None:
    """Display string for an amount, or None when there is no amount."""
    return None if amount_cents is None else format_money(amount_cents, currency, locale)


def price_without_tax_cents(price_cents: int, *, tax_rate_bp: int, taxes_included: bool) -> int:
    """The price net of tax at `tax_rate_bp` basis points (see the module docstring)."""
    if not taxes_included:
        return price_cents
    return price_cents - line_tax(price_cents, tax_rate_bp, taxes_included=True)


def percent_off(price_cents: int, promo_price_cents: int | None) -> int | None:
    """Whole percent a promotional price takes off the price, rounded down."""
    if promo_price_cents is None or not price_cents:
        return None
    return (price_cents - promo_price_cents) * 100 // price_cents
