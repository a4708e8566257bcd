"""Back-in-stock alerts: a buyer's wish to hear once when a sold-out product (or one of its variants) returns.

One pending alert per (e-mail, product, variant): a second sign-up finds the first. When stock returns the alert is
marked `notified_at` in the restocking transaction and its e-mail is a Notification row keyed by the alert's public
id, so it is sent once; signing up again afterwards starts a new alert (the uniqueness covers pending alerts only).
"""

from django.db import models
from django.db.models import Q

from shopplatform.ids import PublicIdField


class StockAlert(models.Model):
    public_id = PublicIdField(prefix="alrt")
    email = models.EmailField(help_text="Stored lower-cased.")
    product = models.ForeignKey("catalog.Product", on_delete=models.CASCADE, related_name="stock_alerts")
    variant = models.ForeignKey(
        "catalog.Variant", null=True, blank=True, on_delete=models.CASCADE, related_name="stock_alerts"
    )
    customer = models.ForeignKey(
        "accounts.Customer", null=True, blank=True, on_delete=models.SET_NULL, related_name="stock_alerts"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["email", "product"],
                condition=Q(variant__isnull=True, notified_at__isnull=True),
                name="stock_alert_pending_once_per_product",
            ),
            models.UniqueConstraint(
                fields=["email", "product", "variant"],
                condition=Q(variant__isnull=False, notified_at__isnull=True),
                name="stock_alert_pending_once_per_variant",
            ),
        ]
        indexes = [models.Index(fields=["product", "notified_at"], name="stock_alert_product_pending")]

    def __str__(self) -> str:
        return f"{self.email} → {self.variant_id or self.product_id}"
