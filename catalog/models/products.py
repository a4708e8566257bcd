"""Products with their images (media of the library or external URLs) and tags; status codes and weight units."""

from decimal import Decimal

from django.db import models
from django.db.models import Q

from media_library.models import Media
from media_library.renditions import RENDITIONS, rendition_urls
from shopplatform.ids import PublicIdField

from ..exceptions import InvalidPrice, InvalidStatus
from ..pricing import percent_off
from ..text import EXCERPT_LENGTH, META_DESCRIPTION_LENGTH, SLUG_MAX_LENGTH, plain_text, truncate
from .extras import FileAccess, ReducedRate
from .sellers import Seller
from .seo import SeoFields
from .taxonomy import Brand, Category


class ProductStatus(models.TextChoices):
    """Lifecycle of a product. The published integer codes are 1-4; `draft` has no code."""

    DRAFT = "draft"
    ACTIVE = "active"
    HIDDEN = "hidden"
    OUT_OF_STOCK = "out_of_stock", "Out of stock"
    SOON = "soon", "Coming soon"


STATUS_CODES = {
    ProductStatus.ACTIVE: 1,
    ProductStatus.HIDDEN: 2,
    ProductStatus.OUT_OF_STOCK: 3,
    ProductStatus.SOON: 4,
}
STATUS_BY_CODE = {code: status for status, code in STATUS_CODES.items()}
PUBLIC_STATUSES = (ProductStatus.ACTIVE, ProductStatus.OUT_OF_STOCK, ProductStatus.SOON)
# What anonymous callers see, written as catalog.queries.visible_products filters, so PostgreSQL matches the partial
# indexes below to its queries; and the list orderings those indexes serve.
PUBLICLY_LISTED = Q(status__in=PUBLIC_STATUSES, wholesale_only=False)
PUBLIC_ORDERINGS = {
    "position": ["position", "-created_at", "-id"],
    "price": ["price_cents", "id"],
    "title": ["title", "id"],
    "created": ["created_at", "id"],
    "updated": ["updated_at", "id"],
}


def parse_status(value, *, param: str = "status") -> ProductStatus:
    """Accept a status name or its integer code (as int or digit string); raise InvalidStatus."""
    text = str(value).strip().lower()
    if text.isdigit() and int(text) in STATUS_BY_CODE:
        return STATUS_BY_CODE[int(text)]
    if text in ProductStatus.values:
        return ProductStatus(text)
    raise InvalidStatus(f"'{value}' is not a product status.", param=param)


class WeightUnit(models.TextChoices):
    GRAM = "g"
    KILOGRAM = "kg"
    POUND = "lb"
    OUNCE = "oz"


GRAMS_PER_UNIT = {
    WeightUnit.GRAM: Decimal(1),
    WeightUnit.KILOGRAM: Decimal(1000),
    WeightUnit.POUND: Decimal("453.59237"),
    WeightUnit.OUNCE: Decimal("28.349523125"),
}


def weight_in_grams(weight: Decimal | None, unit: str) -> int | None:
    """Round to whole grams, the unit shipping rules and the published `weight` field use."""
    if weight is None:
        return None
    return int((weight * GRAMS_PER_UNIT[WeightUnit(unit)]).quantize(Decimal(1)))


# Saving any of these re-derives the stored display text.
TEXT_SOURCES = {"description", "excerpt", "meta_description"}
DERIVED_TEXT = ("derived_excerpt", "derived_meta_description")


