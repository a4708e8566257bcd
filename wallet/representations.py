"""How wallets, ledger entries and transfers are rendered, the same way in API responses and event payloads."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from shopplatform.api.serializers import Serializer
from shopplatform.money import format_money

from .models import LedgerEntry, Transfer


class BalanceOutput(Serializer):
    customer = serializers.CharField(source="customer.public_id", help_text="`cus_` id of the wallet's owner.")
    balance_cents = serializers.IntegerField()
    available_cents = serializers.IntegerField(help_text="Balance minus funds held by open checkouts.")
    held_cents = serializers.IntegerField()
    currency = serializers.CharField()
    balance_formatted = serializers.SerializerMethodField()
    available_formatted = serializers.SerializerMethodField()
    updated_at = serializers.DateTimeField()

    def get_balance_formatted(self, wallet) -> str:
        return format_money(wallet.balance_cents, wallet.currency)

    def get_available_formatted(self, wallet) -> str:
        return format_money(wallet.available_cents, wallet.currency)


class LedgerEntryOutput(Serializer):
    id = serializers.CharField(source="public_id")
    type = serializers.ChoiceField(choices=LedgerEntry.Type.choices)
    kind = serializers.ChoiceField(choices=LedgerEntry.Kind.choices)
    amount_cents = serializers.IntegerField(help_text="Signed: credits positive, debits negative.")
    amount_formatted = serializers.SerializerMethodField()
    currency = serializers.CharField(source="wallet.currency")
    balance_after_cents = serializers.IntegerField()
    note = serializers.CharField()
    transfer = serializers.CharField(source="transfer.public_id", allow_null=True, help_text="`trf_` id or null.")
    order = serializers.SerializerMethodField(help_text="`ord_` id of the order paid or refunded, or null.")
    created_at = serializers.DateTimeField()

    def get_amount_formatted(self, entry) -> str:
        return format_money(entry.amount_cents, entry.wallet.currency)

    @extend_schema_field({"type": ["string", "null"]})
    def get_order(self, entry) -> str | None:
        return entry.order_reference or None


class TransferOutput(Serializer):
    id = serializers.CharField(source="public_id")
    status = serializers.ChoiceField(choices=Transfer.Status.choices)
    from_customer = serializers.CharField(source="from_wallet.customer.public_id", help_text="Sender's `cus_` id.")
    to_customer = serializers.CharField(source="to_wallet.customer.public_id", help_text="Recipient's `cus_` id.")
    amount_cents = serializers.IntegerField()
    amount_formatted = serializers.SerializerMethodField()
    currency = serializers.CharField()
    note = serializers.CharField()
    created_at = serializers.DateTimeField()
    completed_at = serializers.DateTimeField(allow_null=True)

    def get_fields(self):
        # `from` is a Python keyword, so the fields are declared under longer names and renamed here.
        fields = super().get_fields()
        fields["from"] = fields.pop("from_customer")
        fields["to"] = fields.pop("to_customer")
        return fields

    def get_amount_formatted(self, transfer) -> str:
        return format_money(transfer.amount_cents, transfer.currency)
