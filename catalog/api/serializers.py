"""Wire format of the catalog API.

Money is `*_cents` integers in `currency` plus `*_formatted` display strings. Wholesale prices are null for
callers who may not see them. Unset text fields are "" (seed 002), unset links null (seed 000's payment link).
Output serializers read only what catalog.queries prefetched; inputs check shape and leave rules to services.
Every image renders SK-17's {"thumb", "square", "full"} (media renditions, an external URL, or placeholders).
Storefront links (`url`, `permalink`, `add_cart_url`, `wishlist`) are absolute URLs from catalog.api.links, and
net prices (`price_without_tax_cents`) come from catalog.pricing; both read only the context product_context
built once per response, so they cost no query per row.
"""

from django.core.validators import URLValidator
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from media_library.api.serializers import RenditionUrlsOutput

from ..models import ProductStatus, WeightUnit
from ..models.products import image_renditions
from ..pricing import catalog_store, format_cents, percent_off, price_without_tax_cents
from ..queries import Viewer, ancestors
from ..videos import video_embed_url
from .digital_serializers import LatestVersionOutput
from .links import StoreLinks, base_url_for

MAX_CENTS = 10**12
# Schema types of method fields that may be null (an OpenApiTypes constant alone would declare them non-null).
NULLABLE_INT = serializers.IntegerField(allow_null=True)
NULLABLE_STR = serializers.CharField(allow_null=True)
NULLABLE_URL = serializers.URLField(allow_null=True)


def product_context(viewer: Viewer, request=None) -> dict:
    """What catalog output needs besides the rows, read once per response (one query)."""
    store = catalog_store()
    return {
        "viewer": viewer,
        "currency": store.currency,
        "locale": store.locale,
        "taxes_included": store.taxes_included,
        "links": StoreLinks(base_url_for(store.base_url(), request)),
    }


class MoneyMixin:
    """Money display, net prices and storefront links from the product_context of the response."""

    def money(self, cents: int | None) -> str | None:
        return format_cents(cents, self.context["currency"], self.context["locale"])

    @property
    def sees_wholesale(self) -> bool:
        return self.context["viewer"].sees_wholesale

    @property
    def links(self) -> StoreLinks:
        return self.context["links"]

    def net_of_tax(self, price_cents: int, product) -> int:
        # A product that is not taxable carries no tax, whatever its rate (as carts price it).
        rate = (product.tax_rate_bp or 0) if product.taxable else 0
        return price_without_tax_cents(price_cents, tax_rate_bp=rate, taxes_included=self.context["taxes_included"])


class WishlistOutput(serializers.Serializer):
    """SK-18: store page URLs that add the product (or variant) to the visitor's wishlist or remove it."""

    add_url = serializers.URLField()
    remove_url = serializers.URLField()


class TaxonomyLinkOutput(serializers.Serializer):
    """A category or brand reference with the absolute URL of its store page."""

    id = serializers.CharField(source="public_id")
    slug = serializers.CharField()
    title = serializers.CharField()
    url = serializers.SerializerMethodField(help_text="The store page (SK-19).")

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, row) -> str:
        return self.page_url(row.slug)

    def page_url(self, slug: str) -> str:
        raise NotImplementedError


class CategoryLinkOutput(TaxonomyLinkOutput):
    def page_url(self, slug: str) -> str:
        return self.context["links"].category(slug)


class BrandLinkOutput(TaxonomyLinkOutput):
    def page_url(self, slug: str) -> str:
        return self.context["links"].brand(slug)


MEDIA_ID_PREFIX = "med_"


def image_url_field(**options) -> serializers.URLField:
    """An external image URL: http(s) only, since browsers load it."""
    return serializers.URLField(max_length=1000, validators=[URLValidator(schemes=["http", "https"])], **options)


class ProductImageOutput(RenditionUrlsOutput):
    """One gallery image: its source (`media` id or external `url`), alt text and SK-17 renditions."""

    media = serializers.CharField(allow_null=True, help_text="The media id (med_…); null for an external image.")
    url = serializers.URLField(allow_null=True, help_text="The external URL; null for a media image.")
    alt = serializers.CharField()

    def to_representation(self, image) -> dict:
        # One renditions call per image (it builds storage URLs), not one per field.
        return {
            "media": image.media.public_id if image.media_id else None,
            "url": image.external_url or None,
            "alt": image.alt,
            **image.renditions,
        }


