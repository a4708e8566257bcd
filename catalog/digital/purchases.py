"""Who bought what: a registry of purchase sources, so the catalog can tell owners without importing orders.

Orders sit above the catalog, yet "has this customer bought this product" decides who may download and review
it. An app that sells products registers a source once, at start-up (orders does it in `OrdersConfig.ready()`):

    register_purchase_source(paid_product_ids)

A source is a function `source(user) -> QuerySet` of product primary keys (e.g. `.values("product_id")`) the user
bought and still owns (paid, not refunded); it must not evaluate the queryset, so ownership checks stay one SQL
statement. `purchased_product_ids(user)` returns the querysets of every registered source;
catalog.digital.queries.owned_products combines them with the Ownership rows (claims and staff grants).
"""

from collections.abc import Callable

from django.db.models import QuerySet

PurchaseSource = Callable[[object], QuerySet]

_sources: list[PurchaseSource] = []


def register_purchase_source(source: PurchaseSource) -> None:
    """Add a source of bought product ids; registering the same function again changes nothing."""
    if source not in _sources:
        _sources.append(source)


def purchased_product_ids(user) -> list[QuerySet]:
    """Unevaluated querysets of the product pks the user bought, one per registered source."""
    return [source(user) for source in _sources]
