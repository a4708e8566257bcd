"""ISO 3166-1 alpha-3 country codes (PRT, USA, DEU), taken from the CLDR data that Babel ships, and the
region-level names orders show for countries whose islands or enclaves are taxed apart.

CLDR lists alpha-3 codes as aliases of the alpha-2 territories; reserved ranges (AAA, QMM..QZZ, XAA..XZZ),
dissolved countries with several successors (SUN, YUG) and withdrawn codes are left out.

Region-level names (seed 003 "Portugal - Continental"): for the countries in REGIONS an address is named
"<country> - <region>". The region is the address's `region` when it is one of the ISO 3166-2 subdivisions listed
(its code, e.g. "PT-30", or its pycountry name, e.g. "Região Autónoma da Madeira"), else the one its postal code
falls in, else the mainland. The subdivision codes are pycountry's (the ISO 3166-2 data it maintains);
tests/orders/test_line_snapshots.py checks each one exists there. The labels are the short names the seed uses.
"""

from dataclasses import dataclass
from functools import cache

import pycountry
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


@cache
def country_choices() -> list[tuple[str, str]]:
    """(alpha-3, English name) pairs sorted by name, for country pickers."""
    return sorted(((code, country_name(code)) for code in alpha3_to_alpha2()), key=lambda choice: choice[1])


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


@dataclass(frozen=True)
class Region:
    subdivision: str  # ISO 3166-2 code; "" for the mainland
    label: str
    postal_prefixes: tuple[str, ...] = ()


# Countries whose autonomous regions have their own VAT rates or none (Portugal: CIVA art. 18; Spain: the Canary
# Islands, Ceuta and Melilla are outside the EU VAT area). The first entry is the mainland.
REGIONS: dict[str, tuple[Region, ...]] = {
    "PRT": (
        Region("", "Continental"),
        Region("PT-30", "Madeira", ("90", "91", "92", "93", "94")),
        Region("PT-20", "Azores", ("95", "96", "97", "98", "99")),
    ),
    "ESP": (
        Region("", "Peninsular"),
        Region("ES-CN", "Canarias", ("35", "38")),
        Region("ES-CE", "Ceuta", ("51",)),
        Region("ES-ML", "Melilla", ("52",)),
    ),
}


def address_country_name(address: dict, locale: str = "en") -> str:
    """The country name of an address, region-level where REGIONS lists regions ("Portugal - Madeira")."""
    code = (address.get("country_code") or "").upper()
    name = country_name(code, locale)
    regions = REGIONS.get(code)
    if not regions:
        return name
    return f"{name} - {_region(regions, address).label}"


def _region(regions: tuple[Region, ...], address: dict) -> Region:
    given = (address.get("region") or "").strip().casefold()
    if given:
        for region in regions[1:]:
            if given in (region.subdivision.casefold(), _subdivision_name(region.subdivision).casefold()):
                return region
    digits = "".join(char for char in address.get("zip_code") or "" if char.isdigit())
    for region in regions[1:]:
        if digits.startswith(region.postal_prefixes):
            return region
    return regions[0]


@cache
def _subdivision_name(code: str) -> str:
    subdivision = pycountry.subdivisions.get(code=code)
    return subdivision.name if subdivision else code