class ImageSourceMixin:
    """`image` (SK-17 object), `image_media` and `image_url` of a row with an `image` media FK and `image_url`."""

    @extend_schema_field(RenditionUrlsOutput)
    def get_image(self, row) -> dict:
        return image_renditions(row.image, row.image_url)

    @extend_schema_field(serializers.CharField(allow_null=True, help_text="The linked media id (med_…)."))
    def get_image_media(self, row) -> str | None:
        return row.image.public_id if row.image_id else None


class CategoryRefOutput(ImageSourceMixin, CategoryLinkOutput):
    parent = serializers.CharField(source="parent.public_id", allow_null=True, default=None)
    image = serializers.SerializerMethodField(help_text="SK-17 image object; placeholders when none (never []).")


class SellerOutput(serializers.Serializer):
    id = serializers.CharField(source="public_id")
    name = serializers.CharField()
    display_name = serializers.CharField()
    avatar_url = serializers.CharField()


class ChannelSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=100)
    url = serializers.URLField(max_length=1000)


class StockOutput(serializers.Serializer):
    enabled = serializers.BooleanField()
    quantity = serializers.IntegerField(allow_null=True, help_text="Null when the store hides stock units.")
    backorder = serializers.BooleanField()
    show = serializers.BooleanField()
    sold_single = serializers.BooleanField()
    notify = serializers.IntegerField(allow_null=True, help_text="Low-stock threshold; staff only.")


class RatingOutput(serializers.Serializer):
    average = serializers.FloatField()
    count = serializers.IntegerField()
    min = serializers.IntegerField(allow_null=True)
    max = serializers.IntegerField(allow_null=True)


class StatsOutput(serializers.Serializer):
    download_count = serializers.IntegerField(help_text="Downloads of all versions.")


def digital_listing(product):
    """The product's DigitalListing (joined in by catalog.queries.products_for), or None for other products."""
    return getattr(product, "digital", None)


class OptionOutput(serializers.Serializer):
    id = serializers.CharField(source="public_id")
    title = serializers.CharField()


class OptionGroupOutput(serializers.Serializer):
    id = serializers.CharField(source="public_id")
    title = serializers.CharField()
    position = serializers.IntegerField()
    options = OptionOutput(many=True)


class VariantOutput(ImageSourceMixin, MoneyMixin, serializers.Serializer):
    """A variant with the product's values filled in where the variant has none of its own."""

    id = serializers.CharField(source="public_id")
    title = serializers.CharField()
    option_ids = serializers.SerializerMethodField()
    position = serializers.IntegerField()
    currency = serializers.SerializerMethodField()
    price_cents = serializers.SerializerMethodField()
    price_formatted = serializers.SerializerMethodField()
    promo_price_cents = serializers.SerializerMethodField()
    promo_price_formatted = serializers.SerializerMethodField()
    promo = serializers.SerializerMethodField(
        help_text="A promotional price applies (and the price is not on request)."
    )
    promo_percentage = serializers.SerializerMethodField(
        help_text="Whole percent off, rounded down; seed 003 `price_promo_percentage`."
    )
    price_without_tax_cents = serializers.SerializerMethodField(help_text="`price_cents` net of the product's tax.")
    wholesale_price_cents = serializers.SerializerMethodField()
    wholesale_price_formatted = serializers.SerializerMethodField()
    price_on_request = serializers.SerializerMethodField()
    stock_quantity = serializers.IntegerField()
    shipping_cents = serializers.SerializerMethodField()
    weight_grams = serializers.SerializerMethodField()
    sku = serializers.CharField()
    barcode = serializers.CharField()
    image = serializers.SerializerMethodField(help_text="SK-17 image object; placeholders when none.")
    image_media = serializers.SerializerMethodField()
    image_url = serializers.CharField(help_text="External image URL; empty for a media image or none.")
    active = serializers.BooleanField()
    url = serializers.SerializerMethodField(help_text="The product page with this variant chosen (?option=).")
    wishlist = serializers.SerializerMethodField()
    updated_at = serializers.DateTimeField()

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_option_ids(self, variant) -> list[str]:
        return [option.public_id for option in variant.options]

    def get_currency(self, variant) -> str:
        return self.context["currency"]

    def get_price_cents(self, variant) -> int:
        return variant.effective_price_cents(variant.product)

    def get_price_formatted(self, variant) -> str:
        return self.money(variant.effective_price_cents(variant.product))

    @extend_schema_field(NULLABLE_INT)
    def get_promo_price_cents(self, variant) -> int | None:
        return variant.effective_promo_price_cents(variant.product)

    @extend_schema_field(NULLABLE_STR)
    def get_promo_price_formatted(self, variant) -> str | None:
        return self.money(variant.effective_promo_price_cents(variant.product))

    @extend_schema_field(NULLABLE_INT)
    def get_wholesale_price_cents(self, variant) -> int | None:
        return variant.effective_wholesale_price_cents(variant.product) if self.sees_wholesale else None

    @extend_schema_field(NULLABLE_STR)
    def get_wholesale_price_formatted(self, variant) -> str | None:
        return self.money(self.get_wholesale_price_cents(variant))

    def get_price_on_request(self, variant) -> bool:
        return variant.price_on_request or variant.product.price_on_request

    def get_promo(self, variant) -> bool:
        return self.get_promo_price_cents(variant) is not None and not self.get_price_on_request(variant)

    @extend_schema_field(NULLABLE_INT)
    def get_promo_percentage(self, variant) -> int | None:
        return percent_off(self.get_price_cents(variant), self.get_promo_price_cents(variant))

    def get_price_without_tax_cents(self, variant) -> int:
        return self.net_of_tax(self.get_price_cents(variant), variant.product)

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, variant) -> str:
        return self.links.product(variant.product.slug, variant.public_id)

    @extend_schema_field(WishlistOutput)
    def get_wishlist(self, variant) -> dict:
        return self.links.wishlist(variant.product.slug, variant.public_id)

    def get_shipping_cents(self, variant) -> int:
        return variant.effective_shipping_cents(variant.product)

    @extend_schema_field(NULLABLE_INT)
    def get_weight_grams(self, variant) -> int | None:
        return variant.effective_weight_grams(variant.product)


