"""Inputs of the wallet API: they only check shape and units (outputs are in `wallet.representations`)."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from shopplatform.api.strict import StrictInput
from shopplatform.money import parse_amount, parse_decimal, validate_currency

from ..models import LedgerEntry

# One transfer or adjustment moves at most 10 billion major units: far beyond any real use, far below bigint.
MAX_AMOUNT_CENTS = 10**12
MAX_AMOUNT_DIGITS = 10


@extend_schema_field({"type": ["number", "string"], "example": 12.34})
class DecimalAmountField(serializers.Field):
    """A major-unit amount (`12.34`) kept as sent; converted once its currency is known."""

    default_error_messages = {
        "invalid": "Send a decimal number such as 12.34.",
        "out_of_range": "The amount must be at most 10,000,000,000.",
    }

    def to_internal_value(self, data):
        amount = parse_decimal(data) if len(str(data)) <= 40 else None
        if amount is None:
            self.fail("invalid")
        magnitude = amount.adjusted()
        # Checked before parse_amount scales it: `1e999999999` would otherwise become a billion-digit integer.
        if magnitude > MAX_AMOUNT_DIGITS:
            self.fail("out_of_range")
        return data

    def to_representation(self, value):
        return value


class TransferInput(StrictInput):
    """`to` (`cus_` id or e-mail) and exactly one of `amount_cents` or decimal `amount`."""

    to = serializers.CharField(max_length=254, help_text="Recipient: a `cus_` id or an e-mail address.")
    amount_cents = serializers.IntegerField(min_value=1, max_value=MAX_AMOUNT_CENTS, required=False)
    amount = DecimalAmountField(required=False, help_text="Major units, at most the currency's decimal places.")
    currency = serializers.CharField(max_length=3, required=False, help_text="Defaults to the sender's wallet.")
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")

    def validate(self, attrs):
        has_cents, has_amount = "amount_cents" in attrs, "amount" in attrs
        if has_cents == has_amount:
            raise serializers.ValidationError(
                {"amount": "Send either `amount_cents` or `amount`, exactly one of them."}, code="required"
            )
        currency = validate_currency(attrs.get("currency") or self.context["wallet_currency"])
        if has_amount:
            cents = parse_amount(attrs.pop("amount"), currency)
            if not 1 <= cents <= MAX_AMOUNT_CENTS:
                raise serializers.ValidationError(
                    {"amount": "The amount must be positive and at most 10,000,000,000."}, code="out_of_range"
                )
            attrs["amount_cents"] = cents
        attrs["currency"] = currency
        return attrs


class AdjustmentInput(StrictInput):
    """Signed `amount_cents`, or `type` credit|debit with a positive `amount_cents`; `reason` is required."""

    customer = serializers.CharField(max_length=254, help_text="A `cus_` id or an e-mail address.")
    amount_cents = serializers.IntegerField(min_value=-MAX_AMOUNT_CENTS, max_value=MAX_AMOUNT_CENTS)
    type = serializers.ChoiceField(choices=LedgerEntry.Type.choices, required=False)
    reason = serializers.CharField(max_length=500)

    def validate(self, attrs):
        amount_cents = attrs["amount_cents"]
        entry_type = attrs.pop("type", None)
        if entry_type is not None:
            if amount_cents <= 0:
                raise serializers.ValidationError(
                    {"amount_cents": "With `type`, send a positive amount."}, code="min_value"
                )
            attrs["amount_cents"] = amount_cents if entry_type == LedgerEntry.Type.CREDIT else -amount_cents
        elif amount_cents == 0:
            raise serializers.ValidationError({"amount_cents": "The amount must not be zero."}, code="invalid")
        return attrs
