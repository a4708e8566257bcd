"""Orders: snapshots of what was bought, for how much, by whom, and where the order is in its workflow.

Status codes are numbered 1-11 (0 means "all" in filters only). `ALLOWED_TRANSITIONS` is the whole workflow:
`Order.transition_to` refuses anything outside it with InvalidTransition (409); the workflow service
(orders.services.workflow) is what stamps times, moves stock and money, and emits events.
"""

import secrets

from django.conf import settings
from django.db import models

from shopplatform.ids import PublicIdField
from shopplatform.store.payments import CheckoutMethodField

from ..exceptions import InvalidTransition


class OrderStatus(models.TextChoices):
    PENDING = "pending"
    PROCESSING = "processing"
    SENT = "sent"
    CANCELED = "canceled"
    WAITING_CONFIRMATION = "waiting_confirmation", "Waiting confirmation"
    WAITING_PAYMENT = "waiting_payment", "Waiting payment"
    WAITING_STOCK = "waiting_stock", "Waiting stock"
    DELIVERED = "delivered"
    RETURNED = "returned"
    PICKUP_AVAILABLE = "pickup_available", "Available for pick-up"
    WAITING_SHIPMENT = "waiting_shipment", "Waiting shipment"


STATUS_CODES = {status: code for code, status in enumerate(OrderStatus, start=1)}
STATUS_BY_CODE = {code: status for status, code in STATUS_CODES.items()}

_S = OrderStatus
ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    _S.PENDING: frozenset(
        {
            _S.PROCESSING,
            _S.WAITING_CONFIRMATION,
            _S.WAITING_PAYMENT,
            _S.WAITING_STOCK,
            _S.WAITING_SHIPMENT,
            _S.PICKUP_AVAILABLE,
            _S.SENT,
            _S.CANCELED,
        }
    ),
    _S.WAITING_CONFIRMATION: frozenset({_S.PENDING, _S.PROCESSING, _S.WAITING_PAYMENT, _S.CANCELED}),
    _S.WAITING_PAYMENT: frozenset({_S.PENDING, _S.PROCESSING, _S.CANCELED}),
    _S.WAITING_STOCK: frozenset({_S.PROCESSING, _S.WAITING_SHIPMENT, _S.CANCELED}),
    _S.PROCESSING: frozenset({_S.WAITING_STOCK, _S.WAITING_SHIPMENT, _S.PICKUP_AVAILABLE, _S.SENT, _S.CANCELED}),
    _S.WAITING_SHIPMENT: frozenset({_S.PROCESSING, _S.SENT, _S.CANCELED}),
    _S.PICKUP_AVAILABLE: frozenset({_S.DELIVERED, _S.CANCELED}),
    _S.SENT: frozenset({_S.DELIVERED, _S.RETURNED}),
    _S.DELIVERED: frozenset({_S.RETURNED}),
    _S.RETURNED: frozenset(),
    _S.CANCELED: frozenset(),
}

# The carriers a merchant can name on a shipped order.
TRACKING_CARRIERS = (
    "ctt",
    "dpd",
    "correos_express",
    "dhl_express",
    "dhl_globalmail",
    "dhl_parcel",
    "fedex",
    "gls",
    "mrw",
    "rangel",
    "nacex",
    "seur",
    "tnt",
    "ups",
    "vasp",
    "other",
)


def new_order_hash() -> str:
    """40 hex characters: the unguessable part of the public permalink /order/<hash>."""
    return secrets.token_hex(20)


