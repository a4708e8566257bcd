"""Counters under real threads on PostgreSQL: helpful votes and the rating summary."""

import pytest

from catalog.models import Product, Review
from catalog.reviews import services as review_services
from tests.catalog.digital.factories import OrderLineFactory, ProductFactory, UserFactory
from tests.threads import run_in_threads

from .factories import ReviewFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
THREADS = 8


def test_parallel_helpful_votes_of_one_user_count_once():
    review, voter = ReviewFactory(), UserFactory()

    errors = run_in_threads(
        lambda _: review_services.vote_helpful(user=voter, review=Review.objects.get(pk=review.pk)),
        list(range(THREADS)),
    )

    assert errors == []
    assert Review.objects.get(pk=review.pk).helpful_count == 1


def test_parallel_reviews_of_one_product_leave_an_exact_rating_summary():
    product = ProductFactory()
    buyers = [OrderLineFactory(product=product).order.customer.user for _ in range(THREADS)]
    ratings = dict(zip(buyers, [1, 2, 3, 4, 5, 5, 5, 5], strict=True))

    errors = run_in_threads(
        lambda user: review_services.post_review(
            user=user, product=Product.objects.get(pk=product.pk), rating=ratings[user], body="Solid plugin, works."
        ),
        buyers,
    )

    assert errors == []
    product.refresh_from_db()
    assert (product.rating_count, str(product.rating_avg), product.rating_min, product.rating_max) == (8, "3.75", 1, 5)
