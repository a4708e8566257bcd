"""What every store page shows from the store settings: the settings themselves and the menus.

Facts of other apps (navigation categories, cart and wishlist counts) come from template tags those apps own
(`catalog_tags`, `orders_tags`), so the platform core imports no domain app. Admin pages and the JSON API skip it,
so they pay no queries for the storefront chrome.
"""

from django.utils.functional import SimpleLazyObject

from shopplatform.process_copy import ProcessCopy

from .models import MenuItem, Store

SKIPPED_PREFIXES = ("/admin/", "/api/v1/")


def current_store(request) -> Store:
    """The store settings a page shows, taken once per request from the process's copy (Store.cached)."""
    if not hasattr(request, "_shop_store"):
        request._shop_store = Store.cached()
    return request._shop_store


def shows_storefront(request) -> bool:
    """Whether the request renders a store page (not the admin or the JSON API), which shows the store chrome."""
    return not request.path.startswith(SKIPPED_PREFIXES)


def storefront(request) -> dict:
    if not shows_storefront(request):
        return {}
    store = current_store(request)
    return {"store": store, "menus": SimpleLazyObject(MENUS.get)}


def _menus() -> dict:
    menus: dict[str, list[dict]] = {MenuItem.Menu.PRIMARY: [], MenuItem.Menu.SECONDARY: []}
    for item in MenuItem.objects.filter(store_id=Store.SINGLETON_PK):
        # An empty base URL keeps links relative to whichever host serves the page.
        menus[item.menu].append({"text": item.text, "url": item.resolve_url(""), "new_tab": item.target_blank})
    return menus


# The menus every store page shows, kept by each process for a few seconds (shopplatform.process_copy).
MENUS = ProcessCopy(_menus)
