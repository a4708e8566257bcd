"""Catalog models: sellers, brands, the category tree, products with their images, tags, option groups and variants.

Money is integer cents in the store currency (catalog.pricing.store_currency_and_locale). Stock lives on the product when
it has no variants and on each variant otherwise; the product's stock settings (enabled, backorder, notify
threshold) apply to its variants too.
"""

from .digital import DigitalListing, Ownership, Version, VersionChannel, semver_key
from .passports import PassportMaterial, ProductPassport
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
from .reviews import HelpfulVote, Review
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
    "DigitalListing",
    "HelpfulVote",
    "Option",
    "OptionGroup",
    "Ownership",
    "PassportMaterial",
    "Product",
    "ProductImage",
    "ProductPassport",
    "ProductStatus",
    "ProductTag",
    "Review",
    "Seller",
    "SeoFields",
    "Variant",
    "Version",
    "VersionChannel",
    "WeightUnit",
    "parse_status",
    "semver_key",
    "weight_in_grams",
]
