"""The staff roles: Django groups with the permissions each job needs.

- Shop manager: runs the shop: orders (no deleting), coupons, shipping, the catalog, customers, store settings
  and content, wallet adjustments, privacy requests.
- Fulfilment: handles orders (status, shipping, invoices); reads products and customers, edits neither.
- Catalog editor: products, variants, taxonomy, media, passports, digital versions; moderates reviews.

Developer tables (outbox events, deliveries, idempotency records, ledger entries, holds) are in no role and their
admins show them to superusers only (admin_base.SuperuserOnlyMixin). `grant_roles` only ever adds permissions, so
running it again (the data migration, then every `migrate`, which also covers models added later) keeps what a
superuser granted a group by hand.
"""

from django.apps import apps as installed_apps
from django.db.models import Q

ALL = ("view", "add", "change", "delete")
EDIT = ("view", "add", "change")
READ = ("view",)

CATALOG = {
    ("catalog", "product"): ALL,
    ("catalog", "variant"): ALL,
    ("catalog", "productimage"): ALL,
    ("catalog", "category"): ALL,
    ("catalog", "brand"): ALL,
    ("catalog", "seller"): ALL,
    ("catalog", "optiongroup"): ALL,
    ("catalog", "option"): ALL,
    ("catalog", "productpassport"): ALL,
    ("catalog", "material"): ALL,
    ("catalog", "version"): ALL,
    ("catalog", "ownership"): READ,
    ("catalog", "review"): ("view", "change"),
    ("media_library", "media"): ALL,
}
ROLES: dict[str, dict[tuple[str, str], tuple[str, ...]]] = {
    "Shop manager": {
        **CATALOG,
        ("catalog", "review"): ("view", "change", "delete"),
        ("orders", "order"): ("view", "change"),
        ("orders", "invoice"): EDIT,
        ("orders", "refund"): ("view", "add"),
        ("orders", "coupon"): ALL,
        ("orders", "shippingmethod"): ALL,
        ("orders", "cart"): READ,
        ("accounts", "customer"): EDIT,
        ("accounts", "address"): ALL,
        ("wallet", "wallet"): READ,
        ("wallet", "ledgerentry"): ("add",),  # the wallet's "Adjust balance" form; the table stays hidden
        ("store", "store"): ("view", "change"),
        ("store", "paymentmethod"): ALL,
        ("store", "pickuplocation"): ALL,
        ("store", "menuitem"): ALL,
        ("store", "contentpage"): ALL,
        ("store", "newspost"): ALL,
        ("privacy", "privacyrequest"): EDIT,
        ("backoffice", "job"): ("view", "add"),
    },
    "Fulfilment": {
        ("orders", "order"): ("view", "change"),
        ("orders", "invoice"): ("view", "add"),
        ("orders", "shippingmethod"): READ,
        ("catalog", "product"): READ,
        ("catalog", "variant"): READ,
        ("accounts", "customer"): READ,
        ("accounts", "address"): READ,
    },
    "Catalog editor": {**CATALOG, ("backoffice", "job"): ("view", "add")},
}


def role_permissions(permission_model, role: str):
    """The permission rows of `role` that exist (a model not yet migrated is skipped)."""
    wanted = Q(pk__in=[])
    for (app_label, model), actions in ROLES[role].items():
        codenames = [f"{action}_{model}" for action in actions]
        wanted |= Q(content_type__app_label=app_label, content_type__model=model, codename__in=codenames)
    return permission_model.objects.filter(wanted)


def grant_roles(apps) -> None:
    """Create the role groups if missing and add their permissions (never removes any)."""
    group_model, permission_model = apps.get_model("auth", "Group"), apps.get_model("auth", "Permission")
    for role in ROLES:
        group, _ = group_model.objects.get_or_create(name=role)
        group.permissions.add(*role_permissions(permission_model, role))


def grant_roles_after_migrate(sender, using=None, **kwargs) -> None:
    """post_migrate of the back-office app (the last one): every model's permissions exist by now."""
    grant_roles(installed_apps)
