"""A small demo catalog for `seed_demo`: a category tree, brands, a dozen products, variants and stock.

Idempotent: rows are looked up by slug and only created when missing. Images are media of the library
(media_library.demo's pictures, processed by the worker); a product or category without a media image gets one.
"""

from media_library.demo import ensure_demo_media

from . import services
from .digital.demo import seed_digital_demo
from .models import Brand, Category, Product

# slug, title, parent, demo media name
CATEGORIES = [
    ("home", "Home & Living", None, "sand"),
    ("kitchen", "Kitchen", "home", "forest"),
    ("decoration", "Decoração", "home", "berry"),
    ("prints", "Prints", "decoration", "sunset"),
    ("apparel", "Apparel", None, "slate"),
]
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
    ("wool-throw", "Wool Throw", "decoration", "pure-you", 6900, None, 6, ("berry", "slate")),
    ("organic-cotton-tee", "Organic Cotton Tee", "apparel", "pure-you", 2500, None, 0, ("ocean", "forest")),
    ("canvas-tote", "Canvas Tote", "apparel", "paper-moon", 1400, None, 25, ("sand", "forest")),
]
TEE_OPTIONS = {"Size": ["S", "M", "L"], "Colour": ["White", "Black"]}
TEE_COLOUR_MEDIA = {"White": "sand", "Black": "slate"}


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
        existing = Product.objects.filter(slug=slug).first()
        if existing is not None:
            if not existing.images.filter(media__isnull=False).exists():
                services.update_product(product=existing, images=gallery)
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
            images=gallery,
            status="out_of_stock" if stock == 0 else "active",
        )
        created += 1
    _tee_variants(media)
    seed_digital_demo(stdout=stdout)
    stdout.write(f"Catalog: {created} demo product(s) added, {Product.objects.count()} in total.\n")


def _category(slug: str, title: str, parent: str | None, media_id: str) -> Category:
    existing = Category.objects.filter(slug=slug).first()
    if existing is None:
        return services.create_category(title=title, slug=slug, parent=parent, image={"media": media_id})
    if existing.image_id is None and not existing.image_url:
        return services.update_category(category=existing, image={"media": media_id})
    return existing


def _tee_variants(media: dict[str, str]) -> None:
    tee = Product.objects.get(slug="organic-cotton-tee")
    if tee.option_groups.exists():
        return
    for title, values in TEE_OPTIONS.items():
        services.create_option_group(product=tee, title=title, options=[{"title": value} for value in values])
    for index, variant in enumerate(tee.variants.all()):
        services.update_variant(
            variant=variant,
            stock_quantity=index + 2,
            sku=f"TEE-{variant.title}".replace(" / ", "-"),
            image={"media": media[TEE_COLOUR_MEDIA[variant.options[1].title]]},
        )
