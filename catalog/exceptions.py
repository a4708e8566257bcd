"""Errors the catalog services raise; each renders as problem+json with its status and code."""

from shopplatform.errors import AlreadyExists, Conflict, InvalidInput


class InvalidPrice(InvalidInput):
    """A price is negative, a promotional price is not below the price, or a price is missing."""

    code, title = "invalid_price", "Invalid price"


class InvalidBarcode(InvalidInput):
    """A GTIN, UPC or EAN has the wrong length, non-digits or a wrong check digit."""

    code, title = "invalid_barcode", "Invalid barcode"


class InvalidStatus(InvalidInput):
    """The product status is not one of draft, active, hidden, out_of_stock, soon (or codes 1-4)."""

    code, title = "invalid_status", "Invalid status"


class SlugTaken(AlreadyExists):
    """Another product, category or brand already uses this slug."""

    code, title = "slug_taken", "Slug already in use"


class StockNotEnabled(InvalidInput):
    """Stock settings were sent for a product whose stock tracking is off."""

    code, title = "stock_not_enabled", "Stock tracking is off"


class WholesaleNotEnabled(InvalidInput):
    """A variant wholesale price was sent for a product without a wholesale price."""

    code, title = "wholesale_not_enabled", "Wholesale is off"


class TooManyOptionGroups(InvalidInput):
    """A product has at most three option groups (variant dimensions)."""

    code, title = "too_many_option_groups", "Too many option groups"


class InvalidOptions(InvalidInput):
    """Option values are empty, duplicated or too many."""

    code, title = "invalid_options", "Invalid options"


class CategoryCycle(InvalidInput):
    """A category cannot be its own ancestor."""

    code, title = "category_cycle", "Category cycle"


class UnknownReference(InvalidInput):
    """A referenced category, brand or seller does not exist."""

    code, title = "unknown_reference", "Unknown reference"


class OutOfStock(Conflict):
    """Fewer units are in stock than requested, and the product takes no backorders."""

    code, title = "out_of_stock", "Out of stock"
