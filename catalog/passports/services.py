"""Digital Product Passports: read one for a product or unit, save one (staff), find one by GS1 Digital Link.

GS1 Digital Link URI: `/01/{GTIN-14}` names the product, `/01/{GTIN-14}/21/{serial}` one unit (serial
percent-encoded). A unit without its own passport shows the product's (the passport with no serial number).
"""

from decimal import Decimal
from urllib.parse import quote

from django.db import transaction
from django.db.models import Prefetch, QuerySet

from shopplatform.countries import normalize_country_code
from shopplatform.errors import InvalidInput, NotFound

from ..barcodes import normalize_gtin
from ..events import emit_product_event
from ..exceptions import InvalidBarcode
from ..models import Product
from ..queries import Viewer, visible_products
from .models import MAX_CERTIFICATIONS, MAX_MATERIALS, PassportMaterial, ProductPassport

TEXT_FIELDS = ("care_instructions", "repair_instructions", "recycling_instructions")
MAX_SHARE_PERCENT = Decimal(100)


def digital_link_path(gtin: str, serial_number: str = "") -> str:
    """`/01/<gtin>` or `/01/<gtin>/21/<serial>` (GS1 Digital Link); "" for a product without a GTIN."""
    if not gtin:
        return ""
    path = f"/01/{gtin}"
    return f"{path}/21/{quote(serial_number, safe='')}" if serial_number else path


def passports_with_materials() -> QuerySet[ProductPassport]:
    return ProductPassport.objects.select_related("product").prefetch_related(
        Prefetch("materials", queryset=PassportMaterial.objects.order_by("position", "pk"))
    )


def passport_for(*, product: Product, serial_number: str = "") -> ProductPassport:
    """The unit's passport, else the product's; raise NotFound when the product has none."""
    candidates = {
        passport.serial_number: passport
        for passport in passports_with_materials().filter(product=product, serial_number__in={"", serial_number})
    }
    passport = candidates.get(serial_number) or candidates.get("")
    if passport is None:
        raise NotFound("This product has no passport.", param="serial" if serial_number else None)
    return passport


def product_for_gtin(gtin: str, *, viewer: Viewer) -> Product:
    """The visible product with this GTIN (8, 12, 13 or 14 digits); raise NotFound for an invalid or unknown one."""
    try:
        code = normalize_gtin(gtin)
    except InvalidBarcode:
        raise NotFound(f"'{gtin}' is not a GTIN.", param="gtin") from None
    product = visible_products(viewer).filter(gtin=code).order_by("pk").first()
    if product is None:
        raise NotFound(f"No product has GTIN {code}.", param="gtin")
    return product


def check_material_shares(shares: list[Decimal]) -> None:
    """Each share in (0, 100] and their sum at most 100 %; raise InvalidInput naming `materials`."""
    if any(share <= 0 or share > MAX_SHARE_PERCENT for share in shares):
        raise InvalidInput("Each material share is more than 0 and at most 100 %.", param="materials")
    total = sum(shares, Decimal(0))
    if total > MAX_SHARE_PERCENT:
        raise InvalidInput(f"Material shares add up to {total} %; at most 100 %.", param="materials")


@transaction.atomic
def save_passport(*, product: Product, serial_number: str = "", **fields) -> ProductPassport:
    """Create or partially update the passport of the product (or of one unit); `materials` replaces the list.
    Emits product.updated. Raise InvalidInput for a bad country, material shares or certification list."""
    passport, _ = ProductPassport.objects.select_for_update().get_or_create(
        product=product, serial_number=serial_number.strip()
    )
    if "origin_country" in fields:
        country = fields["origin_country"]
        passport.origin_country = normalize_country_code(country, param="origin_country") if country else ""
    manufacturer = fields.get("manufacturer") or {}
    for key in ("name", "address"):
        if key in manufacturer:
            setattr(passport, f"manufacturer_{key}", manufacturer[key])
    for name in (*TEXT_FIELDS, "carbon_footprint_kg"):
        if name in fields:
            setattr(passport, name, fields[name])
    if "certifications" in fields:
        if len(fields["certifications"]) > MAX_CERTIFICATIONS:
            raise InvalidInput(f"At most {MAX_CERTIFICATIONS} certifications.", param="certifications")
        passport.certifications = [
            {"name": item["name"], "issuer": item.get("issuer", ""), "url": item.get("url", "")}
            for item in fields["certifications"]
        ]
    passport.save()
    if "materials" in fields:
        _replace_materials(passport, fields["materials"])
    emit_product_event("product.updated", product)
    return passports_with_materials().get(pk=passport.pk)


def _replace_materials(passport: ProductPassport, materials: list[dict]) -> None:
    if len(materials) > MAX_MATERIALS:
        raise InvalidInput(f"At most {MAX_MATERIALS} materials.", param="materials")
    check_material_shares([item["share_percent"] for item in materials])
    passport.materials.all().delete()
    PassportMaterial.objects.bulk_create(
        PassportMaterial(
            passport=passport,
            name=item["name"],
            share_percent=item["share_percent"],
            recycled_percent=item.get("recycled_percent"),
            position=position,
        )
        for position, item in enumerate(materials)
    )


@transaction.atomic
def delete_passport(*, passport: ProductPassport) -> None:
    """Delete the passport with its materials; the product page and its Digital Link stop showing it.
    Emits product.updated."""
    product = passport.product
    passport.delete()
    emit_product_event("product.updated", product)