class ProductOutput(MoneyMixin, serializers.Serializer):
    id = serializers.CharField(source="public_id")
    title = serializers.CharField()
    slug = serializers.CharField()
    status = serializers.ChoiceField(choices=ProductStatus.choices)
    status_code = serializers.IntegerField(allow_null=True, help_text="Seed 003 code: 1 active … 4 soon; draft null.")
    status_alias = serializers.CharField(source="status")
    featured = serializers.BooleanField()
    new = serializers.BooleanField()
    position = serializers.IntegerField()
    description = serializers.CharField(help_text="Sanitized HTML.")
    excerpt = serializers.CharField(source="display_excerpt")
    currency = serializers.SerializerMethodField()
    price_cents = serializers.IntegerField()
    price_formatted = serializers.SerializerMethodField()
    promo_price_cents = serializers.IntegerField(allow_null=True)
    promo_price_formatted = serializers.SerializerMethodField()
    promo_show_percentage = serializers.BooleanField()
    promo_percentage = serializers.IntegerField(
        allow_null=True, help_text="Whole percent off, rounded down; seed 003 `price_promo_percentage`."
    )
    is_promotion = serializers.BooleanField(help_text="A promotional price is set.")
    promo = serializers.SerializerMethodField(
        help_text="A promotional price applies (and the price is not on request)."
    )
    price_without_tax_cents = serializers.SerializerMethodField(help_text="`price_cents` net of the product's tax.")
    wholesale_price_cents = serializers.SerializerMethodField()
    wholesale_price_formatted = serializers.SerializerMethodField()
    wholesale_only = serializers.BooleanField()
    price_on_request = serializers.BooleanField()
    is_free = serializers.BooleanField()
    categories = CategoryRefOutput(many=True)
    brand = BrandLinkOutput(allow_null=True)
    seller = SellerOutput(allow_null=True)
    seller_name = serializers.CharField(source="seller.name", allow_null=True, default=None)
    seller_display_name = serializers.CharField(source="seller.display_name", allow_null=True, default=None)
    seller_avatar_url = serializers.CharField(source="seller.avatar_url", allow_null=True, default=None)
    game = serializers.SerializerMethodField(help_text='Seed 004 free-form classification, e.g. "minecraft".')
    latest_version = serializers.SerializerMethodField(help_text="Highest non-yanked stable version.")
    stats = serializers.SerializerMethodField()
    sku = serializers.CharField()
    barcode = serializers.CharField()
    gtin = serializers.CharField(help_text="GTIN-14, zero-padded; empty when unset.")
    upc = serializers.CharField()
    ean = serializers.CharField()
    model = serializers.CharField()
    variant = serializers.CharField()
    batch_number = serializers.CharField()
    serial_number = serializers.CharField()
    size = serializers.CharField()
    colour = serializers.CharField()
    weight = serializers.FloatField(allow_null=True, help_text="In `weight_unit`.")
    weight_unit = serializers.ChoiceField(choices=WeightUnit.choices)
    weight_grams = serializers.IntegerField(allow_null=True)
    shipping_cents = serializers.IntegerField()
    shipping_formatted = serializers.SerializerMethodField()
    shipping_alone = serializers.BooleanField()
    tax_rate_bp = serializers.IntegerField(allow_null=True, help_text="Basis points: 2300 = 23 %.")
    taxable = serializers.BooleanField()
    page_title = serializers.CharField(source="display_page_title")
    meta_description = serializers.CharField(source="display_meta_description")
    meta_tags = serializers.CharField()
    image = serializers.SerializerMethodField(help_text="The first image's renditions; placeholders when none.")
    images = ProductImageOutput(many=True)
    video_url = serializers.SerializerMethodField(help_text="A YouTube or Vimeo video link.")
    video_embed_url = serializers.SerializerMethodField(help_text="The video's player URL, null when there is none.")
    url = serializers.SerializerMethodField(help_text="The product's store page (SK-19).")
    permalink = serializers.SerializerMethodField(help_text="Same as `url`.")
    add_cart_url = serializers.SerializerMethodField(help_text="The store route that adds the product to the cart.")
    wishlist = serializers.SerializerMethodField()
    stripe_payment_link = serializers.SerializerMethodField()
    channels = ChannelSerializer(many=True)
    tags = serializers.SerializerMethodField()
    stock = serializers.SerializerMethodField()
    rating = serializers.SerializerMethodField()
    rating_avg = serializers.FloatField()
    rating_count = serializers.IntegerField()
    option_groups = OptionGroupOutput(many=True)
    variants = VariantOutput(many=True)
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    def get_currency(self, product) -> str:
        return self.context["currency"]

    def get_price_formatted(self, product) -> str:
        return self.money(product.price_cents)

    @extend_schema_field(NULLABLE_STR)
    def get_promo_price_formatted(self, product) -> str | None:
        return self.money(product.promo_price_cents)

    @extend_schema_field(NULLABLE_INT)
    def get_wholesale_price_cents(self, product) -> int | None:
        return product.wholesale_price_cents if self.sees_wholesale else None

    @extend_schema_field(NULLABLE_STR)
    def get_wholesale_price_formatted(self, product) -> str | None:
        return self.money(self.get_wholesale_price_cents(product))

    def get_shipping_formatted(self, product) -> str:
        return self.money(product.shipping_cents)

    @extend_schema_field(RenditionUrlsOutput)
    def get_image(self, product) -> dict:
        images = product.images.all()
        return images[0].renditions if images else image_renditions(None, "")

    def get_promo(self, product) -> bool:
        return product.promo_price_cents is not None and not product.price_on_request

    def get_price_without_tax_cents(self, product) -> int:
        return self.net_of_tax(product.price_cents, product)

    @extend_schema_field(NULLABLE_URL)
    def get_video_url(self, product) -> str | None:
        return product.video_url or None

    @extend_schema_field(NULLABLE_URL)
    def get_video_embed_url(self, product) -> str | None:
        return video_embed_url(product.video_url)

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, product) -> str:
        return self.links.product(product.slug)

    @extend_schema_field(OpenApiTypes.URI)
    def get_permalink(self, product) -> str:
        return self.links.product(product.slug)

    @extend_schema_field(OpenApiTypes.URI)
    def get_add_cart_url(self, product) -> str:
        return self.links.add_to_cart(product.slug)

    @extend_schema_field(WishlistOutput)
    def get_wishlist(self, product) -> dict:
        return self.links.wishlist(product.slug)

    @extend_schema_field(NULLABLE_URL)
    def get_stripe_payment_link(self, product) -> str | None:
        return product.stripe_payment_link or None

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_tags(self, product) -> list[str]:
        return [tag.name for tag in product.tags.all()]

    @extend_schema_field(StockOutput)
    def get_stock(self, product) -> dict:
        staff = self.context["viewer"].is_staff
        variants = product.variants.all()
        quantity = sum(v.stock_quantity for v in variants if v.active) if variants else product.stock_quantity
        return {
            "enabled": product.stock_enabled,
            "quantity": quantity if product.stock_enabled and (product.stock_show or staff) else None,
            "backorder": product.stock_backorder,
            "show": product.stock_show,
            "sold_single": product.stock_sold_single,
            "notify": product.stock_notify if staff else None,
        }

    def get_game(self, product) -> str:
        listing = digital_listing(product)
        return listing.game if listing else ""

    @extend_schema_field(LatestVersionOutput(allow_null=True))
    def get_latest_version(self, product) -> dict | None:
        listing = digital_listing(product)
        latest = listing.latest_version if listing else None
        return LatestVersionOutput(latest).data if latest else None

    @extend_schema_field(StatsOutput)
    def get_stats(self, product) -> dict:
        listing = digital_listing(product)
        return {"download_count": listing.download_count if listing else 0}

    @extend_schema_field(RatingOutput)
    def get_rating(self, product) -> dict:
        return {
            "average": float(product.rating_avg),
            "count": product.rating_count,
            "min": product.rating_min,
            "max": product.rating_max,
        }


