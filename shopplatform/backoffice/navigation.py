"""The back-office sidebar: the admin lists this user may open, grouped as a merchant looks for them.

Built from the admin site's own app list, so a list appears only for staff with permission to view it (the
roles in roles.py; developer tables are superuser-only). A list not named here falls in its app's group.
"""

from django.contrib import admin

GROUPS = ["Sales", "Catalog", "Customers", "Content", "Settings", "Developers"]
MODEL_GROUPS = {
    "orders.order": ("Sales", "shopping_bag"),
    "orders.coupon": ("Sales", "sell"),
    "orders.cart": ("Sales", "shopping_cart"),
    "orders.invoice": ("Sales", "receipt_long"),
    "orders.refund": ("Sales", "currency_exchange"),
    "orders.emailtemplate": ("Settings", "mail"),
    "catalog.product": ("Catalog", "inventory_2"),
    "catalog.variant": ("Catalog", "style"),
    "catalog.category": ("Catalog", "category"),
    "catalog.brand": ("Catalog", "sell"),
    "catalog.optiongroup": ("Catalog", "tune"),
    "catalog.productpassport": ("Catalog", "badge"),
    "catalog.seller": ("Catalog", "storefront"),
    "catalog.version": ("Catalog", "deployed_code"),
    "catalog.ownership": ("Catalog", "key"),
    "media_library.media": ("Catalog", "photo_library"),
    "accounts.customer": ("Customers", "group"),
    "catalog.review": ("Customers", "reviews"),
    "wallet.wallet": ("Customers", "account_balance_wallet"),
    "privacy.privacyrequest": ("Customers", "shield_person"),
    "store.contentpage": ("Content", "article"),
    "store.newspost": ("Content", "newspaper"),
    "store.store": ("Settings", "storefront"),
    "orders.shippingmethod": ("Settings", "local_shipping"),
    "auth.user": ("Settings", "person"),
    "auth.group": ("Settings", "admin_panel_settings"),
    "accounts.apikey": ("Developers", "key"),
    "webhooks.webhookendpoint": ("Developers", "webhook"),
}
APP_GROUPS = {
    "orders": "Sales",
    "catalog": "Catalog",
    "media_library": "Catalog",
    "accounts": "Customers",
    "privacy": "Customers",
    "store": "Content",
    "backoffice": "Settings",
}
DEFAULT_ICON = "table_rows"


def sidebar_navigation(request) -> list[dict]:
    """unfold's SIDEBAR["navigation"]: groups of {title, icon, link}, empty groups left out."""
    position = {label: index for index, label in enumerate(MODEL_GROUPS)}  # as listed above, the others after
    found: dict[str, list[tuple]] = {group: [] for group in GROUPS}
    for app in admin.site.get_app_list(request):
        for model in app["models"]:
            if not model.get("admin_url"):
                continue
            label = f"{app['app_label']}.{model['object_name'].lower()}"
            group, icon = MODEL_GROUPS.get(label, (APP_GROUPS.get(app["app_label"], "Developers"), DEFAULT_ICON))
            item = {"title": model["name"], "icon": icon, "link": model["admin_url"]}
            found[group].append((position.get(label, len(position)), str(model["name"]), item))
    # Every group open but the developer tables, which only superusers see and rarely need.
    return [
        {
            "title": group,
            "collapsible": group == "Developers",
            "items": [item for *_, item in sorted(rows, key=lambda row: row[:2])],
        }
        for group, rows in found.items()
        if rows
    ]
