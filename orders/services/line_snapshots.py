"""What an order line keeps of its product at checkout: page `url`, `description_short`, `image`, `reduced_rate`.

Taken once, when the order is created, and never refreshed, so an order shows the product as it was sold even
after the product is edited, renamed or deleted (seed 003 order `products[]`). `url` is the absolute product
page (with `?option=<var_…>` for a variant), `description_short` the product's shown excerpt (cut with "…"),
`image` the {"thumb", "square", "full"} URLs of the variant's image, else the product's first gallery image,
else the placeholder set (image slots are always an object).
"""

from urllib.parse import quote

from django.urls import reverse

from catalog.models import ProductImage
from catalog.models.products import image_renditions
from shopplatform.links import absolute_url
from shopplatform.prepared import PreparedQuery

# Every checkout reads them; compiled once per process and number of products.
IMAGES_OF = PreparedQuery(
    lambda slots: ProductImage.objects.filter(product__in=slots.numbers("products")).order_by(
        "product_id", "position", "pk"
    )
)


def line_snapshots(lines) -> list[dict]:
    """OrderLine snapshot fields for each priced cart line (`.product`, `.variant`), in order; one query."""
    first_images = {}
    for image in IMAGES_OF.instances(products=sorted({line.product.pk for line in lines})):
        first_images.setdefault(image.product_id, image)
    return [_snapshot(line.product, line.variant, first_images.get(line.product.pk)) for line in lines]


def _snapshot(product, variant, first_image) -> dict:
    url = absolute_url(reverse("catalog:product", args=[product.slug]))
    if variant is not None:
        url = f"{url}?option={quote(variant.public_id)}"
    if variant is not None and (variant.image_id or variant.image_url):
        image = image_renditions(variant.image, variant.image_url)
    else:
        image = first_image.renditions if first_image is not None else image_renditions(None, "")
    return {
        "url": url,
        "description_short": product.display_excerpt,
        "image": image,
        "reduced_rate": product.reduced_rate,
    }
