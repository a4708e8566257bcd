"""The currency and display locale of catalog prices.

Catalog amounts are integer cents in the one store currency. Until the store settings model exists the
currency comes from settings (CATALOG_DEFAULT_CURRENCY); this module is the one place to switch over.
"""

from django.conf import settings

from shopplatform.money import format_money, validate_currency


def store_currency() -> str:
    return validate_currency(settings.CATALOG_DEFAULT_CURRENCY)


def store_locale() -> str:
    return settings.CATALOG_DEFAULT_LOCALE


def format_cents(amount_cents: int | None, currency: str, locale: str) -> str | None:
    """Display string for an amount, or None when there is no amount."""
    return None if amount_cents is None else format_money(amount_cents, currency, locale)
