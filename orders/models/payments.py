from django.db import models


class ProviderEvent(models.Model):
    """A payment provider's webhook event already handled; its unique id makes a replayed delivery a no-op."""

    event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=100)
    order = models.ForeignKey("orders.Order", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    processed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["-processed_at", "-pk"]

    def __str__(self) -> str:
        return self.event_id


class StripeEvent(ProviderEvent):
    """A Stripe webhook event already handled (Stripe's `evt_` id)."""


class PayPalEvent(ProviderEvent):
    """A PayPal webhook event already handled (PayPal's `WH-` id)."""
