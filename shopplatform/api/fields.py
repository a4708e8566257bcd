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


# Values as DRF's fields render them (None stays None, as DRF leaves a field whose attribute is None), for the
# representations rendered in one pass (catalog.representations.product_render, orders.render).
_DATETIME = serializers.DateTimeField()
_DATE = serializers.DateField()


def text_value(value) -> str | None:
    return None if value is None else str(value)


def int_value(value) -> int | None:
    return None if value is None else int(value)


def bool_value(value) -> bool | None:
    return None if value is None else bool(value)


def datetime_value(value) -> str | None:
    return None if value is None else _DATETIME.to_representation(value)


def date_value(value) -> str | None:
    return None if value is None else _DATE.to_representation(value)
