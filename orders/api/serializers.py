"""Input shapes of the orders API (shipping methods, coupons, carts, checkout and order edits) and its replies
that are not resources. The resources themselves render through orders.representations.

Inputs check shape and leave the rules to orders.services. Order statuses are numbered 1-11: `status` takes the
integer code or the name, `status_alias` the name.
"""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from shopplatform.api.fields import MAX_CENTS, MAX_GRAMS, cents_field
from shopplatform.api.serializers import Serializer
from shopplatform.api.strict import StrictInput
from shopplatform.store.payments import CHECKOUT_CHOICES, checkout_code, method_for_checkout_code

from ..limits import MAX_LINE_QUANTITY, MAX_TAG_LENGTH, MAX_TAGS
from ..models import STATUS_BY_CODE, STATUS_CODES, TRACKING_CARRIERS, Coupon, OrderStatus
from ..representations import AddressSerializer


class CheckoutMethodChoiceField(serializers.ChoiceField):
    """A payment method as the orders API spells it (`card` for the credit card); a PaymentMethodType inside."""

    def __init__(self, **kwargs) -> None:
        super().__init__(choices=CHECKOUT_CHOICES, **kwargs)

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        return method_for_checkout_code(value) if value else value

    def to_representation(self, value):
        return checkout_code(value) if value else value


# --- Shipping methods -------------------------------------------------------------------------------------
class ShippingMethodInput(StrictInput):
    title = serializers.CharField(max_length=120)
    description = serializers.CharField(max_length=500, allow_blank=True, required=False)
    countries = serializers.ListField(child=serializers.CharField(max_length=3), max_length=300, required=False)
    min_weight_grams = serializers.IntegerField(min_value=0, max_value=MAX_GRAMS, allow_null=True, required=False)
    max_weight_grams = serializers.IntegerField(min_value=0, max_value=MAX_GRAMS, allow_null=True, required=False)
    min_value_cents = cents_field(allow_null=True, required=False)
    max_value_cents = cents_field(allow_null=True, required=False)
    price_cents = cents_field()
    free_over_cents = cents_field(allow_null=True, required=False)
    active = serializers.BooleanField(required=False)
    position = serializers.IntegerField(min_value=-(10**6), max_value=10**6, required=False)


class ShippingQuoteQuery(Serializer):
    """Query parameters (their names are checked by the view, like every query string)."""

    country_code = serializers.CharField(max_length=3, required=False, help_text="ISO alpha-3, any case (PRT, prt).")
    weight = serializers.IntegerField(min_value=0, max_value=MAX_GRAMS, required=False, help_text="Grams.")
    value = cents_field(required=False, help_text="Order value in cents.")


# --- Coupons ----------------------------------------------------------------------------------------------
class CouponInput(StrictInput):
    code = serializers.CharField(max_length=64)
    type = serializers.ChoiceField(choices=Coupon.Type.choices)
    value = serializers.IntegerField(min_value=0, max_value=MAX_CENTS, required=False)
    applies_to = serializers.ChoiceField(choices=Coupon.AppliesTo.choices, required=False)
    orders_over_cents = cents_field(allow_null=True, required=False)
    category = serializers.CharField(max_length=200, allow_null=True, required=False, help_text="Id or slug.")
    product = serializers.CharField(max_length=200, allow_null=True, required=False, help_text="Id or slug.")
    limit = serializers.IntegerField(min_value=0, max_value=2**31 - 1, required=False)
    date_from = serializers.DateField(allow_null=True, required=False)
    date_to = serializers.DateField(allow_null=True, required=False)
    active = serializers.BooleanField(required=False)


# --- Carts ------------------------------------------------------------------------------------------------
class CartLineInput(StrictInput):
    product = serializers.CharField(max_length=200, help_text="`prod_` id or slug.")
    variant = serializers.CharField(max_length=40, allow_null=True, required=False, help_text="`var_` id.")
    quantity = serializers.IntegerField(min_value=1, max_value=MAX_LINE_QUANTITY, default=1)


class CartLineQuantityInput(StrictInput):
    quantity = serializers.IntegerField(min_value=1, max_value=MAX_LINE_QUANTITY)


