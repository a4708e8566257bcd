from django.db import models
from django.db.models import Q

from shopplatform.ids import PublicIdField
from shopplatform.store.payments import CheckoutMethodField


class Cart(models.Model):
    """What a buyer is about to order. Owned by a customer (API keys) or a session (store pages).

    Addresses are kept as JSON objects (name, company, phone, address, address_extra, city, zip_code, region,
    country_code) because they are copied verbatim into the order; `order` is set by checkout and makes a repeated
    checkout return the same order.
    """

    class Status(models.TextChoices):
        OPEN = "open"
        ORDERED = "ordered"

    public_id = PublicIdField(prefix="cart")
    customer = models.ForeignKey(
        "accounts.Customer", null=True, blank=True, on_delete=models.CASCADE, related_name="carts"
    )
    session_key = models.CharField(max_length=64, blank=True, db_index=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN)
    email = models.EmailField(blank=True)
    coupon = models.ForeignKey("orders.Coupon", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    shipping_method = models.ForeignKey(
        "orders.ShippingMethod", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    delivery_address = models.JSONField(null=True, blank=True)
    billing_address = models.JSONField(null=True, blank=True)
    client_note = models.TextField(blank=True)
    payment_method = CheckoutMethodField(
        blank=True,
        help_text="The buyer's intended payment method; it decides the payment fee shown in the totals.",
    )
    order = models.OneToOneField(
        "orders.Order", null=True, blank=True, on_delete=models.SET_NULL, related_name="source_cart"
    )
    reminded_at = models.DateTimeField(null=True, blank=True, help_text="When the abandoned-cart e-mail went out.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(customer__isnull=False) | ~Q(session_key=""), name="cart_has_an_owner"),
        ]

    def __str__(self) -> str:
        return self.public_id


class CartLine(models.Model):
    """One item of a cart; adding the same product and variant again raises its quantity (services merge)."""

    public_id = PublicIdField(prefix="line")
    cart = models.ForeignKey(Cart, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey("catalog.Product", on_delete=models.CASCADE, related_name="+")
    variant = models.ForeignKey("catalog.Variant", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    quantity = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gte=1), name="cart_line_quantity_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} x {self.product_id}"

    @property
    def sku(self) -> str:
        """The SKU the line is sold under: its variant's own, else the product's."""
        return (self.variant.sku if self.variant is not None else "") or self.product.sku

    @property
    def barcode(self) -> str:
        """The barcode the line is sold under: its variant's own, else the product's."""
        return (self.variant.barcode if self.variant is not None else "") or self.product.barcode
