"""What every store page shows: the store settings, its menus, top categories and the cart and wishlist counts.

Admin pages and the JSON API skip it, so they pay no queries for the storefront chrome.
"""

from django.utils.functional import SimpleLazyObject

from .models import MenuItem, Store

SKIPPED_PREFIXES = ("/admin/", "/api/v1/")


def current_store(request) -> Store:
    """The store settings, read once per request."""
    if not hasattr(request, "_shop_store"):
        request._shop_store = Store.load()
    return request._shop_store


def storefront(request) -> dict:
    if request.path.startswith(SKIPPED_PREFIXES):
        return {}
    from catalog.views import top_categories, wishlist_ids  # store pages sit above the apps they show
    from orders.views import cart_quantity

    store = current_store(request)
    return {
        "store": store,
        "menus": SimpleLazyObject(lambda: _menus(store)),
        "nav_categories": SimpleLazyObject(top_categories),
        "cart_quantity": SimpleLazyObject(lambda: cart_quantity(request)),
        "wishlist_count": len(wishlist_ids(request)),
    }


def _menus(store: Store) -> dict:
    menus: dict[str, list[dict]] = {MenuItem.Menu.PRIMARY: [], MenuItem.Menu.SECONDARY: []}
    for item in MenuItem.objects.filter(store=store):
        # An empty base URL keeps links relative to whichever host serves the page.
        menus[item.menu].append({"text": item.text, "url": item.resolve_url(""), "new_tab": item.target_blank})
    return menus