class CartInput(StrictInput):
    email = serializers.EmailField(allow_blank=True, required=False)
    coupon = serializers.CharField(max_length=64, allow_null=True, allow_blank=True, required=False, help_text="Code.")
    shipping_method = serializers.CharField(max_length=40, allow_null=True, required=False, help_text="`ship_` id.")
    delivery_address = AddressSerializer(allow_null=True, required=False)
    billing_address = AddressSerializer(allow_null=True, required=False)
    client_note = serializers.CharField(max_length=2000, allow_blank=True, required=False)
    payment_method = CheckoutMethodChoiceField(
        allow_null=True,
        allow_blank=True,
        required=False,
        help_text="The intended payment method; `on_delivery` adds the store's surcharge to the totals.",
    )
    lines = CartLineInput(many=True, required=False, max_length=100, help_text="On PATCH: replaces every line.")


class CheckoutInput(StrictInput):
    payment_method = CheckoutMethodChoiceField()


# --- Orders -----------------------------------------------------------------------------------------------
@extend_schema_field({"oneOf": [{"type": "integer", "minimum": 1, "maximum": 11}, {"type": "string"}]})
class StatusField(serializers.Field):
    """The integer status code (1-11) or the status name."""

    default_error_messages = {"invalid": "Send a status code 1-11 or one of: " + ", ".join(OrderStatus.values) + "."}

    def to_internal_value(self, data):
        text = str(data).strip().lower()
        if text.isdigit() and int(text) in STATUS_BY_CODE:
            return STATUS_BY_CODE[int(text)]
        if text in OrderStatus.values:
            return OrderStatus(text)
        self.fail("invalid")

    def to_representation(self, value):
        return STATUS_CODES[value]


class OrderUpdateInput(StrictInput):
    status = StatusField(required=False)
    status_alias = serializers.ChoiceField(choices=OrderStatus.choices, required=False)
    paid = serializers.BooleanField(required=False)
    tracking_code = serializers.CharField(max_length=100, allow_blank=True, required=False)
    tracking_url = serializers.URLField(max_length=1000, allow_blank=True, required=False)
    tracking_carrier = serializers.ChoiceField(choices=TRACKING_CARRIERS, allow_blank=True, required=False)
    shipping_url = serializers.URLField(max_length=1000, allow_blank=True, required=False)
    at_code = serializers.CharField(max_length=100, allow_blank=True, required=False)
    pickup_code = serializers.CharField(max_length=100, allow_blank=True, required=False)
    invoice_number = serializers.CharField(max_length=100, allow_blank=True, required=False)
    invoice_url = serializers.URLField(max_length=1000, allow_blank=True, required=False)
    note = serializers.CharField(max_length=5000, allow_blank=True, required=False)
    client_note = serializers.CharField(max_length=5000, allow_blank=True, required=False)
    is_new = serializers.BooleanField(required=False)
    observations = serializers.CharField(max_length=5000, allow_blank=True, required=False)
    custom_field = serializers.CharField(max_length=255, allow_blank=True, required=False)
    expected_arrival_from = serializers.DateField(allow_null=True, required=False)
    expected_arrival_until = serializers.DateField(allow_null=True, required=False)
    tax_exemption = serializers.CharField(
        max_length=100, allow_blank=True, allow_null=True, required=False, help_text="Reason; null or '' clears it."
    )
    tags = serializers.ListField(
        child=serializers.CharField(max_length=MAX_TAG_LENGTH),
        max_length=MAX_TAGS,
        required=False,
        help_text="Replaces every tag; duplicates are dropped.",
    )

    def validate_tax_exemption(self, value):
        return value or ""

    def validate(self, attrs):
        alias = attrs.pop("status_alias", None)
        if alias is not None:
            if "status" in attrs and attrs["status"] != alias:
                raise serializers.ValidationError({"status_alias": "`status` and `status_alias` disagree."})
            attrs["status"] = OrderStatus(alias)
        return attrs


class OrderBulkItemInput(OrderUpdateInput):
    id = serializers.CharField(max_length=40, help_text="`ord_` id.")


class OrderBulkResultOutput(Serializer):
    id = serializers.CharField()
    status = serializers.CharField(allow_null=True, help_text="The order's status after the update (alias).")
    code = serializers.IntegerField(help_text="HTTP-like status of this item: 200, 400, 404, 409.")
    message = serializers.CharField()
    error = serializers.CharField(allow_null=True, help_text="Problem code when the item failed.")


class OrderBulkOutput(Serializer):
    data = OrderBulkResultOutput(many=True)


class StripeWebhookOutput(Serializer):
    received = serializers.BooleanField()
    duplicate = serializers.BooleanField()
