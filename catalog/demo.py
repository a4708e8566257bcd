"""A small homeware demo catalog for `seed_demo`: a category tree, brands, a dozen products with GTINs, batch and
serial numbers, variants, stock and public passports, plus the digital patterns and guides (catalog.digital.demo).

Idempotent: rows are looked up by slug and only created when missing. Images are media of the library
(media_library.demo's pictures, processed by the worker); a product or category without a media image gets one.
Demo GTINs use the Portuguese GS1 prefix 560 with a made-up company number; their check digits are real.
"""

from media_library.demo import ensure_demo_media

from . import services
from .digital.demo import seed_digital_demo
from .models import Brand, Category, Product
from .passports.demo import seed_passport_demo

# slug, title, parent, demo media name
CATEGORIES = [
    ("home", "Home & Living", None, "sand"),
    ("kitchen", "Kitchen", "home", "forest"),
    ("decoration", "Decoration", "home", "berry"),
    ("prints", "Prints", "decoration", "sunset"),
    ("textiles", "Textiles", "home", "slate"),
    ("patterns-and-guides", "Patterns & Guides", "home", "ocean"),
]
# Titles earlier demos gave, replaced on a re-run (a title the merchant chose stays).
EARLIER_TITLES = {"decoration": "Decoração"}
BRANDS = [("pure-you", "Pure You"), ("oak-and-iron", "Oak & Iron"), ("paper-moon", "Paper Moon")]
# slug, title, category, brand, price_cents, promo_cents, stock, demo media names (the gallery, in order)
PRODUCTS = [
    ("rustic-spice-bowl-set", "Rustic Spice Bowl Set", "kitchen", "oak-and-iron", 4073, 3500, 12, ("sunset", "sand")),
    ("enamel-teapot", "Enamel Teapot", "kitchen", "pure-you", 2990, None, 8, ("ocean",)),
    ("oak-cutting-board", "Oak Cutting Board", "kitchen", "oak-and-iron", 3450, None, 20, ("sand",)),
    ("linen-apron", "Linen Apron", "kitchen", "pure-you", 2400, 1900, 15, ("slate", "sand")),
    ("ceramic-vase", "Ceramic Vase", "decoration", "pure-you", 3900, None, 5, ("ocean", "berry")),
    ("brass-candle-holder", "Brass Candle Holder", "decoration", "oak-and-iron", 1850, None, 30, ("sunset",)),
    ("vintage-poster-print", "Vintage Poster Print", "prints", "paper-moon", 1500, None, 40, ("berry",)),
    ("botanical-print-set", "Botanical Print Set", "prints", "paper-moon", 3200, 2800, 10, ("forest", "sunset")),
    ("city-map-poster", "City Map Poster", "prints", "paper-moon", 2200, None, 3, ("slate",)),
    ("wool-throw", "Wool Throw", "textiles", "pure-you", 6900, None, 6, ("berry", "slate")),
    ("linen-duvet-cover", "Linen Duvet Cover", "textiles", "pure-you", 8900, None, 0, ("ocean", "forest")),
    ("canvas-tote", "Canvas Tote", "textiles", "paper-moon", 1400, None, 25, ("sand", "forest")),
]
# slug: (GTIN, batch number, serial number). Glazed ceramics and dyed textiles come in batches; the vase on
# show is a numbered one-off, and its unit has a passport of its own (catalog.passports.demo).
IDENTIFIERS = {
    "rustic-spice-bowl-set": ("5601234500011", "GLAZE-2026-03", ""),
    "enamel-teapot": ("5601234500028", "", ""),
    "oak-cutting-board": ("5601234500035", "OAK-2026-11", ""),
    "linen-apron": ("5601234500042", "DYE-2026-07", ""),
    "ceramic-vase": ("5601234500059", "GLAZE-2026-04", "CV-0001"),
    "brass-candle-holder": ("5601234500066", "", ""),
    "vintage-poster-print": ("5601234500073", "", ""),
    "botanical-print-set": ("5601234500080", "", ""),
    "city-map-poster": ("5601234500097", "", ""),
    "wool-throw": ("5601234500103", "WOOL-2026-02", ""),
    "linen-duvet-cover": ("5601234500110", "DYE-2026-09", ""),
    "canvas-tote": ("5601234500127", "", ""),
}
DUVET_OPTIONS = {"Size": ["Single", "Double", "King"], "Colour": ["White", "Oat"]}
DUVET_COLOUR_MEDIA = {"White": "sand", "Oat": "forest"}
DUVET_SOLD_OUT = "King / Oat"  # one sold-out combination, so the option pickers show one marked


def seed_demo(*, stdout) -> None:
    """Create whatever part of the demo catalog is missing and report what was added."""
    media = {name: row.public_id for name, row in ensure_demo_media().items()}
    categories = {slug: _category(slug, title, parent, media[image]) for slug, title, parent, image in CATEGORIES}
    for slug, title in BRANDS:
        if not Brand.objects.filter(slug=slug).exists():
            services.create_brand(title=title, slug=slug)
    created = 0
    for slug, title, category, brand, price, promo, stock, images in PRODUCTS:
        gallery = [{"media": media[name], "alt": title} for name in images]
        gtin, batch_number, serial_number = IDENTIFIERS[slug]
        existing = Product.objects.filter(slug=slug).first()
        if existing is not None:
            if not existing.images.filter(media__isnull=False).exists():
                services.update_product(product=existing, images=gallery)
            if not existing.gtin:
                services.update_product(
                    product=existing, gtin=gtin, batch_number=batch_number, serial_number=serial_number
                )
            continue
        services.create_product(
            title=title,
            slug=slug,
            price_cents=price,
            promo_price_cents=promo,
            categories=[categories[category].public_id],
            brand=brand,
            description=f"<p>{title}, made in small batches. A demo product of the Shopplatform store.</p>",
            sku=slug.upper()[:20],
            gtin=gtin,
            batch_number=batch_number,
            serial_number=serial_number,
            stock_enabled=True,
            stock_quantity=stock,
            stock_show=True,
            stock_notify=2,
            featured=promo is not None,
            new=stock > 20,
            images=gallery,
            status="out_of_stock" if stock == 0 else "active",
        )
        created += 1
    _duvet_variants(media)
    seed_passport_demo(stdout=stdout)
    seed_digital_demo(stdout=stdout, media=media)
    stdout.write(f"Catalog: {created} demo product(s) added, {Product.objects.count()} in total.\n")


def _category(slug: str, title: str, parent: str | None, media_id: str) -> Category:
    existing = Category.objects.filter(slug=slug).first()
    if existing is None:
        return services.create_category(title=title, slug=slug, parent=parent, image={"media": media_id})
    if existing.title == EARLIER_TITLES.get(slug):
        existing = services.update_category(category=existing, title=title)
    if existing.image_id is None and not existing.image_url:
        return services.update_category(category=existing, image={"media": media_id})
    return existing


def _duvet_variants(media: dict[str, str]) -> None:
    duvet = Product.objects.get(slug="linen-duvet-cover")
    if duvet.option_groups.exists():
        return
    for title, values in DUVET_OPTIONS.items():
        services.create_option_group(product=duvet, title=title, options=[{"title": value} for value in values])
    for index, variant in enumerate(duvet.variants.all()):
        services.update_variant(
            variant=variant,
            stock_quantity=0 if variant.title == DUVET_SOLD_OUT else index + 2,
            sku=f"DUVET-{variant.title}".replace(" / ", "-").upper(),
            image={"media": media[DUVET_COLOUR_MEDIA[variant.options[1].title]]},
        )
