"""The store terms catalog prices are shown in: currency, display locale, whether prices include tax.

Catalog amounts are integer cents in the one store currency, read from the store settings row; before that row
exists (a fresh install) the CATALOG_DEFAULT_CURRENCY / CATALOG_DEFAULT_LOCALE settings and the Store model's
defaults apply. Reads never create the row.

Net prices (`price_without_tax_cents`) follow the orders pricing rule (orders.services.pricing, rule 3), so the
catalog never shows a net amount checkout would compute differently: a price including tax loses the tax it
contains, rounded half up to the cent; a price excluding tax is already net.
"""

from django.conf import settings

from shopplatform.money import format_money
from shopplatform.store.models import Store

# The store fields catalog output reads: money display, tax inclusion and the storefront base URL.
CATALOG_STORE_FIELDS = ("currency", "locale", "taxes_included", "url", "domain", "is_ssl")


def catalog_store() -> Store:
    """The store settings catalog output depends on, in one query; unsaved defaults before the row exists."""
    store = Store.objects.filter(pk=Store.SINGLETON_PK).only(*CATALOG_STORE_FIELDS).first()
    return store or Store(currency=settings.CATALOG_DEFAULT_CURRENCY, locale=settings.CATALOG_DEFAULT_LOCALE)


def store_currency_and_locale() -> tuple[str, str]:
    store = catalog_store()
    return store.currency, store.locale


def format_cents(amount_cents: int | None, currency: str, locale: str) -> str | None:
    """Display string for an amount, or None when there is no amount."""
    return None if amount_cents is None else format_money(amount_cents, currency, locale)


def price_without_tax_cents(price_cents: int, *, tax_rate_bp: int, taxes_included: bool) -> int:
    """The price net of tax at `tax_rate_bp` basis points (see the module docstring)."""
    if not taxes_included:
        return price_cents
    # Imported here: orders.services imports catalog.services, whose events render products with this module.
    from orders.services.pricing import line_tax

    return price_cents - line_tax(price_cents, tax_rate_bp, taxes_included=True)


def percent_off(price_cents: int, promo_price_cents: int | None) -> int | None:
    """Whole percent a promotional price takes off the price, rounded down."""
    if promo_price_cents is None or not price_cents:
        return None
    return (price_cents - promo_price_cents) * 100 // price_cents
