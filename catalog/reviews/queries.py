"""Read side of reviews: a product's reviews in one of the published orders."""

from django.db.models import QuerySet

from ..models import Product
from .models import Review

REVIEW_ORDERINGS = {
    "newest": ("-created_at", "-pk"),
    "highest": ("-rating", "-created_at", "-pk"),
    "lowest": ("rating", "-created_at", "-pk"),
    "helpful": ("-helpful_count", "-created_at", "-pk"),
}


def reviews_of(product: Product, *, sort: str, with_hidden: bool) -> QuerySet[Review]:
    """A product's reviews in one of REVIEW_ORDERINGS, with author and product joined in (one query a page)."""
    reviews = Review.objects.filter(product=product).select_related("product", "customer")
    if not with_hidden:
        reviews = reviews.filter(hidden=False)
    return reviews.order_by(*REVIEW_ORDERINGS[sort])
