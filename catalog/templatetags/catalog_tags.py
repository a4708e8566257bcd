"""Catalog facts every store page shows: the navigation categories and the wishlist count.

`{% load catalog_tags %}`, then `{% nav_categories as categories %}` and `{% wishlist_count as count %}`. The
platform core knows nothing of the catalog; its templates ask the catalog through these tags. Like the store
context, they give nothing on admin and API pages.
"""

from django import template

from catalog.views import top_categories, wishlist_ids
from shopplatform.store.context_processors import shows_storefront

register = template.Library()


@register.simple_tag(takes_context=True)
def nav_categories(context) -> list:
    """The active top-level categories, read once per request however many templates ask."""
    request = context.get("request")
    if request is None or not shows_storefront(request):
        return []
    if not hasattr(request, "_shop_nav_categories"):
        request._shop_nav_categories = top_categories()
    return request._shop_nav_categories


@register.simple_tag(takes_context=True)
def wishlist_count(context) -> int:
    """Products on the visitor's wishlist (kept in the session: no query)."""
    request = context.get("request")
    if request is None or not hasattr(request, "session") or not shows_storefront(request):
        return 0
    return len(wishlist_ids(request))
