"""How the orders app renders its resources: shipping methods, coupons, carts and orders.

The API answers with these and the order.* events carry the same rendering, so a webhook consumer reads what an
API client reads. Money is `*_cents` integers in `currency` plus `*_formatted` display strings in the store locale
(context `locale`). Order statuses are numbered 1-11: `status` is the integer code, `status_alias` the name.
Outputs read only what orders.queries loaded.
"""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from media_library.renditions import placeholder_urls
from media_library.representations import RenditionUrlsOutput
from shopplatform.api.fields import MoneyMixin, datetime_value
from shopplatform.api.serializers import Serializer
from shopplatform.countries import address_country_name
from shopplatform.links import site_url
from shopplatform.store.models import Store
from shopplatform.store.payments import PaymentMethodType, checkout_code

from .limits import ADDRESS_FIELDS
from .models import Coupon
from .render import render_cart, render_order


def serializer_context(*, store: Store | None = None) -> dict:
    """The store's base URL, currency and locale, which every rendering here reads from its context."""
    store = store or Store.load()
    return {"base_url": site_url(), "currency": store.currency, "locale": store.locale}


class ShippingMethodOutput(MoneyMixin, Serializer):
    id = serializers.CharField(source="public_id")
    title = serializers.CharField()
    description = serializers.CharField()
    countries = serializers.ListField(child=serializers.CharField(), help_text="ISO alpha-3 codes; [] = all.")
    min_weight_grams = serializers.IntegerField(allow_null=True)
    max_weight_grams = serializers.IntegerField(allow_null=True)
    min_value_cents = serializers.IntegerField(allow_null=True)
    max_value_cents = serializers.IntegerField(allow_null=True)
    price_cents = serializers.IntegerField()
    free_over_cents = serializers.IntegerField(allow_null=True)
    quote_cents = serializers.SerializerMethodField(help_text="Price for the order quoted (`value`), else the price.")
    quote_formatted = serializers.SerializerMethodField()
    currency = serializers.SerializerMethodField()
    active = serializers.BooleanField()
    position = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    def get_quote_cents(self, method) -> int:
        return self.context.get("quotes", {}).get(method.pk, method.price_cents)

    def get_quote_formatted(self, method) -> str:
        return self.money(self.get_quote_cents(method))

    def get_currency(self, method) -> str:
        return self.context.get("currency", "EUR")


class CouponOutput(MoneyMixin, Serializer):
    id = serializers.CharField(source="public_id")
    code = serializers.CharField()
    type = serializers.ChoiceField(choices=Coupon.Type.choices)
    value = serializers.IntegerField(help_text="Whole percent (`percent`), cents (`money`), 0 (`shipping`).")
    applies_to = serializers.ChoiceField(choices=Coupon.AppliesTo.choices)
    orders_over_cents = serializers.IntegerField(allow_null=True)
    category = serializers.CharField(source="category.public_id", allow_null=True, default=None)
    product = serializers.CharField(source="product.public_id", allow_null=True, default=None)
    limit = serializers.IntegerField(help_text="0 = unlimited.")
    used = serializers.IntegerField()
    date_from = serializers.DateField(allow_null=True)
    date_to = serializers.DateField(allow_null=True)
    active = serializers.BooleanField(
        help_text="False once its target product was deleted; inactive coupons are refused."
    )
    orders_total_cents = serializers.IntegerField()
    orders_discount_cents = serializers.IntegerField()
    currency = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    def get_currency(self, coupon) -> str:
        return self.context.get("currency", "EUR")


class AddressSerializer(Serializer):
    name = serializers.CharField(max_length=200, allow_blank=True, required=False)
    company = serializers.CharField(max_length=200, allow_blank=True, required=False)
    phone = serializers.CharField(max_length=40, allow_blank=True, required=False)
    address = serializers.CharField(max_length=255)
    address_extra = serializers.CharField(max_length=255, allow_blank=True, required=False)
    city = serializers.CharField(max_length=100)
    zip_code = serializers.CharField(max_length=20, allow_blank=True, required=False)
    region = serializers.CharField(max_length=100, allow_blank=True, required=False)
    country_code = serializers.CharField(max_length=3, help_text="ISO 3166-1 alpha-3, e.g. PRT.")


