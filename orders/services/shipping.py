"""Shipping methods: merchant edits and the quote buyers see."""

from django.db import transaction

from shopplatform.countries import normalize_country_code

from ..exceptions import InvalidShippingMethod
from ..models import ShippingMethod

FIELDS = (
    "title",
    "description",
    "countries",
    "min_weight_grams",
    "max_weight_grams",
    "min_value_cents",
    "max_value_cents",
    "price_cents",
    "free_over_cents",
    "active",
    "position",
)


def quote_shipping_methods(
    *, methods, country_code: str | None, weight_grams: int | None, value_cents: int | None
) -> dict[int, int]:
    """{pk: price in cents} of the methods serving this country, weight and order value. Raise InvalidCountryCode."""
    country = normalize_country_code(country_code) if country_code else None
    return {
        method.pk: method.quote_cents(value_cents=value_cents)
        for method in methods
        if method.serves(country_code=country, weight_grams=weight_grams, value_cents=value_cents)
    }


@transaction.atomic
def create_shipping_method(**fields) -> ShippingMethod:
    """Create a shipping method; raise InvalidShippingMethod or InvalidCountryCode."""
    method = ShippingMethod()
    _apply(method, fields)
    return method


@transaction.atomic
def update_shipping_method(*, method: ShippingMethod, **fields) -> ShippingMethod:
    """Change the given fields; raise InvalidShippingMethod or InvalidCountryCode."""
    method = ShippingMethod.objects.select_for_update().get(pk=method.pk)
    _apply(method, fields)
    return method


def delete_shipping_method(*, method: ShippingMethod) -> None:
    """Delete the method; orders keep its title (`shipment_method`), carts choosing it lose the choice."""
    method.delete()


def _apply(method: ShippingMethod, fields: dict) -> None:
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise TypeError(f"Unexpected shipping method fields: {', '.join(sorted(unknown))}")
    if "countries" in fields:
        fields["countries"] = sorted({normalize_country_code(code, param="countries") for code in fields["countries"]})
    for name, value in fields.items():
        setattr(method, name, value)
    for low, high in (("min_weight_grams", "max_weight_grams"), ("min_value_cents", "max_value_cents")):
        low_value, high_value = getattr(method, low), getattr(method, high)
        if low_value is not None and high_value is not None and low_value > high_value:
            raise InvalidShippingMethod(f"`{low}` cannot be above `{high}`.", param=low)
    if not method.title.strip():
        raise InvalidShippingMethod("A shipping method needs a title.", param="title")
    method.save()
