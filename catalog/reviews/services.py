"""Reviews: owners post (once per product; posting again edits), others vote them helpful, staff hide them.

Every change locks the product row first, then recomputes its rating summary from the visible reviews in the same
transaction, so concurrent reviews of one product cannot leave a stale average.
"""

from decimal import ROUND_HALF_UP, Decimal

import nh3
from django.db import IntegrityError, transaction
from django.db.models import Avg, Count, F, Max, Min
from django.utils import timezone

from shopplatform.accounts.services import ensure_customer
from shopplatform.errors import InvalidInput, PermissionDenied
from shopplatform.events import emit_event

from ..digital.ownership import owns_product
from ..exceptions import NotOwner, OwnVoteRefused
from ..models import Product
from ..text import plain_text
from .models import RATING_MAX, RATING_MIN, HelpfulVote, Review
from .representations import ReviewOutput

BODY_MIN_CHARACTERS = 10
BODY_MAX_CHARACTERS = 10_000
# Formatting only: no links or images, which in customer text are mostly spam.
REVIEW_TAGS = {"p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "blockquote"}


def sanitize_review_body(body: str) -> str:
    """Sanitized HTML with at least 10 visible characters. Raise InvalidInput."""
    clean = nh3.clean(body or "", tags=REVIEW_TAGS, attributes={}).strip()
    if len(plain_text(clean)) < BODY_MIN_CHARACTERS:
        raise InvalidInput(f"`body` needs at least {BODY_MIN_CHARACTERS} characters of text.", param="body")
    if len(clean) > BODY_MAX_CHARACTERS:
        raise InvalidInput(f"`body` is limited to {BODY_MAX_CHARACTERS} characters.", param="body")
    return clean


@transaction.atomic
def post_review(*, user, product: Product, rating: int, body: str) -> tuple[Review, bool]:
    """Create the caller's review of the product, or update it when one exists; return (review, created).

    Raise NotOwner (403) or InvalidInput.
    """
    if isinstance(rating, bool) or not isinstance(rating, int) or not RATING_MIN <= rating <= RATING_MAX:
        raise InvalidInput(f"`rating` must be an integer from {RATING_MIN} to {RATING_MAX}.", param="rating")
    body = sanitize_review_body(body)
    if not owns_product(user=user, product=product):
        raise NotOwner("Only customers who own this product may review it.", param="product_id")
    product = _lock_product(product)
    customer = ensure_customer(user=user)
    review = Review.objects.filter(product=product, customer=customer).first()
    created = review is None
    if created:
        review = Review.objects.create(product=product, customer=customer, rating=rating, body=body)
    else:
        review.rating, review.body = rating, body
        review.save(update_fields=["rating", "body", "updated_at"])
    refresh_rating_summary(product=product)
    if created:
        emit_event("review.created", obj=ReviewOutput(review).data)
    return review, created


@transaction.atomic
def vote_helpful(*, user, review: Review) -> tuple[Review, bool]:
    """Count the user's helpful vote once; return (review, counted). Voting again changes nothing.

    Raise OwnVoteRefused (403) for the review's author.
    """
    if review.customer_id is not None and review.customer.user_id == user.pk:
        raise OwnVoteRefused("You cannot vote for your own review.", param="id")
    try:
        with transaction.atomic():
            HelpfulVote.objects.create(review=review, user=user)
    except IntegrityError:
        return Review.objects.get(pk=review.pk), False
    Review.objects.filter(pk=review.pk).update(helpful_count=F("helpful_count") + 1)
    return Review.objects.get(pk=review.pk), True


@transaction.atomic
def delete_review(*, user, review: Review) -> None:
    """Delete a review (its author or staff) and update the product's rating. Raise PermissionDenied (403)."""
    is_author = review.customer_id is not None and review.customer.user_id == user.pk
    if not (is_author or user.is_staff):
        raise PermissionDenied("Only the author or staff may delete a review.", param="id")
    product = _lock_product(review.product)
    review.delete()
    refresh_rating_summary(product=product)


@transaction.atomic
def set_review_hidden(*, review: Review, hidden: bool) -> Review:
    """Hide a review from the public list and the rating (moderation), or show it again."""
    product = _lock_product(review.product)
    review = Review.objects.select_for_update().get(pk=review.pk)
    if review.hidden != hidden:
        review.hidden, review.hidden_at = hidden, timezone.now() if hidden else None
        review.save(update_fields=["hidden", "hidden_at", "updated_at"])
        refresh_rating_summary(product=product)
    return review


def refresh_rating_summary(*, product: Product) -> None:
    """Recompute average, count, min and max of the visible reviews; call it with the product row locked."""
    summary = Review.objects.filter(product_id=product.pk, hidden=False).aggregate(
        average=Avg("rating"), count=Count("pk"), low=Min("rating"), high=Max("rating")
    )
    average = Decimal(str(summary["average"] or 0)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    Product.objects.filter(pk=product.pk).update(
        rating_avg=average, rating_count=summary["count"], rating_min=summary["low"], rating_max=summary["high"]
    )


def _lock_product(product: Product) -> Product:
    return Product.objects.select_for_update().get(pk=product.pk)
