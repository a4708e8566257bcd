"""Wire format of catalog API inputs, and the search output; resources render through catalog.representations.

Inputs check shape and leave rules to services. A gallery image is given as a "med_…" media id, an external URL,
or the {"media" or "url", "alt"} object output shows.
"""

from django.core.validators import URLValidator
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from shopplatform.api.fields import cents_field
from shopplatform.api.serializers import Serializer
from shopplatform.api.strict import StrictInput

from ..models import WeightUnit
from ..models.extras import (
    CUSTOM_FIELD_NAME_LENGTH,
    CUSTOM_FIELD_VALUE_LENGTH,
    MAX_CUSTOM_FIELDS,
    MAX_TABS,
    TAB_CONTENT_LENGTH,
    TAB_TITLE_LENGTH,
    FileAccess,
    ReducedRate,
)
from ..representations.products import ChannelSerializer, ProductSummaryOutput
from ..representations.taxonomy import BrandLinkOutput, CategorySummaryOutput

MEDIA_ID_PREFIX = "med_"


def image_url_field(**options) -> serializers.URLField:
    """An external image URL: http(s) only, since browsers load it."""
    return serializers.URLField(max_length=1000, validators=[URLValidator(schemes=["http", "https"])], **options)


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
    """A gallery image: a "med_…" id or URL string, or {"media" or "url", "alt"} as output shows it."""

    def to_internal_value(self, data):
        payload = ImageInput(data=image_source(data) if isinstance(data, str) else data)
        payload.is_valid(raise_exception=True)
        return {key: value for key, value in payload.validated_data.items() if value is not None}

    def to_representation(self, value):
        return value


class ImageInput(StrictInput):
    # The renditions output adds are derived from the source, so they are ignored when an output image is sent back.
    derived_fields = ("thumb", "square", "full")

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
    return cents_field(required=False, **options)


@extend_schema_field(
    {
        "oneOf": [
            {"type": "string"},
            {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}},
        ]
    }
)
class ReferenceField(serializers.CharField):
    """An id or slug, or the object GET shows ({"id", …}) of which only the id counts."""

    def to_internal_value(self, data):
        if isinstance(data, dict) and isinstance(data.get("id"), str):
            data = data["id"]
        return super().to_internal_value(data)


class StockInput(StrictInput):
    """The nested `stock` object GET returns, accepted as another spelling of the flat `stock_*` fields."""

    enabled = serializers.BooleanField(required=False)
    quantity = serializers.IntegerField(min_value=0, max_value=10**9, required=False, allow_null=True)
    backorder = serializers.BooleanField(required=False)
    show = serializers.BooleanField(required=False)
    sold_single = serializers.BooleanField(required=False)
    notify = serializers.IntegerField(min_value=0, max_value=10**9, required=False, allow_null=True)

    def validate(self, attrs):
        if attrs.get("quantity", 0) is None:  # GET shows null when the store hides stock units: nothing to set
            del attrs["quantity"]
        return attrs


class CustomFieldInput(StrictInput):
    name = serializers.CharField(max_length=CUSTOM_FIELD_NAME_LENGTH)
    value = serializers.CharField(max_length=CUSTOM_FIELD_VALUE_LENGTH, allow_blank=True)


class TabInput(StrictInput):
    title = serializers.CharField(max_length=TAB_TITLE_LENGTH)
    content = serializers.CharField(max_length=TAB_CONTENT_LENGTH, allow_blank=True, help_text="HTML; sanitized.")