class Order(models.Model):
    public_id = PublicIdField(prefix="ord")
    number = models.PositiveIntegerField(
        unique=True, help_text="Short sequential number buyers read out (#1042); allocated by checkout."
    )
    hash = models.CharField(max_length=40, unique=True, default=new_order_hash, editable=False)
    customer = models.ForeignKey(
        "accounts.Customer", null=True, blank=True, on_delete=models.SET_NULL, related_name="orders"
    )
    email = models.EmailField(db_index=True)
    client = models.JSONField(default=dict, help_text="name, email, phone, company, fiscal_id, delivery, billing.")
    status = models.CharField(max_length=20, choices=OrderStatus.choices, default=OrderStatus.PENDING, db_index=True)
    is_new = models.BooleanField(default=True, help_text="Not yet opened by the merchant.")
    wholesale = models.BooleanField(default=False)

    currency = models.CharField(max_length=3)
    taxes_included = models.BooleanField(default=True)
    subtotal_cents = models.BigIntegerField(default=0, help_text="Σ unit price x quantity, before discount.")
    discount_cents = models.BigIntegerField(default=0)
    product_tax_cents = models.BigIntegerField(default=0)
    shipping_cents = models.BigIntegerField(default=0)
    shipping_discount_cents = models.BigIntegerField(default=0)
    payment_fee_cents = models.BigIntegerField(default=0, help_text="Cash-on-delivery surcharge, untaxed.")
    total_cents = models.BigIntegerField(default=0)
    weight_grams = models.PositiveIntegerField(default=0)

    payment_method = CheckoutMethodField()
    payment_data = models.JSONField(default=dict, blank=True)
    stripe_session_id = models.CharField(max_length=255, blank=True, db_index=True)
    paid = models.BooleanField(default=False, db_index=True)
    refunded_cents = models.BigIntegerField(default=0)
    stock_released = models.BooleanField(default=False, help_text="Stock and coupon use were given back.")

    coupon = models.ForeignKey("orders.Coupon", null=True, blank=True, on_delete=models.SET_NULL, related_name="orders")
    coupon_code = models.CharField(max_length=64, blank=True, db_index=True)
    coupon_snapshot = models.JSONField(null=True, blank=True, help_text="{code, type, value} when ordered.")
    shipping_method = models.ForeignKey(
        "orders.ShippingMethod", null=True, blank=True, on_delete=models.SET_NULL, related_name="orders"
    )
    shipment_method = models.CharField(max_length=120, blank=True, help_text="Shipping method title when ordered.")

    tracking_code = models.CharField(max_length=100, blank=True)
    tracking_url = models.URLField(max_length=1000, blank=True)
    tracking_carrier = models.CharField(max_length=20, blank=True, choices=[(c, c) for c in TRACKING_CARRIERS])
    tracking_created_at = models.DateTimeField(null=True, blank=True)
    shipping_url = models.URLField(max_length=1000, blank=True)
    at_code = models.CharField(max_length=100, blank=True)
    pickup_code = models.CharField(max_length=100, blank=True)
    invoice_number = models.CharField(max_length=100, blank=True)
    invoice_url = models.URLField(max_length=1000, blank=True)
    note = models.TextField(blank=True, help_text="Merchant note.")
    client_note = models.TextField(blank=True)
    observations = models.TextField(blank=True, help_text="Merchant observations.")
    custom_field = models.CharField(max_length=255, blank=True)
    expected_arrival_from = models.DateField(null=True, blank=True)
    expected_arrival_until = models.DateField(null=True, blank=True)
    tax_exemption = models.CharField(
        max_length=100, blank=True, help_text="Tax exemption reason (e.g. an AT code such as M07); blank = none."
    )
    tags = models.JSONField(default=list, blank=True, help_text='Short labels, e.g. ["gift", "vip"].')

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    paid_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    canceled_at = models.DateTimeField(null=True, blank=True)
    returned_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.public_id

    @property
    def display_number(self) -> str:
        return f"#{self.number}"

    @property
    def status_code(self) -> int:
        return STATUS_CODES[self.status]

    @property
    def status_description(self) -> str:
        return OrderStatus(self.status).label

    @property
    def product_tax_added_cents(self) -> int:
        """Tax on top of the prices: zero when prices already contain it."""
        return 0 if self.taxes_included else self.product_tax_cents

    def can_transition_to(self, status: str) -> bool:
        return status in ALLOWED_TRANSITIONS[self.status]

    def transition_to(self, status: str) -> str:
        """Move this row to `status` (not saved); return the previous one. Raise InvalidTransition."""
        if not self.can_transition_to(status):
            raise InvalidTransition(
                f"An order in status '{self.status}' cannot move to '{status}'.",
                param="status",
                allowed=sorted(ALLOWED_TRANSITIONS[self.status]),
            )
        previous, self.status = self.status, status
        return previous


class OrderLine(models.Model):
    """A snapshot of one item as sold (title, SKU, price, tax); survives the product's deletion."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey("catalog.Product", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    variant = models.ForeignKey("catalog.Variant", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    product_public_id = models.CharField(max_length=40)
    variant_public_id = models.CharField(max_length=40, blank=True)
    title = models.CharField(max_length=255)
    option = models.CharField(max_length=320, blank=True, help_text="Variant title.")
    sku = models.CharField(max_length=100, blank=True)
    barcode = models.CharField(max_length=100, blank=True)
    unit_price_cents = models.BigIntegerField()
    quantity = models.PositiveIntegerField()
    tax_rate_bp = models.PositiveIntegerField(default=0, help_text="Basis points: 2300 = 23 %.")
    subtotal_cents = models.BigIntegerField(help_text="Unit price x quantity.")
    discount_cents = models.BigIntegerField(default=0)
    tax_cents = models.BigIntegerField(default=0)
    total_cents = models.BigIntegerField(help_text="Subtotal - discount, plus tax when prices exclude it.")
    weight_grams = models.PositiveIntegerField(default=0)
    position = models.PositiveIntegerField(default=0)
    # Taken at checkout (orders.services.line_snapshots) and never refreshed: the line shows what was sold.
    url = models.URLField(max_length=1000, blank=True, help_text="The product page when ordered.")
    description_short = models.CharField(max_length=500, blank=True, help_text="The product's excerpt when ordered.")
    image = models.JSONField(null=True, blank=True, help_text='{"thumb", "square", "full"} URLs when ordered.')
    reduced_rate = models.CharField(max_length=20, blank=True, help_text="The product's VAT rate choice when ordered.")

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return f"{self.quantity} x {self.title}"


class OrderStatusChange(models.Model):
    """The order's history: every status change, who made it and when."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, blank=True, choices=OrderStatus.choices)
    to_status = models.CharField(max_length=20, choices=OrderStatus.choices)
    note = models.CharField(max_length=255, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status or '—'} → {self.to_status}"


class OrderNumberCounter(models.Model):
    """One row holding the last order number handed out; checkout increments it under the row's lock."""

    last_number = models.PositiveIntegerField()

    class Meta:
        constraints = [models.CheckConstraint(condition=models.Q(pk=1), name="order_number_counter_single_row")]

    def __str__(self) -> str:
        return f"last order #{self.last_number}"
