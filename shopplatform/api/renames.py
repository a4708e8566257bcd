"""Names other commerce APIs (the seeds) use for our fields and query parameters.

Built from the renames recorded in docs/conformance.md ("replaced" rows and the product, category and list
rows). Strict input uses it to answer an unknown name with ours ("`stock_qty` is `stock_quantity` here"); a name
missing here still gets a hint when its snake_case spelling or its `_cents` form is a field of the request.
"""

import re

# Seed field or parameter name → our name. A value may name several of ours when the meaning depends on the call.
RENAMES: dict[str, str] = {
    "stock_qty": "stock_quantity",
    "stockQty": "stock_quantity",
    "quantity_in_stock": "stock_quantity",
    "weightUnit": "weight_unit",
    "weight_units": "weight_unit",
    "parent_id": "parent",
    "category_id": "categories",
    "category_ids": "categories",
    "brand_id": "brand",
    "seller_id": "seller",
    "price": "price_cents",
    "price_promo": "promo_price_cents",
    "promo_price": "promo_price_cents",
    "price_wholesale": "wholesale_price_cents",
    "wholesale_price": "wholesale_price_cents",
    "price_promo_percentage": "promo_percentage",
    "shipping": "shipping_cents",
    "name": "title",
    "handle": "slug",
    "reference": "sku",
    "perPage": "limit",
    "per_page": "limit",
    "pageSize": "limit",
    "page_size": "limit",
    "offset": "page",
    "id": "ids",
    "search": "q",
    "sort": "ordering",
    "order_by": "ordering",
    "id_variant_1": "option_ids",
    "id_variant_2": "option_ids",
    "id_variant_3": "option_ids",
    "amount_formatted": "amount_cents",
}

_CAMEL_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def snake_case(name: str) -> str:
    return _CAMEL_BOUNDARY.sub("_", name).lower()


def our_name_for(name: str, known: set[str] | frozenset[str]) -> str | None:
    """Our name for a seed's `name` among the `known` names of this request, or None."""
    candidates = [RENAMES.get(name), snake_case(name), f"{snake_case(name)}_cents"]
    return next((candidate for candidate in candidates if candidate and candidate != name and candidate in known), None)