class ProductInput(StrictInput):
    """Fields to set; on update every field is optional and absent ones are left alone."""

    title = serializers.CharField(max_length=255)
    slug = serializers.SlugField(max_length=200, required=False)
    description = text(100_000)
    excerpt = text(500)
    status = serializers.CharField(
        max_length=20, required=False, help_text="draft active hidden out_of_stock soon, or code 1-4."
    )
    status_alias = serializers.CharField(max_length=20, required=False, help_text="Alias of `status`.")
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
        child=ReferenceField(max_length=200), required=False, max_length=50, help_text="Category ids or slugs."
    )
    brand = ReferenceField(max_length=200, required=False, allow_null=True, help_text="Brand id or slug.")
    seller = ReferenceField(max_length=100, required=False, allow_null=True, help_text="Seller id or name.")
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
    ships = serializers.BooleanField(required=False)
    tax_rate_bp = serializers.IntegerField(min_value=0, max_value=10_000, required=False, allow_null=True)
    taxable = serializers.BooleanField(required=False)
    page_title = text(255)
    meta_description = text(500)
    meta_tags = text(500)
    video_url = serializers.URLField(max_length=1000, required=False, allow_blank=True, allow_null=True)
    stripe_payment_link = serializers.URLField(max_length=1000, required=False, allow_blank=True, allow_null=True)
    channels = ChannelSerializer(many=True, required=False, max_length=20)
    images = serializers.ListField(child=ImageInputField(), required=False, max_length=10)
    tags = serializers.ListField(child=serializers.CharField(max_length=100), required=False, max_length=50)
    stock_enabled = serializers.BooleanField(required=False)
    stock_quantity = serializers.IntegerField(min_value=0, max_value=10**9, required=False)
    stock_backorder = serializers.BooleanField(required=False)
    stock_show = serializers.BooleanField(required=False)
    stock_sold_single = serializers.BooleanField(required=False)
    stock_notify = serializers.IntegerField(min_value=0, max_value=10**9, required=False, allow_null=True)
    stock = StockInput(required=False, help_text="The stock object as GET shows it; flat `stock_*` fields win.")
    custom_fields = CustomFieldInput(
        many=True, required=False, allow_null=True, max_length=MAX_CUSTOM_FIELDS, help_text="Ordered; null clears."
    )
    tabs = TabInput(many=True, required=False, allow_null=True, max_length=MAX_TABS, help_text="Ordered; null clears.")
    file = ReferenceField(
        max_length=2048,
        required=False,
        allow_null=True,
        allow_blank=True,
        help_text='Attachment: a media id (med_…) or a URL the media library fetches; null or "" removes it.',
    )
    file_access = serializers.ChoiceField(
        choices=FileAccess.choices, required=False, help_text="public: anyone; buyers: owners of a paid order."
    )
    reduced_rate = serializers.ChoiceField(
        choices=ReducedRate.choices,
        required=False,
        allow_null=True,
        allow_blank=True,
        help_text='VAT rate choice; sets `tax_rate_bp`. null or "": the rate in `tax_rate_bp`.',
    )

    def validate(self, attrs):
        alias = attrs.pop("status_alias", None)
        if alias is not None:
            attrs.setdefault("status", alias)
        for name, value in attrs.pop("stock", {}).items():
            attrs.setdefault(f"stock_{name}", value)
        for name in ("video_url", "stripe_payment_link"):  # GET shows an absent link as null
            if name in attrs and attrs[name] is None:
                attrs[name] = ""
        if "channels" in attrs:
            attrs["channels"] = [dict(channel) for channel in attrs["channels"]]
        for name in ("custom_fields", "tabs"):  # GET shows [] for none; null is accepted as "none" too
            if name in attrs:
                attrs[name] = [dict(item) for item in attrs[name] or []]
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
    """An option as its title or as {"id", "title"} to rename an existing one."""

    def to_internal_value(self, data):
        payload = OptionValueInput(data={"title": data} if isinstance(data, str) else data)
        payload.is_valid(raise_exception=True)
        return payload.validated_data

    def to_representation(self, value):
        return value


class OptionValueInput(StrictInput):
    id = serializers.CharField(max_length=40, required=False)
    title = serializers.CharField(max_length=100)


class OptionGroupInput(StrictInput):
    title = serializers.CharField(max_length=100)
    options = serializers.ListField(child=OptionValueField(), min_length=1, max_length=50)


class VariantInput(StrictInput):
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


class TaxonomyInput(StrictInput):
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


class SearchOutput(Serializer):
    products = ProductSummaryOutput(many=True)
    categories = CategorySummaryOutput(many=True)
    brands = BrandLinkOutput(many=True)
