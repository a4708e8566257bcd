"""Catalog models: sellers, brands, the category tree, products with their images, tags, option groups and variants.

Money is integer cents in the store currency (catalog.pricing.store_currency_and_locale). Stock lives on the product when
it has no variants and on each variant otherwise; the product's stock settings (enabled, backorder, notify
threshold) apply to its variants too.
"""

from .products import (
    GRAMS_PER_UNIT,
    PUBLIC_STATUSES,
    STATUS_BY_CODE,
    STATUS_CODES,
    Product,
    ProductImage,
    ProductStatus,
    ProductTag,
    WeightUnit,
    parse_status,
    weight_in_grams,
)
from .sellers import Seller
from .seo import SeoFields
from .taxonomy import Brand, Category
from .variants import Option, OptionGroup, Variant

__all__ = [
    "GRAMS_PER_UNIT",
    "PUBLIC_STATUSES",
    "STATUS_BY_CODE",
    "STATUS_CODES",
    "Brand",
    "Category",
    "Option",
    "OptionGroup",
    "Product",
    "ProductImage",
    "ProductStatus",
    "ProductTag",
    "Seller",
    "SeoFields",
    "Variant",
    "WeightUnit",
    "parse_status",
    "weight_in_grams",
]
