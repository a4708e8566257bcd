"""How products and variants render: the API's output and the payload of product.* events are the same object.

Money is `*_cents` integers in `currency` plus `*_formatted` display strings. Wholesale prices are null for
callers who may not see them. Unset text fields are "", unset links null. Output serializers read only what
catalog.queries prefetched. Storefront links (`url`, `permalink`, `add_cart_url`, `wishlist`) are absolute URLs
from catalog.representations.links, and net prices (`price_without_tax_cents`) come from catalog.pricing; both read
only the context product_context built once per response, so they cost no query per row.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from media_library.representations import RenditionUrlsOutput
from shopplatform.api.serializers import Serializer

from ..availability import availability_output
from ..models import ProductStatus, VersionChannel, WeightUnit
from ..models.extras import ReducedRate
from ..models.products import image_renditions
from ..pricing import percent_off
from ..videos import video_embed_url
from .context import NULLABLE_INT, NULLABLE_STR, NULLABLE_URL, MoneyMixin
from .extras import CustomFieldOutput, ProductFileOutput, TabOutput, file_object, variants_same_values
from .images import ImageSourceMixin, ProductImageOutput
from .product_render import render_product, render_summary
from .taxonomy import BrandLinkOutput, CategoryRefOutput


class WishlistOutput(Serializer):
    """Store page URLs that add the product (or variant) to the visitor's wishlist or remove it."""

    add_url = serializers.URLField()
    remove_url = serializers.URLField()


class SellerOutput(Serializer):
    id = serializers.CharField(source="public_id")
    name = serializers.CharField()
    display_name = serializers.CharField()
    avatar_url = serializers.CharField()


class ChannelSerializer(Serializer):
    name = serializers.CharField(max_length=100)
    url = serializers.URLField(max_length=1000)


class StockOutput(Serializer):
    enabled = serializers.BooleanField()
    quantity = serializers.IntegerField(allow_null=True, help_text="Null when the store hides stock units.")
    backorder = serializers.BooleanField()
    show = serializers.BooleanField()
    sold_single = serializers.BooleanField()
    notify = serializers.IntegerField(allow_null=True, help_text="Low-stock threshold; staff only.")


class AvailabilityOutput(Serializer):
    """How the store offers the item now (catalog.availability: the same rule as the store pages and the admin)."""

    orderable = serializers.BooleanField(help_text="It can be added to a cart now.")
    label = serializers.CharField(help_text='"In stock", "Only 2 left", "12 in stock", "Out of stock", "Coming soon"…')
    level = serializers.ChoiceField(choices=["in", "low", "out", "soon"])


class RatingOutput(Serializer):
    average = serializers.FloatField()
    count = serializers.IntegerField()
    min = serializers.IntegerField(allow_null=True)
    max = serializers.IntegerField(allow_null=True)


class LatestVersionOutput(Serializer):
    id = serializers.CharField(source="public_id")
    version_tag = serializers.CharField()
    channel = serializers.ChoiceField(choices=VersionChannel.choices)


class StatsOutput(Serializer):
    download_count = serializers.IntegerField(help_text="Downloads of all versions.")


def digital_listing(product):
    """The product's DigitalListing (joined in by catalog.queries.products_for), or None for other products."""
    return getattr(product, "digital", None)


class OptionOutput(Serializer):
    id = serializers.CharField(source="public_id")
    title = serializers.CharField()


class OptionGroupOutput(Serializer):
    id = serializers.CharField(source="public_id")
    title = serializers.CharField()
    position = serializers.IntegerField()
    options = OptionOutput(many=True)


class VariantOutput(ImageSourceMixin, MoneyMixin, Serializer):
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
        help_text="Whole percent off, rounded down; also published as `price_promo_percentage`."
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
    image = serializers.SerializerMethodField(help_text="Image object (thumb, square, full); placeholders when none.")
    image_media = serializers.SerializerMethodField()
    image_url = serializers.CharField(help_text="External image URL; empty for a media image or none.")
    active = serializers.BooleanField()
    availability = serializers.SerializerMethodField()
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

    @extend_schema_field(AvailabilityOutput)
    def get_availability(self, variant) -> dict:
        return availability_output(variant.product, variant)

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


