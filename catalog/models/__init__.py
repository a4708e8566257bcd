"""Catalog models: sellers, brands, the category tree, products with their images, tags, option groups and variants.

Money is integer cents in the store currency (Store.load().currency). Stock lives on the product when it has no
variants and on each variant otherwise; the product's stock settings (enabled, backorder, notify threshold) apply
to its variants too.

Django discovers an app's models through this module only, so it also re-exports the models of the sub-domain
packages (digital products, passports, reviews). Those modules name core models by string and never import this
one: these three imports are the only way the core package depends on its sub-domains.
"""

from ..digital.models import DigitalListing, Ownership, Version, VersionChannel, semver_key
from ..passports.models import PassportMaterial, ProductPassport
from ..reviews.models import HelpfulVote, Review
from .documents import ListingChange, ProductCard, ProductDocument
from .products import (
    GRAMS_PER_UNIT,
    PUBLIC_STATUSES,
    PUBLICLY_LISTED,
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
from .shelves import SHELF_ORDERINGS, ShelfEntry
from .taxonomy import Brand, Category
from .variants import Option, OptionGroup, Variant

__all__ = [
    "GRAMS_PER_UNIT",
    "PUBLICLY_LISTED",
    "PUBLIC_STATUSES",
    "SHELF_ORDERINGS",
    "STATUS_BY_CODE",
    "STATUS_CODES",
    "Brand",
    "Category",
    "DigitalListing",
    "HelpfulVote",
    "ListingChange",
    "Option",
    "OptionGroup",
    "Ownership",
    "PassportMaterial",
    "Product",
    "ProductCard",
    "ProductDocument",
    "ProductImage",
    "ProductPassport",
    "ProductStatus",
    "ProductTag",
    "Review",
    "Seller",
    "SeoFields",
    "ShelfEntry",
    "Variant",
    "Version",
    "VersionChannel",
    "WeightUnit",
    "parse_status",
    "semver_key",
    "weight_in_grams",
]
