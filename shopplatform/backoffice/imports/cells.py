"""Turning a row's text cells into service arguments, refusing in words what a merchant could mistype."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from shopplatform.errors import InvalidInput
from shopplatform.money import parse_amount

TRUE_WORDS, FALSE_WORDS = {"yes", "y", "true", "1", "x"}, {"no", "n", "false", "0", ""}


class RowRefused(InvalidInput):
    """A cell of an imported row cannot be used as it is."""

    code, title = "import_row_refused", "Import row refused"


def present(row: dict, column: str) -> bool:
    """The file has this column (an empty cell in it means "empty", a missing column means "leave as is")."""
    return column in row


def text(row: dict, column: str, *, required: bool = False, max_length: int | None = None) -> str:
    value = row.get(column, "")
    if required and not value:
        raise RowRefused(f"{column} is empty.", param=column)
    if max_length is not None and len(value) > max_length:
        raise RowRefused(f"{column} is longer than {max_length} characters.", param=column)
    return value


def boolean(row: dict, column: str) -> bool:
    value = row.get(column, "").lower()
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    raise RowRefused(f"{column} is '{row[column]}': write yes or no.", param=column)


def integer(row: dict, column: str, *, minimum: int | None = None, blank: int | None = 0) -> int | None:
    value = row.get(column, "")
    if not value:
        return blank
    try:
        number = int(value)
    except ValueError:
        raise RowRefused(f"{column} is '{value}': write a whole number.", param=column) from None
    if minimum is not None and number < minimum:
        raise RowRefused(f"{column} is {number}: it cannot be below {minimum}.", param=column)
    return number


def amount(row: dict, column: str, currency: str) -> int | None:
    """Currency units ("24.00") as minor units; empty is None. Refuses more decimals than the currency has."""
    value = row.get(column, "")
    if not value:
        return None
    cents = parse_amount(value, currency, param=column)
    if cents < 0:
        raise RowRefused(f"{column} is {value}: it cannot be negative.", param=column)
    return cents


def date(row: dict, column: str) -> datetime.date | None:
    value = row.get(column, "")
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value[:10])
    except ValueError:
        raise RowRefused(f"{column} is '{value}': write a date as YYYY-MM-DD.", param=column) from None


def choice(row: dict, column: str, choices: list[str]) -> str:
    value = row.get(column, "").lower()
    if value not in choices:
        raise RowRefused(f"{column} is '{row.get(column, '')}': write one of {', '.join(choices)}.", param=column)
    return value


def email(row: dict, column: str = "email") -> str:
    value = text(row, column, required=True).lower()
    try:
        validate_email(value)
    except ValidationError:
        raise RowRefused(f"{column} '{value}' is not an e-mail address.", param=column) from None
    return value