assert set(AddressSerializer().fields) == set(ADDRESS_FIELDS)


class CartLineOutput(Serializer):
    id = serializers.CharField(source="line.public_id")
    product = serializers.CharField(source="line.product.public_id")
    variant = serializers.CharField(source="line.variant.public_id", allow_null=True, default=None)
    title = serializers.CharField(source="line.product.title")
    option = serializers.CharField(source="line.variant.title", allow_null=True, default=None)
    sku = serializers.SerializerMethodField()
    quantity = serializers.IntegerField(source="line.quantity")
    unit_price_cents = serializers.IntegerField(source="amounts.item.unit_price_cents")
    tax_rate_bp = serializers.IntegerField(source="amounts.item.tax_rate_bp")
    subtotal_cents = serializers.IntegerField(source="amounts.subtotal_cents")
    discount_cents = serializers.IntegerField(source="amounts.discount_cents")
    tax_cents = serializers.IntegerField(source="amounts.tax_cents")
    total_cents = serializers.IntegerField(source="amounts.total_cents")

    def get_sku(self, row) -> str:
        return row["line"].sku


class TotalsOutput(Serializer):
    subtotal_cents = serializers.IntegerField()
    discount_cents = serializers.IntegerField()
    product_tax_cents = serializers.IntegerField()
    taxes_included = serializers.BooleanField()
    shipping_cents = serializers.IntegerField(help_text="Method price x parcels + the items' own shipping costs.")
    shipping_discount_cents = serializers.IntegerField()
    parcels = serializers.IntegerField(help_text="One for ordinary items plus one per `shipping_alone` unit.")
    payment_fee_cents = serializers.IntegerField(help_text="Payment method fee (cash on delivery, custom; untaxed).")
    total_cents = serializers.IntegerField()
    weight_grams = serializers.IntegerField()


class CartOutput(MoneyMixin, Serializer):
    """Renders an orders.services.carts.PricedCart."""

    id = serializers.CharField(source="cart.public_id")
    status = serializers.CharField(source="cart.status")
    customer = serializers.CharField(source="cart.customer.public_id", allow_null=True, default=None)
    email = serializers.CharField(source="cart.email")
    coupon = serializers.CharField(source="cart.coupon.code", allow_null=True, default=None)
    coupon_applied = serializers.BooleanField(source="totals.coupon_applied")
    shipping_method = serializers.CharField(source="cart.shipping_method.public_id", allow_null=True, default=None)
    shipping_available = serializers.BooleanField(help_text="The chosen method serves this address and order.")
    delivery_address = AddressSerializer(source="cart.delivery_address", allow_null=True)
    billing_address = AddressSerializer(source="cart.billing_address", allow_null=True)
    client_note = serializers.CharField(source="cart.client_note")
    payment_method = serializers.SerializerMethodField(help_text="The intended payment method, or null.")
    wholesale = serializers.BooleanField()
    lines = serializers.SerializerMethodField()
    currency = serializers.CharField()
    totals = TotalsOutput()
    total_formatted = serializers.SerializerMethodField()
    order = serializers.CharField(source="cart.order.public_id", allow_null=True, default=None)
    created_at = serializers.DateTimeField(source="cart.created_at")
    updated_at = serializers.DateTimeField(source="cart.updated_at")

    def to_representation(self, priced) -> dict:
        # The declared fields describe the output (and the schema); render_cart produces it in one pass.
        return render_cart(self, priced)

    @extend_schema_field(CartLineOutput(many=True))
    def get_lines(self, priced) -> list:
        rows = [
            {"line": line, "amounts": amounts} for line, amounts in zip(priced.lines, priced.totals.lines, strict=True)
        ]
        return CartLineOutput(rows, many=True).data

    def get_total_formatted(self, priced) -> str:
        return self.money(priced.totals.total_cents, priced.currency)

    def get_payment_method(self, priced) -> str | None:
        return checkout_code(priced.cart.payment_method) if priced.cart.payment_method else None


