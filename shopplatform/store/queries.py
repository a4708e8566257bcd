"""Reads of the store settings."""

from django.db.models import prefetch_related_objects

from .models import Store


def store_with_relations() -> Store:
    """The store settings with payment methods, locations and menu items loaded (four queries in all)."""
    store = Store.load()
    prefetch_related_objects([store], "payment_methods", "locations", "menu_items")
    return store


def store_money_settings() -> tuple[str, str]:
    """The store's (currency, locale) for showing and entering amounts (shopplatform.forms reads it per request)."""
    currency, locale = Store.objects.filter(pk=Store.SINGLETON_PK).values_list("currency", "locale").first() or (
        Store._meta.get_field("currency").default,
        Store._meta.get_field("locale").default,
    )
    return currency, locale
