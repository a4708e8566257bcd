"""Errors the catalog services raise; each renders as problem+json with its status and code."""

from shopplatform.errors import AlreadyExists, Conflict, InvalidInput, PayloadTooLarge, PermissionDenied


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


class InvalidVersionTag(InvalidInput):
    """A version tag must be a Semantic Versioning 2.0.0 version such as 1.2.0 or 2.0.0-beta.1."""

    code, title = "invalid_version_tag", "Invalid version tag"


class VersionTagTaken(AlreadyExists):
    """The product already has a version with this tag (yanked ones included)."""

    code, title = "version_tag_taken", "Version tag already used"


class VersionFileTooLarge(PayloadTooLarge):
    """The version file is over DIGITAL_MAX_FILE_BYTES."""

    code, title = "version_file_too_large", "Version file too large"


class NotSellerOrStaff(PermissionDenied):
    """Only the product's seller or a merchant (staff) may manage its versions."""

    code, title = "not_seller", "Not the product's seller"


class NotOwner(PermissionDenied):
    """The caller does not own the product: buy it (a paid order) or claim it if it is free."""

    code, title = "not_owner", "Product not owned"


class ProductNotFree(Conflict):
    """Only products marked `is_free` can be claimed without an order."""

    code, title = "product_not_free", "Product is not free"


class OwnVoteRefused(PermissionDenied):
    """Authors cannot vote their own review helpful."""

    code, title = "own_review_vote", "Own review"


class DownloadLinkExpired(PermissionDenied):
    """Download links are valid for 60 seconds; ask the download endpoint for a new one."""

    code, title = "download_link_expired", "Download link expired"


class InvalidDownloadLink(PermissionDenied):
    """The download link was altered or was not issued by this server."""

    code, title = "invalid_download_link", "Invalid download link"
