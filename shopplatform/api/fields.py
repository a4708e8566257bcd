"""Fields and mixins every app's API and event representations share: amounts in minor units, money display."""

from rest_framework import serializers

from shopplatform.money import format_money

# Ceilings that keep amounts and weights inside a 64-bit integer after any sum we make of them.
MAX_CENTS = 10**12
MAX_GRAMS = 10**9


def cents_field(**kwargs) -> serializers.IntegerField:
    """An amount in minor units of the store currency (non-negative)."""
    return serializers.IntegerField(min_value=0, max_value=MAX_CENTS, **kwargs)


# Display strings for amounts, in the currency and locale the serializer context names (the store's by default).
# A comment, not a docstring: drf-spectacular would show a mixin's docstring as every output's description.
class MoneyMixin:
    def money(self, cents: int | None, currency: str | None = None) -> str | None:
        if cents is None:
            return None
        return format_money(cents, currency or self.context.get("currency", "EUR"), self.context.get("locale", "en_US"))
