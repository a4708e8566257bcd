"""Demo digital products for `seed_demo`: printable patterns and guides that go with the homeware.

A marketplace seller offers a paid knitting pattern with stable, beta and yanked versions and a free care guide
that the demo buyer has claimed (the buyer also buys the pattern, in orders.demo). The files are small real PDFs.
Idempotent: rows are found by slug, tag or name first.
"""

import io

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw, ImageFont

from media_library.services import add_media_bytes
from shopplatform.accounts.demo import BUYER_EMAIL
from shopplatform.accounts.models import Customer

from .. import services
from ..models import Category, Product, Seller
from . import services as digital_services
from .models import Version
from .ownership import claim_free_product

SELLER = {
    "name": "linen-and-loom",
    "display_name": "Linen & Loom Patterns",
    "avatar_url": "https://avatars.example.com/linen-and-loom.png",
}
CATEGORY_SLUG = "patterns-and-guides"
PATTERN_SLUG = "knitted-throw-pattern"
GUIDE_SLUG = "ceramics-care-guide"
# Each download shows a cover: its title on a printed page over a colour of the demo palette.
COVER_COLOURS = {PATTERN_SLUG: (150, 40, 110), GUIDE_SLUG: (30, 110, 180)}
# slug, title, price_cents, is_free, game (the listing's free-form kind), tags, versions: (tag, channel, yanked, notes)
PRODUCTS = [
    (
        PATTERN_SLUG,
        "Knitted Throw Pattern",
        650,
        False,
        "knitting",
        ["knitting", "pattern", "printable"],
        [
            ("1.0.0", "stable", False, "First edition: a 120 by 150 cm throw in worsted wool, charts and photos."),
            ("1.1.0", "stable", True, "Adds a fringe. Withdrawn: the chart of rows 40 to 48 was wrong."),
            ("1.2.0", "stable", False, "Corrected charts, the fringe, and a baby-blanket size."),
            ("2.0.0-beta.1", "beta", False, "Preview of the chunky-yarn edition: knits up in a weekend."),
        ],
    ),
    (
        GUIDE_SLUG,
        "Ceramics Care Guide",
        0,
        True,
        "care-guide",
        ["care", "guide", "printable"],
        [("1.0.0", "stable", False, "Cleaning, storing and mending stoneware, in eight printable pages.")],
    ),
]


def demo_pdf(*lines: str) -> bytes:
    """A one-page A4 PDF (72 dpi) showing the lines, as a stand-in for the real printable."""
    page = Image.new("RGB", (595, 842), "white")
    draw = ImageDraw.Draw(page)
    for index, line in enumerate(lines):
        draw.text((60, 80 + 28 * index), line, fill=(40, 40, 40))
    buffer = io.BytesIO()
    page.save(buffer, format="PDF")
    return buffer.getvalue()


def cover_image_bytes(title: str, colour: tuple[int, int, int]) -> bytes:
    """A 1200x900 JPEG cover: a white page with the title and ruled lines, on the colour."""
    image = Image.new("RGB", (1200, 900), colour)
    draw = ImageDraw.Draw(image)
    draw.rectangle((355, 100, 845, 800), fill=(252, 252, 250), outline=(40, 40, 40), width=3)
    font = ImageFont.load_default(size=40)
    for index, word in enumerate(title.split()):
        draw.text((410, 160 + 52 * index), word, fill=colour, font=font)
    for row in range(9):
        draw.line((410, 380 + 40 * row, 790, 380 + 40 * row), fill=(190, 190, 190), width=4)
    draw.text((410, 740), "PDF", fill=(40, 40, 40), font=ImageFont.load_default(size=24))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return buffer.getvalue()


def _cover(slug: str, title: str) -> list[dict]:
    media, _ = add_media_bytes(data=cover_image_bytes(title, COVER_COLOURS[slug]), name=f"{slug}-cover.jpg")
    return [{"media": media.public_id, "alt": f"Cover of {title}"}]


def seed_digital_demo(*, stdout, media: dict[str, str] | None = None) -> None:
    """Create whatever part of the digital demo is missing, let the demo buyer claim the guide, report it.

    Every product gets its cover image, also one created by an earlier demo without any (`media` is accepted for
    catalog.demo's call and not needed).
    """
    seller, _ = Seller.objects.get_or_create(name=SELLER["name"], defaults=SELLER)
    category = Category.objects.filter(slug=CATEGORY_SLUG).first()
    added = 0
    for slug, title, price, is_free, game, tags, versions in PRODUCTS:
        product = Product.objects.filter(slug=slug).first()
        if product is not None and not product.images.exists():
            product = services.update_product(product=product, images=_cover(slug, title))
        product = product or services.create_product(
            title=title,
            slug=slug,
            price_cents=price,
            is_free=is_free,
            ships=False,
            seller=seller.public_id,
            tags=tags,
            categories=[category.public_id] if category else [],
            images=_cover(slug, title),
            description=f"<p>{title}: a printable PDF. Download it from your account after buying or claiming it; "
            "new versions are free for owners.</p>",
        )
        digital_services.set_game(product=product, game=game)
        for tag, channel, yanked, notes in versions:
            if Version.objects.filter(product=product, version_tag=tag).exists():
                continue
            version = digital_services.create_version(
                product=product,
                version_tag=tag,
                channel=channel,
                release_notes_html=f"<p>{notes}</p>",
                file=ContentFile(demo_pdf(f"{title} {tag}", notes)),
                filename=f"{slug}-{tag}.pdf",
            )
            if yanked:
                digital_services.update_version(version=version, yanked=True)
            added += 1
    claimed = _claim_guide_for_buyer()
    stdout.write(f"Digital: {added} demo version(s) added; {claimed} free guide claimed by the demo buyer.\n")


def _claim_guide_for_buyer() -> int:
    buyer = Customer.objects.filter(email=BUYER_EMAIL, user__isnull=False).select_related("user").first()
    if buyer is None:
        return 0
    _, created = claim_free_product(user=buyer.user, product=Product.objects.get(slug=GUIDE_SLUG))
    return int(created)
