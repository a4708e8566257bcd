"""Catalog operations; views, admin, the demo loader and checkout call these, never the models directly.

Every service takes keyword arguments only, runs in one transaction and raises catalog.exceptions errors.
"""

from .extras import record_sales
from .options import create_option_group, delete_option_group, regenerate_variants, update_option_group
from .products import create_product, delete_product, set_product_status, update_product
from .stock import StockLine, claim_stock, release_stock
from .taxonomy import create_brand, create_category, delete_brand, delete_category, update_brand, update_category
from .variants import delete_variant, update_variant

__all__ = [
    "StockLine",
    "claim_stock",
    "create_brand",
    "create_category",
    "create_option_group",
    "create_product",
    "delete_brand",
    "delete_category",
    "delete_option_group",
    "delete_product",
    "delete_variant",
    "record_sales",
    "regenerate_variants",
    "release_stock",
    "set_product_status",
    "update_brand",
    "update_category",
    "update_option_group",
    "update_product",
    "update_variant",
]