class ProductSummaryOutput(MoneyMixin, serializers.Serializer):
    """A search hit."""

    id = serializers.CharField(source="public_id")
    title = serializers.CharField()
    slug = serializers.CharField()
    status = serializers.ChoiceField(choices=ProductStatus.choices)
    excerpt = serializers.CharField(source="display_excerpt")
    currency = serializers.SerializerMethodField()
    price_cents = serializers.IntegerField()
    price_formatted = serializers.SerializerMethodField()
    promo_price_cents = serializers.IntegerField(allow_null=True)
    url = serializers.SerializerMethodField(help_text="The product's store page.")

    def get_currency(self, product) -> str:
        return self.context["currency"]

    def get_price_formatted(self, product) -> str:
        return self.money(product.price_cents)

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, product) -> str:
        return self.links.product(product.slug)


def image_source(text: str) -> dict:
    """A "med_…" id or an external URL as {"media": id} or {"url": url}."""
    return {"media": text} if text.startswith(MEDIA_ID_PREFIX) else {"url": text}


@extend_schema_field(
    {
        "oneOf": [
            {"type": "string", "description": "A media id (med_…) or an external image URL."},
            {
                "type": "object",
                "properties": {
                    "media": {"type": ["string", "null"]},
                    "url": {"type": ["string", "null"], "format": "uri"},
                    "alt": {"type": "string"},
                },
            },
        ]
    }
)
class ImageInputField(serializers.Field):
    """A gallery image: a "med_…" id or URL string (seed 003), or {"media" or "url", "alt"} as output shows it."""

    def to_internal_value(self, data):
        payload = ImageInput(data=image_source(data) if isinstance(data, str) else data)
        payload.is_valid(raise_exception=True)
        return {key: value for key, value in payload.validated_data.items() if value is not None}

    def to_representation(self, value):
        return value


