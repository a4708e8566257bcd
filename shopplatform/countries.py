"""ISO 3166-1 alpha-3 country codes (PRT, USA, DEU), taken from the CLDR data that Babel ships.

CLDR lists alpha-3 codes as aliases of the alpha-2 territories; reserved ranges (AAA, QMM..QZZ, XAA..XZZ),
dissolved countries with several successors (SUN, YUG) and withdrawn codes are left out.
"""

from functools import cache

from babel.core import Locale, get_global

from shopplatform.errors import InvalidInput

# Withdrawn codes that CLDR still maps onto a current territory (Burma, Zaire, East Germany, ...).
WITHDRAWN = frozenset({"BUR", "ZAR", "DDR", "FXX", "TMP", "YMD"})


class InvalidCountryCode(InvalidInput):
    """The country is not an ISO 3166-1 alpha-3 code such as PRT."""

    code, title = "invalid_country_code", "Invalid country code"


@cache
def alpha3_to_alpha2() -> dict[str, str]:
    territories = Locale("en").territories
    return {
        code: targets[0]
        for code, targets in get_global("territory_aliases").items()
        if len(code) == 3
        and code.isalpha()
        and code.isupper()
        and code not in WITHDRAWN
        and len(targets) == 1
        and targets[0] in territories
    }


def normalize_country_code(value: str, *, param: str = "country_code") -> str:
    """Return the upper-cased alpha-3 code; raise InvalidCountryCode otherwise."""
    code = (value or "").strip().upper()
    if code not in alpha3_to_alpha2():
        raise InvalidCountryCode(f"'{value}' is not an ISO 3166-1 alpha-3 country code.", param=param)
    return code


def country_name(code: str, locale: str = "en") -> str:
    """The display name of an alpha-3 code ("PRT" → "Portugal"); the code itself when unknown."""
    alpha2 = alpha3_to_alpha2().get((code or "").upper())
    if alpha2 is None:
        return code
    return Locale.parse(locale).territories.get(alpha2, code)
