"""GS1 barcodes: check-digit validation and GTIN-14 normalisation.

A GTIN arrives as GTIN-8, UPC-A (GTIN-12), EAN-13 (GTIN-13) or GTIN-14; all share the mod-10 check digit
computed from the right (weights 3, 1, 3, …). We store every GTIN as its 14-digit form, zero-padded on the left
(e.g. `09506000134352`), so the same item entered as EAN-13 or GTIN-14 compares equal and the GS1
Digital Link path `/01/{gtin}` is always 14 digits.
"""

from .exceptions import InvalidBarcode

GTIN_LENGTHS = (8, 12, 13, 14)


def check_digit(payload: str) -> int:
    """The GS1 check digit of `payload` (all digits but the last)."""
    total = sum(int(digit) * (3 if index % 2 == 0 else 1) for index, digit in enumerate(reversed(payload)))
    return (10 - total % 10) % 10


def has_valid_check_digit(code: str) -> bool:
    return code.isascii() and code.isdigit() and len(code) > 1 and check_digit(code[:-1]) == int(code[-1])


def normalize_gtin(value: str, *, param: str = "gtin") -> str:
    """Return the GTIN-14 form of an 8, 12, 13 or 14 digit GTIN; raise InvalidBarcode otherwise."""
    code = "".join(value.split())
    if not code:
        return ""
    if not (code.isascii() and code.isdigit()) or len(code) not in GTIN_LENGTHS:
        raise InvalidBarcode("A GTIN has 8, 12, 13 or 14 digits.", param=param)
    if not has_valid_check_digit(code):
        raise InvalidBarcode(f"'{code}' has a wrong check digit.", param=param)
    return code.zfill(14)


def validate_fixed_length(value: str, *, lengths: tuple[int, ...], param: str) -> str:
    """Validate a UPC (12 digits) or EAN (8 or 13 digits) and return it without spaces, as entered."""
    code = "".join(value.split())
    if not code:
        return ""
    if not (code.isascii() and code.isdigit()) or len(code) not in lengths:
        expected = " or ".join(str(length) for length in lengths)
        raise InvalidBarcode(f"`{param}` has {expected} digits.", param=param)
    if not has_valid_check_digit(code):
        raise InvalidBarcode(f"'{code}' has a wrong check digit.", param=param)
    return code
