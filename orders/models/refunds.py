"""Refunds: one row per sum given back to the buyer, to the wallet or through Stripe.

`Order.refunded_cents` stays the running total (the API's `payment.refunded_cents`); the rows are its ledger, so a
merchant sees each refund, who made it, why, and the provider's reference.
"""

from django.conf import settings
from django.db import models

from shopplatform.ids import PublicIdField


class RefundChannel(models.TextChoices):
    WALLET = "wallet", "Wallet credit"
    STRIPE = "stripe", "Card (Stripe)"
    PAYPAL = "paypal", "PayPal"


class Refund(models.Model):
    public_id = PublicIdField(prefix="rfnd")
    order = models.ForeignKey("orders.Order", on_delete=models.CASCADE, related_name="refunds")
    amount_cents = models.BigIntegerField()
    currency = models.CharField(max_length=3)
    channel = models.CharField(max_length=10, choices=RefundChannel.choices)
    provider_reference = models.CharField(max_length=255, blank=True, help_text="Stripe refund or ledger entry id.")
    reason = models.CharField(max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [models.CheckConstraint(condition=models.Q(amount_cents__gt=0), name="refund_amount_positive")]

    def __str__(self) -> str:
        return f"{self.amount_cents} {self.currency} to {self.channel}"
