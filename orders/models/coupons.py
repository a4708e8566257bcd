from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils import timezone

from shopplatform.ids import PublicIdField


def detach_and_deactivate(collector, field, sub_objs, using) -> None:
    """on_delete of a coupon's target: the coupon stays (with its usage history) without a target, inactive."""
    collector.add_field_update(field, None, sub_objs)
    collector.add_field_update(field.model._meta.get_field("active"), False, sub_objs)


class Coupon(models.Model):
    """A discount code. `value` is whole percent for `percent`, cents for `money`, unused for `shipping`
    (free shipping). `used` only moves through conditional UPDATEs, never past `limit` (0 = unlimited)."""

    class Type(models.TextChoices):
        PERCENT = "percent"
        MONEY = "money"
        SHIPPING = "shipping", "Free shipping"

    class AppliesTo(models.TextChoices):
        ALL_ORDERS = "all_orders"
        ORDERS_OVER = "orders_over"
        CATEGORY = "category"
        PRODUCT = "product"

    public_id = PublicIdField(prefix="cpn")
    code = models.CharField(max_length=64)
    type = models.CharField(max_length=10, choices=Type.choices)
    value = models.PositiveBigIntegerField(default=0, help_text="Percent (1-100) or cents, by type.")
    applies_to = models.CharField(max_length=12, choices=AppliesTo.choices, default=AppliesTo.ALL_ORDERS)
    orders_over_cents = models.PositiveBigIntegerField(null=True, blank=True)
    category = models.ForeignKey(
        "catalog.Category", null=True, blank=True, on_delete=models.CASCADE, related_name="coupons"
    )
    product = models.ForeignKey(
        "catalog.Product", null=True, blank=True, on_delete=detach_and_deactivate, related_name="+"
    )
    active = models.BooleanField(default=True, help_text="Inactive coupons are refused at the cart.")
    limit = models.PositiveIntegerField(default=0, help_text="Uses allowed; 0 = unlimited.")
    used = models.PositiveIntegerField(default=0, editable=False)
    date_from = models.DateField(null=True, blank=True)
    date_to = models.DateField(null=True, blank=True)
    orders_total_cents = models.BigIntegerField(default=0, editable=False, help_text="Total of orders using it.")
    orders_discount_cents = models.BigIntegerField(default=0, editable=False, help_text="Discount it granted.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(Lower("code"), name="coupon_code_unique_ci"),
            models.CheckConstraint(condition=Q(limit=0) | Q(used__lte=F("limit")), name="coupon_used_within_limit"),
        ]

    def __str__(self) -> str:
        return self.code

    def save(self, *args, **kwargs) -> None:
        self.code = self.code.strip()
        super().save(*args, **kwargs)

    @property
    def exhausted(self) -> bool:
        return bool(self.limit) and self.used >= self.limit

    def is_current(self, today=None) -> bool:
        today = today or timezone.localdate()
        return (
            self.active
            and (self.date_from is None or self.date_from <= today)
            and (self.date_to is None or today <= self.date_to)
        )
