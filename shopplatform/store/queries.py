"""Reads of the store settings."""

from django.db.models import prefetch_related_objects

from .models import Store


def store_with_relations() -> Store:
    """The store settings with payment methods, locations and menu items loaded (four queries in all)."""
    store = Store.load()
    prefetch_related_objects([store], "payment_methods", "locations", "menu_items")
    return store
