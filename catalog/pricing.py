"""The currency and display locale of catalog prices.

Catalog amounts are integer cents in the one store currency, read from the store settings row; before that row
exists (a fresh install) the CATALOG_DEFAULT_CURRENCY / CATALOG_DEFAULT_LOCALE settings apply. Reads never
create the row.
"""

from django.conf import settings

from shopplatform.money import format_money
from shopplatform.store.models import Store


def store_currency_and_locale() -> tuple[str, str]:
    row = Store.objects.filter(pk=Store.SINGLETON_PK).values_list("currency", "locale").first()
    return row or (settings.CATALOG_DEFAULT_CURRENCY, settings.CATALOG_DEFAULT_LOCALE)


def format_cents(amount_cents: int | None, currency: str, locale: str) -> str | None:
    """Display string for an amount, or None when there is no amount."""
    return None if amount_cents is None else format_money(amount_cents, currency, locale)
