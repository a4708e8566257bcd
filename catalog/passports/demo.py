"""Demo Digital Product Passports for `seed_demo` (called by catalog.demo after the products exist).

Each passport is public at the product's GS1 Digital Link, `/01/{gtin}`; the numbered vase also has a passport of
its own unit at `/01/{gtin}/21/CV-0001`. Idempotent: a product (or unit) that has a passport keeps it as it is.
"""

from decimal import Decimal

from ..models import Product
from .models import ProductPassport
from .services import save_passport

STUDIO = {"name": "Shopplatform Demo Studio", "address": "Avenida do Empresário, 1\n6000-767 Castelo Branco, Portugal"}
WEAVER = {"name": "Serra Weaving Mill", "address": "Rua da Fábrica, 8\n6200-000 Covilhã, Portugal"}
STONEWARE_RECYCLING = "Stoneware is not glass: take it to a household waste centre, never to the bottle bank."
LINEN_CARE = "Wash at 40 °C with similar colours, dry on a line, iron while damp."
LINEN_RECYCLING = "Give worn linen to a textile collection point; it is recycled into insulation and paper."

# (slug, serial number or "" for every unit): passport fields as save_passport takes them
PASSPORTS = {
    ("rustic-spice-bowl-set", ""): {
        "origin_country": "PRT",
        "manufacturer": STUDIO,
        "materials": [
            {"name": "Stoneware clay", "share_percent": Decimal(92), "recycled_percent": Decimal(15)},
            {"name": "Lead-free glaze", "share_percent": Decimal(8)},
        ],
        "care_instructions": "Dishwasher and microwave safe. Avoid sudden changes of temperature.",
        "repair_instructions": "Glue a clean chip with food-safe two-part epoxy; let it cure for 24 hours.",
        "recycling_instructions": STONEWARE_RECYCLING,
        "carbon_footprint_kg": Decimal("2.400"),
    },
    ("ceramic-vase", ""): {
        "origin_country": "PRT",
        "manufacturer": STUDIO,
        "materials": [
            {"name": "Stoneware clay", "share_percent": Decimal(90)},
            {"name": "Ash glaze", "share_percent": Decimal(10)},
        ],
        "care_instructions": "Wipe with a damp cloth. Watertight; empty it before frost.",
        "recycling_instructions": STONEWARE_RECYCLING,
        "carbon_footprint_kg": Decimal("3.100"),
    },
    ("ceramic-vase", "CV-0001"): {
        "origin_country": "PRT",
        "manufacturer": STUDIO,
        "materials": [
            {"name": "Stoneware clay", "share_percent": Decimal(90)},
            {"name": "Ash glaze", "share_percent": Decimal(10)},
        ],
        "care_instructions": "Thrown and glazed by hand: the drips of the ash glaze on this vase are its own.",
        "recycling_instructions": STONEWARE_RECYCLING,
        "carbon_footprint_kg": Decimal("2.950"),
    },
    ("oak-cutting-board", ""): {
        "origin_country": "PRT",
        "manufacturer": STUDIO,
        "materials": [{"name": "European oak", "share_percent": Decimal(100)}],
        "certifications": [{"name": "FSC 100%", "issuer": "Forest Stewardship Council", "url": "https://fsc.org/"}],
        "care_instructions": "Wash by hand, dry upright, oil with food-safe mineral oil once a month.",
        "repair_instructions": "Sand out deep knife marks with 180-grit paper, then oil.",
        "recycling_instructions": "Untreated wood: compost it or put it in garden waste.",
        "carbon_footprint_kg": Decimal("1.200"),
    },
    ("linen-apron", ""): {
        "origin_country": "PRT",
        "manufacturer": WEAVER,
        "materials": [
            {"name": "Linen", "share_percent": Decimal(95)},
            {"name": "Cotton tape", "share_percent": Decimal(5), "recycled_percent": Decimal(100)},
        ],
        "certifications": [{"name": "OEKO-TEX Standard 100", "issuer": "OEKO-TEX", "url": "https://www.oeko-tex.com/"}],
        "care_instructions": LINEN_CARE,
        "repair_instructions": "Re-stitch a loose strap with linen thread; we send spare tape free on request.",
        "recycling_instructions": LINEN_RECYCLING,
        "carbon_footprint_kg": Decimal("2.800"),
    },
    ("wool-throw", ""): {
        "origin_country": "PRT",
        "manufacturer": WEAVER,
        "materials": [{"name": "Merino wool", "share_percent": Decimal(100), "recycled_percent": Decimal(30)}],
        "care_instructions": "Air it often; hand wash cold with wool detergent and dry flat.",
        "repair_instructions": "Darn small holes with matching yarn; the weaver re-hems frayed edges.",
        "recycling_instructions": "Wool is recycled into new yarn: give it to a textile collection point.",
        "carbon_footprint_kg": Decimal("9.600"),
    },
    ("linen-duvet-cover", ""): {
        "origin_country": "PRT",
        "manufacturer": WEAVER,
        "materials": [
            {"name": "Linen", "share_percent": Decimal(98)},
            {"name": "Coconut-shell buttons", "share_percent": Decimal(2)},
        ],
        "certifications": [{"name": "OEKO-TEX Standard 100", "issuer": "OEKO-TEX", "url": "https://www.oeko-tex.com/"}],
        "care_instructions": LINEN_CARE,
        "recycling_instructions": LINEN_RECYCLING,
        "carbon_footprint_kg": Decimal("7.400"),
    },
}


def seed_passport_demo(*, stdout) -> None:
    """Give each demo product (and the numbered vase) its passport when missing; report how many were added."""
    products = {product.slug: product for product in Product.objects.filter(slug__in={slug for slug, _ in PASSPORTS})}
    existing = set(
        ProductPassport.objects.filter(product__in=products.values()).values_list("product__slug", "serial_number")
    )
    added = 0
    for (slug, serial_number), fields in PASSPORTS.items():
        if slug in products and (slug, serial_number) not in existing:
            save_passport(product=products[slug], serial_number=serial_number, **fields)
            added += 1
    stdout.write(f"Passports: {added} demo passport(s) added.\n")
