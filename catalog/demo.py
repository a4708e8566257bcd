"""A small demo catalog for `seed_demo`: a category tree, brands, a dozen products, variants and stock.

Idempotent: rows are looked up by slug and only created when missing. Product images are drawn locally with
Pillow into MEDIA_ROOT/demo so the store looks real without network access.
"""

from django.conf import settings
from PIL import Image, ImageDraw

from . import services
from .demo_digital import seed_digital_demo
from .models import Brand, Category, Product

CATEGORIES = [
    ("home", "Home", None),
    ("kitchen", "Kitchen", "home"),
    ("decoration", "Decoração", "home"),
    ("prints", "Prints", "decoration"),
    ("apparel", "Apparel", None),
]
BRANDS = [("pure-you", "Pure You"), ("oak-and-iron", "Oak & Iron"), ("paper-moon", "Paper Moon")]
# slug, title, category, brand, price_cents, promo_cents, stock, colour (RGB)
PRODUCTS = [
    ("rustic-spice-bowl-set", "Rustic Spice Bowl Set", "kitchen", "oak-and-iron", 4073, 3500, 12, (176, 112, 64)),
    ("enamel-teapot", "Enamel Teapot", "kitchen", "pure-you", 2990, None, 8, (64, 128, 160)),
    ("oak-cutting-board", "Oak Cutting Board", "kitchen", "oak-and-iron", 3450, None, 20, (150, 110, 60)),
    ("linen-apron", "Linen Apron", "kitchen", "pure-you", 2400, 1900, 15, (200, 190, 170)),
    ("ceramic-vase", "Ceramic Vase", "decoration", "pure-you", 3900, None, 5, (220, 220, 210)),
    ("brass-candle-holder", "Brass Candle Holder", "decoration", "oak-and-iron", 1850, None, 30, (200, 160, 60)),
    ("vintage-poster-print", "Vintage Poster Print", "prints", "paper-moon", 1500, None, 40, (180, 60, 60)),
    ("botanical-print-set", "Botanical Print Set", "prints", "paper-moon", 3200, 2800, 10, (60, 140, 90)),
    ("city-map-poster", "City Map Poster", "prints", "paper-moon", 2200, None, 3, (40, 40, 80)),
    ("wool-throw", "Wool Throw", "decoration", "pure-you", 6900, None, 6, (120, 90, 140)),
    ("organic-cotton-tee", "Organic Cotton Tee", "apparel", "pure-you", 2500, None, 0, (240, 240, 240)),
    ("canvas-tote", "Canvas Tote", "apparel", "paper-moon", 1400, None, 25, (210, 200, 160)),
]
TEE_OPTIONS = {"Size": ["S", "M", "L"], "Colour": ["White", "Black"]}


def seed_demo(*, stdout) -> None:
    """Create whatever part of the demo catalog is missing and report what was added."""
    categories = {slug: _category(slug, title, parent) for slug, title, parent in CATEGORIES}
    for slug, title in BRANDS:
        if not Brand.objects.filter(slug=slug).exists():
            services.create_brand(title=title, slug=slug)
    created = 0
    for slug, title, category, brand, price, promo, stock, colour in PRODUCTS:
        if Product.objects.filter(slug=slug).exists():
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
            stock_enabled=True,
            stock_quantity=stock,
            stock_show=True,
            stock_notify=2,
            featured=promo is not None,
            new=stock > 20,
            images=[{"url": _image(slug, title, colour), "alt": title}],
            status="out_of_stock" if stock == 0 else "active",
        )
        created += 1
    _tee_variants()
    seed_digital_demo(stdout=stdout)
    stdout.write(f"Catalog: {created} demo product(s) added, {Product.objects.count()} in total.\n")


def _category(slug: str, title: str, parent: str | None) -> Category:
    existing = Category.objects.filter(slug=slug).first()
    return existing or services.create_category(title=title, slug=slug, parent=parent)


def _tee_variants() -> None:
    tee = Product.objects.get(slug="organic-cotton-tee")
    if tee.option_groups.exists():
        return
    for title, values in TEE_OPTIONS.items():
        services.create_option_group(product=tee, title=title, options=[{"title": value} for value in values])
    for index, variant in enumerate(tee.variants.all()):
        services.update_variant(
            variant=variant, stock_quantity=index + 2, sku=f"TEE-{variant.title}".replace(" / ", "-")
        )


def _image(slug: str, title: str, colour: tuple[int, int, int]) -> str:
    directory = settings.MEDIA_ROOT / "demo"
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{slug}.png"
    if not path.exists():
        image = Image.new("RGB", (600, 600), colour)
        draw = ImageDraw.Draw(image)
        draw.rectangle((40, 480, 560, 560), fill=(255, 255, 255))
        draw.text((60, 505), title, fill=(30, 30, 30))
        image.save(path, "PNG")
    return f"{settings.SITE_URL}{settings.MEDIA_URL}demo/{slug}.png"