class ImageInput(serializers.Serializer):
    media = serializers.CharField(max_length=40, required=False, allow_null=True)
    url = image_url_field(required=False, allow_null=True)
    alt = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")

    def validate(self, attrs):
        # Exactly one source; the other may be present as null, so an output object can be sent back as is.
        if bool(attrs.get("media")) == bool(attrs.get("url")):
            raise serializers.ValidationError("Give exactly one of `media` (a med_… id) and `url`.")
        return attrs


@extend_schema_field({"type": "string", "description": 'A media id (med_…) or an image URL; null or "" clears.'})
class ImageRefField(serializers.Field):
    """A single image (variants, categories, brands): "med_…", a URL, or null / "" to remove it."""

    default_error_messages = {"invalid": "Give a media id (med_…) or an image URL."}
    url_field = image_url_field()

    def __init__(self, **kwargs):
        super().__init__(required=False, allow_null=True, **kwargs)

    def validate_empty_values(self, data):
        if data == "":
            return True, None
        return super().validate_empty_values(data)

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        source = image_source(data.strip())
        if "url" in source:
            source["url"] = self.url_field.run_validation(source["url"])
        return source

    def to_representation(self, value):
        return value


def text(max_length: int, **options) -> serializers.CharField:
    return serializers.CharField(max_length=max_length, required=False, allow_blank=True, **options)


