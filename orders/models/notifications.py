"""Transactional e-mails already decided: one row per (kind, key), so a retried task, a repeated status change
or a replayed payment webhook finds the row and sends nothing twice.

`key` names what the e-mail is about: the order's public id for order e-mails, the ledger entry's for a wallet
credit, the product or variant and the order that crossed its threshold for low stock, the stock alert's for back in
stock, the endpoint's id, its state and when the failure streak started (or it was disabled) for a failing webhook. `sent_at` is set by the sending task when it claims the row (a conditional UPDATE), before the message leaves.
"""

from django.db import models


class NotificationKind(models.TextChoices):
    ORDER_CONFIRMATION = "order_confirmation", "Order confirmation"
    PAYMENT_RECEIVED = "payment_received", "Payment received"
    ORDER_SHIPPED = "order_shipped", "Order shipped"
    ORDER_DELIVERED = "order_delivered", "Order delivered"
    ORDER_CANCELED = "order_canceled", "Order canceled"
    ORDER_REFUNDED = "order_refunded", "Order refunded"
    DOWNLOAD_READY = "download_ready", "Downloads ready"
    ORDER_LINK = "order_link", "Order link (find my order)"
    WALLET_CREDITED = "wallet_credited", "Wallet credited"
    MERCHANT_NEW_ORDER = "merchant_new_order", "New order (merchant)"
    MERCHANT_LOW_STOCK = "merchant_low_stock", "Low stock (merchant)"
    BACK_IN_STOCK = "back_in_stock", "Back in stock"
    MERCHANT_WEBHOOK_FAILING = "merchant_webhook_failing", "Webhook endpoint failing (merchant)"


class Notification(models.Model):
    kind = models.CharField(max_length=32, choices=NotificationKind.choices)
    key = models.CharField(max_length=120, help_text="What it is about: an order id, a ledger entry id…")
    order = models.ForeignKey(
        "orders.Order", null=True, blank=True, on_delete=models.CASCADE, related_name="notifications"
    )
    recipient = models.EmailField()
    context = models.JSONField(default=dict, blank=True, help_text="Facts the template needs besides the order.")
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["kind", "key"], name="notification_once_per_kind_and_key")]

    def __str__(self) -> str:
        return f"{self.kind} {self.key} → {self.recipient}"