class OrderLineOutput(Serializer):
    product = serializers.CharField(source="product_public_id")
    variant = serializers.SerializerMethodField()
    title = serializers.CharField()
    option = serializers.CharField(allow_null=True, help_text="Variant title, or null.")
    sku = serializers.CharField()
    barcode = serializers.CharField()
    unit_price_cents = serializers.IntegerField()
    quantity = serializers.IntegerField()
    tax_rate_bp = serializers.IntegerField()
    subtotal_cents = serializers.IntegerField()
    discount_cents = serializers.IntegerField()
    tax_cents = serializers.IntegerField()
    total_cents = serializers.IntegerField()
    weight_grams = serializers.IntegerField()
    url = serializers.URLField(help_text="The product page when ordered (snapshot).")
    description_short = serializers.CharField(help_text="The product's excerpt when ordered (snapshot).")
    image = RenditionUrlsOutput(help_text="The product's image when ordered (snapshot).")
    reduced_rate = serializers.CharField(allow_null=True, help_text="The VAT rate choice when ordered, or null.")

    def get_variant(self, line) -> str | None:
        return line.variant_public_id or None

    def to_representation(self, line):
        data = super().to_representation(line)
        data["option"] = line.option or None
        data["reduced_rate"] = line.reduced_rate or None
        data["image"] = line.image or placeholder_urls()  # lines ordered before snapshots existed
        return data


class CouponSnapshotOutput(Serializer):
    code = serializers.CharField()
    type = serializers.CharField()
    value = serializers.IntegerField()


class ShippingBlockOutput(Serializer):
    method = serializers.CharField(help_text="Shipping method title when ordered.")
    method_id = serializers.CharField(allow_null=True)
    price_cents = serializers.IntegerField()
    discount_cents = serializers.IntegerField()
    tax_cents = serializers.IntegerField()
    tax_percent = serializers.IntegerField(allow_null=True)
    total_cents = serializers.IntegerField()


class RefundOutput(Serializer):
    id = serializers.CharField(allow_null=True, help_text="Stripe refund id (`re_…`); null when already refunded.")
    amount_cents = serializers.IntegerField()
    status = serializers.CharField(
        help_text="Stripe's refund status (`succeeded`, `pending`, …) or `already_refunded`."
    )


class PaymentBlockOutput(Serializer):
    type = serializers.CharField()
    description = serializers.CharField()
    paid = serializers.BooleanField()
    paid_at = serializers.DateTimeField(allow_null=True)
    fee_cents = serializers.IntegerField(help_text="Payment method fee (on delivery, custom), in `total_cents`.")
    refunded_cents = serializers.IntegerField()
    refund = RefundOutput(allow_null=True, help_text="The Stripe refund of a canceled or returned card order.")
    checkout_url = serializers.CharField(allow_null=True, help_text="Stripe Checkout (`card`) or PayPal approval page.")
    data = serializers.DictField()


class OrderAddressOutput(AddressSerializer):
    country = serializers.CharField(help_text="Country name in the store locale (from `country_code`).")


class ClientOutput(Serializer):
    customer = serializers.CharField(allow_null=True, help_text="`cus_` id.")
    name = serializers.CharField()
    email = serializers.CharField()
    phone = serializers.CharField()
    company = serializers.CharField()
    fiscal_id = serializers.CharField()
    is_registered = serializers.BooleanField()
    delivery = OrderAddressOutput(allow_null=True)
    billing = OrderAddressOutput(allow_null=True)


class TrackingOutput(Serializer):
    code = serializers.CharField()
    url = serializers.CharField()
    carrier = serializers.CharField()
    created_at = serializers.DateTimeField(allow_null=True)


class InvoiceOutput(Serializer):
    number = serializers.CharField()
    url = serializers.CharField()


