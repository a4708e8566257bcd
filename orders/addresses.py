"""An order's address snapshot (`client.delivery`, `client.billing`) as the lines a person reads or prints."""

from shopplatform.countries import country_name


def address_lines(address: dict | None, locale: str = "en") -> list[str]:
    """Name, company, street lines, "zip city", region and country name; empty for a missing address."""
    if not address:
        return []
    locality = " ".join(part for part in (address.get("zip_code", ""), address.get("city", "")) if part)
    country = country_name(address.get("country_code", ""), locale) if address.get("country_code") else ""
    parts = (
        address.get("name", ""),
        address.get("company", ""),
        address.get("address", ""),
        address.get("address_extra", ""),
        locality,
        address.get("state", ""),
        country,
    )
    return [str(part).strip() for part in parts if part and str(part).strip()]
