"""Wallets: one per customer, an append-only ledger, transfers between customers and checkout holds.

Invariants (kept by wallet.services under row locks, checked by `manage.py wallet_audit`):
- `Wallet.balance_cents` equals the sum of the wallet's `LedgerEntry.amount_cents` (credits positive, debits negative);
- `Wallet.held_cents` equals the sum of the wallet's holds in status `held`;
- 0 <= held_cents <= balance_cents, so `available_cents` (balance minus holds) is never negative.
Entries are never updated or deleted: a mistake is corrected by a new entry.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from shopplatform.accounts.models import Customer
from shopplatform.ids import PublicIdField

from .exceptions import ImmutableLedgerEntry


class Wallet(models.Model):
    # PROTECT: money records outlive nothing silently; a customer with a wallet is anonymised, not deleted.
    customer = models.OneToOneField(Customer, on_delete=models.PROTECT, related_name="wallet")
    currency = models.CharField(max_length=3, editable=False, help_text="The store currency when it was created.")
    balance_cents = models.BigIntegerField(default=0, editable=False)
    held_cents = models.BigIntegerField(default=0, editable=False, help_text="Reserved by open checkout holds.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        indexes = [models.Index(fields=["-updated_at", "-id"], name="wallet_recently_updated")]  # the admin list
        constraints = [
            models.CheckConstraint(condition=Q(held_cents__gte=0), name="wallet_held_not_negative"),
            models.CheckConstraint(condition=Q(held_cents__lte=F("balance_cents")), name="wallet_held_within_balance"),
        ]

    def __str__(self) -> str:
        return f"Wallet of {self.customer}"

    @property
    def available_cents(self) -> int:
        return self.balance_cents - self.held_cents


class Transfer(models.Model):
    """Money moved from one customer's wallet to another's: one debit and one credit entry."""

    class Status(models.TextChoices):
        PROCESSING = "processing"
        SUCCEEDED = "succeeded"
        FAILED = "failed"

    public_id = PublicIdField(prefix="trf")
    from_wallet = models.ForeignKey(Wallet, on_delete=models.PROTECT, related_name="transfers_out")
    to_wallet = models.ForeignKey(Wallet, on_delete=models.PROTECT, related_name="transfers_in")
    amount_cents = models.BigIntegerField()
    currency = models.CharField(max_length=3)
    note = models.CharField(max_length=500, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PROCESSING)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount_cents__gt=0), name="transfer_amount_positive"),
            models.CheckConstraint(condition=~Q(from_wallet=F("to_wallet")), name="transfer_between_two_wallets"),
        ]

    def __str__(self) -> str:
        return self.public_id


class LedgerEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ImmutableLedgerEntry("Ledger entries cannot be updated.")

    def delete(self):
        raise ImmutableLedgerEntry("Ledger entries cannot be deleted.")


class LedgerEntry(models.Model):
    """One signed movement of a wallet's balance. Append-only."""

    class Type(models.TextChoices):
        CREDIT = "credit"
        DEBIT = "debit"

    class Kind(models.TextChoices):
        ADJUSTMENT = "adjustment"
        TRANSFER_IN = "transfer_in"
        TRANSFER_OUT = "transfer_out"
        PURCHASE = "purchase"
        REFUND = "refund"

    public_id = PublicIdField(prefix="txn")
    wallet = models.ForeignKey(Wallet, on_delete=models.PROTECT, related_name="entries")
    amount_cents = models.BigIntegerField(help_text="Signed: credits positive, debits negative.")
    type = models.CharField(max_length=6, choices=Type.choices)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    transfer = models.ForeignKey(Transfer, on_delete=models.PROTECT, null=True, blank=True, related_name="entries")
    order_reference = models.CharField(max_length=64, blank=True, help_text="Public id of the order paid or refunded.")
    note = models.CharField(max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    balance_after_cents = models.BigIntegerField()
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = LedgerEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "ledger entries"
        indexes = [
            models.Index(fields=["wallet", "-created_at", "-id"], name="ledger_wallet_newest"),
            models.Index(fields=["order_reference"], name="ledger_order_reference"),  # admin search by ord_ id
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(type="credit", amount_cents__gt=0) | Q(type="debit", amount_cents__lt=0),
                name="ledger_sign_matches_type",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.public_id} {self.amount_cents:+d}"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise ImmutableLedgerEntry("Ledger entries cannot be updated.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableLedgerEntry("Ledger entries cannot be deleted.")


class Hold(models.Model):
    """Funds reserved for a checkout: counted in `held_cents` until captured (a purchase entry) or released."""

    class Status(models.TextChoices):
        HELD = "held"
        CAPTURED = "captured"
        RELEASED = "released"

    wallet = models.ForeignKey(Wallet, on_delete=models.PROTECT, related_name="holds")
    amount_cents = models.BigIntegerField()
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.HELD)
    reference = models.CharField(max_length=64, blank=True, help_text="Public id of the order or cart it pays.")
    created_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [models.CheckConstraint(condition=Q(amount_cents__gt=0), name="hold_amount_positive")]

    def __str__(self) -> str:
        return f"Hold {self.amount_cents} ({self.status})"
