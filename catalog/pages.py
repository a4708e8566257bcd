"""What every catalog store page shares: the product a visitor may see, found by its slug."""

from django.http import Http404

from .models import Product
from .queries import page_viewer, visible_products


def public_product(request, slug: str) -> Product:
    """The product with this slug, if the visitor may see it; raise Http404."""
    product = visible_products(page_viewer(request)).filter(slug=slug).first()
    if product is None:
        raise Http404("No such product.")
    return product
