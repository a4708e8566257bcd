"""Money: integer minor units plus an ISO 4217 currency code. Never floats.

`parse_amount` turns a decimal major-unit input (such as `"amount": "12.34"`) into minor units, refusing more
decimal places than the currency has. Decimal text is ASCII only: an optional sign, digits, an optional point and
digits (`DECIMAL_TEXT`). Python's Decimal() alone would also read `"1_0"` as ten and Arabic-Indic or full-width
digits as numbers, so a typo or a look-alike string could move money; `format_money` renders for display with the store's locale.
"""

import re
from decimal import Decimal, InvalidOperation

from babel.core import UnknownLocaleError
from babel.numbers import format_currency, get_currency_precision, list_currencies

from .errors import InvalidInput

CURRENCIES = frozenset(list_currencies())
DECIMAL_TEXT = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")


class InvalidAmount(InvalidInput):
    """The amount is not a number with at most the currency's decimal places."""

    code, title = "invalid_amount", "Invalid amount"


class InvalidCurrency(InvalidInput):
    """The currency is not an ISO 4217 code."""

    code, title = "invalid_currency", "Invalid currency"


def validate_currency(code: str) -> str:
    """Return the upper-cased ISO 4217 code; raise InvalidCurrency otherwise."""
    normalized = (code or "").strip().upper()
    if normalized not in CURRENCIES:
        raise InvalidCurrency(f"'{code}' is not an ISO 4217 currency code.", param="currency")
    return normalized


def minor_unit_exponent(currency: str) -> int:
    return get_currency_precision(validate_currency(currency))


def parse_decimal(value) -> Decimal | None:
    """A JSON number, or text of ASCII digits with an optional sign and point, as a Decimal; else None."""
    if isinstance(value, bool):  # bool is an int
        return None
    if isinstance(value, str):
        text = value.strip()
        return Decimal(text) if DECIMAL_TEXT.fullmatch(text) else None
    if isinstance(value, int | float | Decimal):
        try:
            number = Decimal(str(value))
        except (InvalidOperation, ValueError):
            return None
        return number if number.is_finite() else None
    return None


def parse_amount(value, currency: str, *, param: str = "amount") -> int:
    """Convert a decimal major-unit amount to integer minor units; raise InvalidAmount if finer than allowed."""
    amount = parse_decimal(value)
    if amount is None:
        raise InvalidAmount(f"'{value}' is not a decimal amount of ASCII digits.", param=param)
    exponent = minor_unit_exponent(currency)
    scaled = amount.scaleb(exponent)
    if scaled != scaled.to_integral_value():
        raise InvalidAmount(f"{currency} amounts take at most {exponent} decimal places.", param=param)
    return int(scaled)


def to_decimal(amount_cents: int, currency: str) -> Decimal:
    """Major units as an exact Decimal (for display or for libraries that want major units)."""
    return Decimal(amount_cents).scaleb(-minor_unit_exponent(currency))


def format_money(amount_cents: int, currency: str, locale: str = "en_US") -> str:
    """Render `1234, "EUR", "pt_PT"` as `12,34 €`."""
    try:
        return format_currency(to_decimal(amount_cents, currency), currency, locale=locale)
    except (UnknownLocaleError, ValueError):
        return format_currency(to_decimal(amount_cents, currency), currency, locale="en_US")