class Product(SeoFields):
    public_id = PublicIdField(prefix="prod")
    title = models.CharField(max_length=255)
    slug = models.SlugField(max_length=SLUG_MAX_LENGTH, unique=True, help_text="Stable once set; not renamed.")
    description = models.TextField(blank=True, help_text="Sanitized HTML.")
    excerpt = models.CharField(max_length=500, blank=True, help_text="Plain text; derived from description if empty.")
    status = models.CharField(max_length=20, choices=ProductStatus.choices, default=ProductStatus.ACTIVE)
    featured = models.BooleanField(default=False)
    new = models.BooleanField(default=False)
    position = models.IntegerField(default=0)

    price_cents = models.BigIntegerField(default=0)
    promo_price_cents = models.BigIntegerField(null=True, blank=True)
    promo_show_percentage = models.BooleanField(default=False)
    wholesale_price_cents = models.BigIntegerField(null=True, blank=True)
    wholesale_only = models.BooleanField(default=False, help_text="Visible only to wholesale customers.")
    price_on_request = models.BooleanField(default=False)
    is_free = models.BooleanField(default=False)

    categories = models.ManyToManyField(Category, blank=True, related_name="products")
    brand = models.ForeignKey(Brand, null=True, blank=True, on_delete=models.SET_NULL, related_name="products")
    seller = models.ForeignKey(Seller, null=True, blank=True, on_delete=models.SET_NULL, related_name="products")

    sku = models.CharField(max_length=100, blank=True, db_index=True)
    barcode = models.CharField(max_length=100, blank=True, db_index=True, help_text="EAN, ISBN, UPC, GTIN…")
    gtin = models.CharField(max_length=14, blank=True, db_index=True, help_text="Stored as GTIN-14.")
    upc = models.CharField(max_length=12, blank=True)
    ean = models.CharField(max_length=13, blank=True)
    model = models.CharField(max_length=200, blank=True)
    variant = models.CharField(max_length=200, blank=True, help_text='Variant descriptor, e.g. "Blue / L".')
    batch_number = models.CharField(max_length=100, blank=True)
    serial_number = models.CharField(max_length=100, blank=True)
    size = models.CharField(max_length=100, blank=True)
    colour = models.CharField(max_length=100, blank=True)
    weight = models.DecimalField(max_digits=12, decimal_places=3, null=True, blank=True)
    weight_unit = models.CharField(max_length=2, choices=WeightUnit.choices, default=WeightUnit.GRAM)
    weight_grams = models.IntegerField(null=True, blank=True, editable=False)

    ships = models.BooleanField(
        default=True, help_text="Something is delivered: off for downloads, which need no address or shipping."
    )
    shipping_cents = models.BigIntegerField(default=0)
    shipping_alone = models.BooleanField(default=False)
    tax_rate_bp = models.IntegerField(null=True, blank=True, help_text="Basis points: 2300 = 23 %.")
    taxable = models.BooleanField(default=True)
    reduced_rate = models.CharField(
        max_length=20, choices=ReducedRate.choices, blank=True, help_text="Sets the tax rate; empty: standard."
    )

    # Seed 003 extras (catalog.models.extras documents the JSON shapes).
    custom_fields = models.JSONField(default=list, blank=True, help_text='[{"name", "value"}], in order.')
    tabs = models.JSONField(default=list, blank=True, help_text='[{"title", "content"}]; content is sanitized HTML.')
    # PROTECT, like gallery images: deleting the media behind a product's file is refused.
    file = models.ForeignKey(
        "media_library.Media",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Downloadable attachment (manual, datasheet).",
    )
    file_access = models.CharField(max_length=10, choices=FileAccess.choices, default=FileAccess.PUBLIC)
    sales = models.PositiveIntegerField(default=0, editable=False, help_text="Units ordered at checkout.")

    video_url = models.URLField(max_length=1000, blank=True)
    stripe_payment_link = models.URLField(max_length=1000, blank=True)
    channels = models.JSONField(default=list, blank=True, help_text='Sales channels: [{"name", "url"}].')

    stock_enabled = models.BooleanField(default=False)
    stock_quantity = models.IntegerField(default=0)
    stock_backorder = models.BooleanField(default=False)
    stock_show = models.BooleanField(default=False)
    stock_sold_single = models.BooleanField(default=False)
    stock_notify = models.IntegerField(null=True, blank=True, help_text="Report low stock at or below this.")

    rating_avg = models.DecimalField(max_digits=3, decimal_places=2, default=Decimal(0))
    rating_count = models.IntegerField(default=0)
    rating_min = models.SmallIntegerField(null=True, blank=True)
    rating_max = models.SmallIntegerField(null=True, blank=True)

    # The shown excerpt and meta description, derived from the text fields on every save (see derive_text), so
    # reads never parse the description's HTML.
    derived_excerpt = models.CharField(max_length=500, blank=True, editable=False)
    derived_meta_description = models.CharField(max_length=500, blank=True, editable=False)

    # Raised by database triggers on every write to this row or to anything the product's representation shows
    # (images, variants, options, tags, categories, brand, seller, media, digital listing): catalog.documents
    # serves a stored representation only while its version equals this one.
    doc_version = models.BigIntegerField(default=0, editable=False)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["position", "-created_at", "-pk"]
        # A page of any offered ordering is read from an index instead of sorting the whole catalog; each index
        # serves both directions (ties follow the direction, see catalog.filters.StableOrderingFilter).
        indexes = [
            models.Index(fields=["position", "-created_at", "-id"], name="product_listing_order"),
            models.Index(fields=["price_cents", "id"], name="product_price_order"),
            models.Index(fields=["title", "id"], name="product_title_order"),
            models.Index(fields=["created_at", "id"], name="product_created_order"),
            models.Index(fields=["updated_at", "id"], name="product_updated_order"),
            models.Index(fields=["-new", "-created_at", "-id"], name="product_newest_order"),
            models.Index(
                fields=["position", "-created_at", "-id"], condition=Q(featured=True), name="product_featured_order"
            ),
            # The same orderings over what anonymous callers see: a page of keys is an index-only scan, so a deep
            # OFFSET skips index entries instead of rows (catalog.documents.read.page). Each entry holds the
            # product's doc_version too, which the page compares with its stored bodies' without reading the rows.
            *(
                models.Index(
                    fields=fields, condition=PUBLICLY_LISTED, include=["doc_version"], name=f"product_public_{name}"
                )
                for name, fields in PUBLIC_ORDERINGS.items()
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(price_cents__gte=0), name="product_price_not_negative"),
            models.CheckConstraint(
                condition=Q(promo_price_cents__isnull=True)
                | Q(promo_price_cents__gte=0, promo_price_cents__lt=models.F("price_cents")),
                name="product_promo_below_price",
            ),
            models.CheckConstraint(
                condition=Q(stock_quantity__gte=0) | Q(stock_backorder=True), name="product_stock_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.weight_grams = weight_in_grams(self.weight, self.weight_unit)
        self.derive_text()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and TEXT_SOURCES & set(update_fields):
            kwargs["update_fields"] = {*update_fields, *DERIVED_TEXT}
        super().save(*args, **kwargs)

    def derive_text(self) -> None:
        """Set the shown excerpt and meta description from the text fields (bulk inserts call this themselves)."""
        description_text = plain_text(self.description) if not (self.excerpt and self.meta_description) else ""
        self.derived_excerpt = self.excerpt or truncate(description_text, EXCERPT_LENGTH)
        self.derived_meta_description = self.meta_description or truncate(description_text, META_DESCRIPTION_LENGTH)

    @property
    def status_code(self) -> int | None:
        return STATUS_CODES.get(self.status)

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATUSES

    @property
    def display_excerpt(self) -> str:
        """The excerpt, or the description's text cut short."""
        return self.derived_excerpt

    @property
    def display_page_title(self) -> str:
        return self.page_title or self.title

    @property
    def display_meta_description(self) -> str:
        """The meta description, or the description's text cut short."""
        return self.derived_meta_description

    @property
    def is_promotion(self) -> bool:
        return self.promo_price_cents is not None

    @property
    def promo_percentage(self) -> int | None:
        """Whole percent off the price, rounded down, when a promotional price is set."""
        return percent_off(self.price_cents, self.promo_price_cents)

    def check_prices(self) -> None:
        """Guard the price invariants of this row; raise InvalidPrice naming the field."""
        for field in ("price_cents", "promo_price_cents", "wholesale_price_cents", "shipping_cents"):
            value = getattr(self, field)
            if value is not None and value < 0:
                raise InvalidPrice(f"`{field}` cannot be negative.", param=field)
        if self.promo_price_cents is not None and self.promo_price_cents >= self.price_cents:
            raise InvalidPrice("The promotional price must be lower than the price.", param="promo_price_cents")


def image_renditions(media: Media | None, url: str) -> dict[str, str]:
    """The image object {"thumb", "square", "full"}: the media's renditions, else the external URL three times, else
    the placeholder set. Pass the media with its `duplicate_of` already selected."""
    if media is None and url:
        return dict.fromkeys(RENDITIONS, url)
    return rendition_urls(media)


class ProductImageManager(models.Manager):
    # Every reader (API, storefront, feeds, admin) shows rendition URLs, which need the media and the media
    # holding its bytes; joining them here keeps `product.images.all()` and its prefetches one query each.
    def get_queryset(self):
        return super().get_queryset().select_related("media__duplicate_of")


class ProductImage(models.Model):
    """One image of a product's ordered gallery: a media of the library, or an external URL."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="images")
    # PROTECT: deleting a media that a product shows is refused (409) instead of leaving a hole in the gallery.
    media = models.ForeignKey("media_library.Media", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    external_url = models.URLField(max_length=1000, blank=True, help_text="Used when no media is linked.")
    # The media fetching `external_url` into the library; the image links its stored media once processed.
    import_media = models.ForeignKey(
        "media_library.Media", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    alt = models.CharField(max_length=255, blank=True)
    position = models.PositiveIntegerField(default=0)

    objects = ProductImageManager()

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(media__isnull=False) | ~Q(external_url=""),
                name="product_image_has_source",
                violation_error_message="Choose a media of the library or give an external URL.",
            ),
        ]

    def __str__(self) -> str:
        return self.url

    @property
    def renditions(self) -> dict[str, str]:
        return image_renditions(self.media, self.external_url)

    @property
    def url(self) -> str:
        """The image to show: the media's `full` rendition (a placeholder until ready), or the external URL."""
        return self.renditions["full"]

    @url.setter
    def url(self, value: str) -> None:
        # Code written before the media link (`ProductImage(url=…)`) keeps creating external images.
        self.external_url = value


class ProductTag(models.Model):
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="tags")
    name = models.CharField(max_length=100, db_index=True)

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["product", "name"], name="product_tag_unique")]

    def __str__(self) -> str:
        return self.name