class ProductOutput(MoneyMixin, Serializer):
    id = serializers.CharField(source="public_id")
    title = serializers.CharField()
    slug = serializers.CharField()
    status = serializers.ChoiceField(choices=ProductStatus.choices)
    status_code = serializers.IntegerField(allow_null=True, help_text="Status code: 1 active … 4 soon; draft null.")
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
        allow_null=True, help_text="Whole percent off, rounded down; also published as `price_promo_percentage`."
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
    game = serializers.SerializerMethodField(help_text='Free-form classification, e.g. "minecraft".')
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
    ships = serializers.BooleanField(help_text="False for downloads: nothing to deliver.")
    tax_rate_bp = serializers.IntegerField(allow_null=True, help_text="Basis points: 2300 = 23 %.")
    taxable = serializers.BooleanField()
    reduced_rate = serializers.SerializerMethodField(help_text="VAT rate choice (intermediate, reduced) or null.")
    custom_fields = CustomFieldOutput(many=True, help_text="Ordered name/value pairs; [] when none.")
    tabs = TabOutput(many=True, help_text="Ordered product page sections; [] when none.")
    file = serializers.SerializerMethodField(help_text="The downloadable attachment, or null.")
    file_access = serializers.CharField(help_text="public: anyone may download the file; buyers: paid orders only.")
    sales = serializers.IntegerField(help_text="Units ordered at checkout.")
    variants_same_values = serializers.SerializerMethodField(
        help_text="Every variant sells on the product's prices, shipping and weight."
    )
    page_title = serializers.CharField(source="display_page_title")
    meta_description = serializers.CharField(source="display_meta_description")
    meta_tags = serializers.CharField()
    image = serializers.SerializerMethodField(help_text="The first image's renditions; placeholders when none.")
    images = ProductImageOutput(many=True)
    video_url = serializers.SerializerMethodField(help_text="A YouTube or Vimeo video link.")
    video_embed_url = serializers.SerializerMethodField(help_text="The video's player URL, null when there is none.")
    url = serializers.SerializerMethodField(help_text="The product's store page.")
    permalink = serializers.SerializerMethodField(help_text="Same as `url`.")
    add_cart_url = serializers.SerializerMethodField(help_text="The store route that adds the product to the cart.")
    wishlist = serializers.SerializerMethodField()
    stripe_payment_link = serializers.SerializerMethodField()
    channels = ChannelSerializer(many=True)
    tags = serializers.SerializerMethodField()
    stock = serializers.SerializerMethodField()
    availability = serializers.SerializerMethodField()
    rating = serializers.SerializerMethodField()
    rating_avg = serializers.FloatField()
    rating_count = serializers.IntegerField()
    option_groups = OptionGroupOutput(many=True)
    variants = VariantOutput(many=True)
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    def to_representation(self, product) -> dict:
        # The declared fields describe the output (and the schema); render_product produces it in one pass.
        return render_product(self, product)

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

    @extend_schema_field(serializers.ChoiceField(choices=ReducedRate.choices, allow_null=True))
    def get_reduced_rate(self, product) -> str | None:
        return product.reduced_rate or None

    @extend_schema_field(ProductFileOutput(allow_null=True))
    def get_file(self, product) -> dict | None:
        return file_object(product, self.links)

    def get_variants_same_values(self, product) -> bool:
        return variants_same_values(product.variants.all())

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

    @extend_schema_field(AvailabilityOutput)
    def get_availability(self, product) -> dict:
        return availability_output(product, None, list(product.variants.all()))

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


class ProductSummaryOutput(MoneyMixin, Serializer):
    """A search hit."""

    # The product columns it reads (a search selects only these).
    columns = ("public_id", "title", "slug", "status", "derived_excerpt", "price_cents", "promo_price_cents")

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

    def to_representation(self, product) -> dict:
        # The declared fields describe the output (and the schema); render_summary produces it in one pass.
        return render_summary(self, product)