def cents(**options) -> serializers.IntegerField:
    return serializers.IntegerField(min_value=0, max_value=MAX_CENTS, required=False, **options)


class ProductInput(serializers.Serializer):
    """Fields to set; on update every field is optional and absent ones are left alone."""

    title = serializers.CharField(max_length=255)
    slug = serializers.SlugField(max_length=200, required=False)
    description = text(100_000)
    excerpt = text(500)
    status = serializers.CharField(
        max_length=20, required=False, help_text="draft active hidden out_of_stock soon, or code 1-4."
    )
    status_alias = serializers.CharField(max_length=20, required=False, help_text="Seed 003 name for `status`.")
    featured = serializers.BooleanField(required=False)
    new = serializers.BooleanField(required=False)
    position = serializers.IntegerField(required=False, min_value=-1_000_000, max_value=1_000_000)
    price_cents = cents()
    promo_price_cents = cents(allow_null=True)
    promo_show_percentage = serializers.BooleanField(required=False)
    wholesale_price_cents = cents(allow_null=True)
    wholesale_only = serializers.BooleanField(required=False)
    price_on_request = serializers.BooleanField(required=False)
    is_free = serializers.BooleanField(required=False)
    categories = serializers.ListField(
        child=serializers.CharField(max_length=200), required=False, max_length=50, help_text="Category ids or slugs."
    )
    brand = serializers.CharField(max_length=200, required=False, allow_null=True, help_text="Brand id or slug.")
    seller = serializers.CharField(max_length=100, required=False, allow_null=True, help_text="Seller id or name.")
    sku = text(100)
    barcode = text(100)
    gtin = text(20, help_text="8, 12, 13 or 14 digits with a valid check digit; stored as GTIN-14.")
    upc = text(20)
    ean = text(20)
    model = text(200)
    variant = text(200)
    batch_number = text(100)
    serial_number = text(100)
    size = text(100)
    colour = text(100)
    weight = serializers.DecimalField(
        max_digits=12, decimal_places=3, min_value=0, required=False, allow_null=True, coerce_to_string=False
    )
    weight_unit = serializers.ChoiceField(choices=WeightUnit.choices, required=False)
    shipping_cents = cents()
    shipping_alone = serializers.BooleanField(required=False)
    tax_rate_bp = serializers.IntegerField(min_value=0, max_value=10_000, required=False, allow_null=True)
    taxable = serializers.BooleanField(required=False)
    page_title = text(255)
    meta_description = text(500)
    meta_tags = text(500)
    video_url = serializers.URLField(max_length=1000, required=False, allow_blank=True)
    stripe_payment_link = serializers.URLField(max_length=1000, required=False, allow_blank=True)
    channels = ChannelSerializer(many=True, required=False, max_length=20)
    images = serializers.ListField(child=ImageInputField(), required=False, max_length=10)
    tags = serializers.ListField(child=serializers.CharField(max_length=100), required=False, max_length=50)
    stock_enabled = serializers.BooleanField(required=False)
    stock_quantity = serializers.IntegerField(min_value=0, max_value=10**9, required=False)
    stock_backorder = serializers.BooleanField(required=False)
    stock_show = serializers.BooleanField(required=False)
    stock_sold_single = serializers.BooleanField(required=False)
    stock_notify = serializers.IntegerField(min_value=0, max_value=10**9, required=False, allow_null=True)

    def validate(self, attrs):
        alias = attrs.pop("status_alias", None)
        if alias is not None:
            attrs.setdefault("status", alias)
        if "channels" in attrs:
            attrs["channels"] = [dict(channel) for channel in attrs["channels"]]
        return attrs


@extend_schema_field(
    {
        "oneOf": [
            {"type": "string"},
            {
                "type": "object",
                "required": ["title"],
                "properties": {"id": {"type": "string"}, "title": {"type": "string"}},
            },
        ]
    }
)
class OptionValueField(serializers.Field):
    """An option as its title (seed 003) or as {"id", "title"} to rename an existing one."""

    def to_internal_value(self, data):
        payload = OptionValueInput(data={"title": data} if isinstance(data, str) else data)
        payload.is_valid(raise_exception=True)
        return payload.validated_data

    def to_representation(self, value):
        return value