class OrderOutput(MoneyMixin, Serializer):
    id = serializers.CharField(source="public_id")
    number = serializers.IntegerField(help_text="Short sequential order number, shown to buyers as #1042.")
    hash = serializers.CharField()
    permalink = serializers.SerializerMethodField()
    status = serializers.IntegerField(source="status_code", help_text="Status code, 1-11.")
    status_alias = serializers.CharField(source="status")
    status_description = serializers.CharField()
    paid = serializers.BooleanField()
    is_new = serializers.BooleanField()
    wholesale = serializers.BooleanField()
    currency = serializers.CharField()
    taxes_included = serializers.BooleanField()
    subtotal_cents = serializers.IntegerField()
    discount_cents = serializers.IntegerField()
    product_tax_cents = serializers.IntegerField()
    total_tax_cents = serializers.IntegerField(
        source="product_tax_cents", help_text="Product tax; shipping and the payment fee carry none."
    )
    payment_fee_cents = serializers.IntegerField(help_text="Payment method fee (cash on delivery, custom; untaxed).")
    total_cents = serializers.IntegerField()
    total_formatted = serializers.SerializerMethodField()
    weight_grams = serializers.IntegerField()
    shipping = serializers.SerializerMethodField()
    payment = serializers.SerializerMethodField()
    client = serializers.SerializerMethodField()
    coupon = CouponSnapshotOutput(source="coupon_snapshot", allow_null=True)
    lines = OrderLineOutput(many=True)
    tracking = serializers.SerializerMethodField()
    invoice = serializers.SerializerMethodField()
    shipping_url = serializers.CharField()
    at_code = serializers.CharField()
    pickup_code = serializers.CharField()
    note = serializers.CharField()
    client_note = serializers.CharField()
    observations = serializers.CharField(help_text="Merchant observations.")
    custom_field = serializers.CharField()
    expected_arrival_from = serializers.DateField(allow_null=True)
    expected_arrival_until = serializers.DateField(allow_null=True)
    tax_exemption = serializers.SerializerMethodField(help_text="Tax exemption reason, or null.")
    tags = serializers.ListField(child=serializers.CharField(), help_text="Short labels (strings).")
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    paid_at = serializers.DateTimeField(allow_null=True)
    sent_at = serializers.DateTimeField(allow_null=True)
    delivered_at = serializers.DateTimeField(allow_null=True)
    canceled_at = serializers.DateTimeField(allow_null=True)
    returned_at = serializers.DateTimeField(allow_null=True)

    def to_representation(self, order) -> dict:
        # The declared fields describe the output (and the schema); render_order produces it in one pass.
        return render_order(self, order)

    def get_permalink(self, order) -> str:
        return f"{self.context.get('base_url', '')}/order/{order.hash}"

    def get_total_formatted(self, order) -> str:
        return self.money(order.total_cents, order.currency)

    @extend_schema_field(ShippingBlockOutput)
    def get_shipping(self, order) -> dict:
        return {
            "method": order.shipment_method,
            "method_id": order.shipping_method.public_id if order.shipping_method_id else None,
            "price_cents": order.shipping_cents,
            "discount_cents": order.shipping_discount_cents,
            "tax_cents": 0,
            "tax_percent": None,
            "total_cents": order.shipping_cents - order.shipping_discount_cents,
        }

    @extend_schema_field(PaymentBlockOutput)
    def get_payment(self, order) -> dict:
        return {
            "type": checkout_code(order.payment_method),
            "description": PaymentMethodType(order.payment_method).label,
            "paid": order.paid,
            "paid_at": datetime_value(order.paid_at),
            "fee_cents": order.payment_fee_cents,
            "refunded_cents": order.refunded_cents,
            "refund": order.payment_data.get("refund"),
            "checkout_url": order.payment_data.get("checkout_url"),
            "data": order.payment_data,
        }

    @extend_schema_field(ClientOutput)
    def get_client(self, order) -> dict:
        client = order.client
        return {
            "customer": client.get("customer"),
            "name": client.get("name", ""),
            "email": order.email,
            "phone": client.get("phone", ""),
            "company": client.get("company", ""),
            "fiscal_id": client.get("fiscal_id", ""),
            "is_registered": bool(client.get("is_registered")),
            "delivery": self._address(client.get("delivery")),
            "billing": self._address(client.get("billing")),
        }

    def _address(self, address: dict | None) -> dict | None:
        if address is None:
            return None
        locale = self.context.get("locale", "en")
        return {**address, "country": address_country_name(address, locale)}

    def get_tax_exemption(self, order) -> str | None:
        return order.tax_exemption or None

    @extend_schema_field(TrackingOutput)
    def get_tracking(self, order) -> dict:
        return {
            "code": order.tracking_code,
            "url": order.tracking_url,
            "carrier": order.tracking_carrier,
            "created_at": datetime_value(order.tracking_created_at),
        }

    @extend_schema_field(InvoiceOutput)
    def get_invoice(self, order) -> dict:
        return {"number": order.invoice_number, "url": order.invoice_url}
