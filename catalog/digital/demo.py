"""Demo digital products for `seed_demo`: a marketplace seller, a paid plugin with stable, beta and yanked
versions, and a free plugin anyone can claim. Idempotent: rows are found by slug, tag or name first."""

from django.core.files.base import ContentFile

from .. import services
from ..models import Product, Seller
from . import services as digital_services
from .models import Version

SELLER = {
    "name": "blockforge",
    "display_name": "BlockForge Studio",
    "avatar_url": "https://avatars.example.com/blockforge.png",
}
# slug, title, price_cents, is_free, tags, versions: (tag, channel, yanked)
PRODUCTS = [
    (
        "coolplugin",
        "CoolPlugin",
        999,
        False,
        ["economy", "minecraft"],
        [
            ("1.0.0", "stable", False),
            ("1.1.0", "stable", True),
            ("1.2.0", "stable", False),
            ("2.0.0-beta.1", "beta", False),
        ],
    ),
    ("freemap", "FreeMap", 0, True, ["maps", "minecraft"], [("0.9.0", "stable", False)]),
]


def seed_digital_demo(*, stdout) -> None:
    """Create whatever part of the digital demo is missing and report what was added."""
    seller, _ = Seller.objects.get_or_create(name=SELLER["name"], defaults=SELLER)
    added = 0
    for slug, title, price, is_free, tags, versions in PRODUCTS:
        product = Product.objects.filter(slug=slug).first() or services.create_product(
            title=title,
            slug=slug,
            price_cents=price,
            is_free=is_free,
            ships=False,
            seller=seller.public_id,
            tags=tags,
            description=f"<p>{title}: a demo plugin of the marketplace. Download it after buying or claiming it.</p>",
        )
        digital_services.set_game(product=product, game="minecraft")
        for tag, channel, yanked in versions:
            if Version.objects.filter(product=product, version_tag=tag).exists():
                continue
            version = digital_services.create_version(
                product=product,
                version_tag=tag,
                channel=channel,
                release_notes_html=f"<p>{title} {tag}.</p>",
                file=ContentFile(f"{title} {tag}\n".encode()),
                filename=f"{slug}-{tag}.jar",
            )
            if yanked:
                digital_services.update_version(version=version, yanked=True)
            added += 1
    stdout.write(f"Digital: {added} demo version(s) added.\n")