class OptionValueInput(serializers.Serializer):
    id = serializers.CharField(max_length=40, required=False)
    title = serializers.CharField(max_length=100)


class OptionGroupInput(serializers.Serializer):
    title = serializers.CharField(max_length=100)
    options = serializers.ListField(child=OptionValueField(), min_length=1, max_length=50)


class VariantInput(serializers.Serializer):
    price_cents = cents(allow_null=True)
    promo_price_cents = cents(allow_null=True)
    wholesale_price_cents = cents(allow_null=True)
    price_on_request = serializers.BooleanField(required=False)
    stock_quantity = serializers.IntegerField(min_value=0, max_value=10**9, required=False)
    shipping_cents = cents(allow_null=True)
    weight_grams = serializers.IntegerField(min_value=0, max_value=10**9, required=False, allow_null=True)
    sku = text(100)
    barcode = text(100)
    image = ImageRefField()
    active = serializers.BooleanField(required=False)


class TaxonomyInput(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    slug = serializers.SlugField(max_length=200, required=False)
    description = text(100_000)
    image = ImageRefField()
    position = serializers.IntegerField(required=False, min_value=-1_000_000, max_value=1_000_000)
    active = serializers.BooleanField(required=False)
    page_title = text(255)
    meta_description = text(500)
    meta_tags = text(500)


class CategoryInput(TaxonomyInput):
    parent = serializers.CharField(max_length=200, required=False, allow_null=True, help_text="Parent id or slug.")


class BrandInput(TaxonomyInput):
    pass


class CategorySummaryOutput(ImageSourceMixin, CategoryLinkOutput):
    """A category as child entries (SK-39's 17 fields but `children`) and search hits show it."""

    permalink = serializers.SerializerMethodField(help_text="Same as `url`.")
    parent = serializers.CharField(source="parent.public_id", allow_null=True, default=None)
    is_parent = serializers.SerializerMethodField(help_text="A top-level category.")
    is_child = serializers.SerializerMethodField()
    description = serializers.CharField()
    image = serializers.SerializerMethodField(help_text="SK-17 image object; placeholders when none.")
    position = serializers.IntegerField()
    active = serializers.BooleanField()
    page_title = serializers.SerializerMethodField()
    meta_description = serializers.CharField()
    meta_tags = serializers.CharField()
    num_products = serializers.IntegerField(help_text="Publicly visible products.")

    @extend_schema_field(OpenApiTypes.URI)
    def get_permalink(self, category) -> str:
        return self.get_url(category)

    def get_is_parent(self, category) -> bool:
        return category.parent_id is None

    def get_is_child(self, category) -> bool:
        return category.parent_id is not None

    def get_page_title(self, category) -> str:
        return category.page_title or category.title


class CategoryOutput(CategorySummaryOutput):
    parent_title = serializers.CharField(source="parent.title", allow_null=True, default=None)
    parents = serializers.SerializerMethodField(help_text="Ancestors, root first.")
    children = CategorySummaryOutput(many=True, help_text="Direct children; fetch a child for its own children.")
    image_media = serializers.SerializerMethodField()
    image_url = serializers.CharField(help_text="External image URL; empty for a media image or none.")
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    @extend_schema_field(CategoryLinkOutput(many=True))
    def get_parents(self, category) -> list[dict]:
        return CategoryLinkOutput(
            ancestors(category, self.context["category_tree"]), many=True, context=self.context
        ).data


class BrandOutput(ImageSourceMixin, BrandLinkOutput):
    permalink = serializers.SerializerMethodField(help_text="Same as `url`.")
    description = serializers.CharField()
    image = serializers.SerializerMethodField(help_text="SK-17 image object; placeholders when none.")
    image_media = serializers.SerializerMethodField()
    image_url = serializers.CharField(help_text="External image URL; empty for a media image or none.")
    position = serializers.IntegerField()
    active = serializers.BooleanField()
    page_title = serializers.SerializerMethodField()
    meta_description = serializers.CharField()
    meta_tags = serializers.CharField()
    num_products = serializers.IntegerField(help_text="Publicly visible products.")
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_permalink(self, brand) -> str:
        return self.get_url(brand)

    def get_page_title(self, brand) -> str:
        return brand.page_title or brand.title


class SearchOutput(serializers.Serializer):
    products = ProductSummaryOutput(many=True)
    categories = CategorySummaryOutput(many=True)
    brands = BrandLinkOutput(many=True)
