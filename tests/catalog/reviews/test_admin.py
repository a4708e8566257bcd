"""Back-office for reviews: the moderation list and the hide action, which updates the product's rating."""

import pytest

from catalog.models import Review
from tests.catalog.digital.factories import OrderLineFactory

from .factories import ReviewFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("boss", "boss@example.com", "boss-pass-123"))
    return client


def test_the_review_changelist_renders(admin_client, product):
    ReviewFactory(product=product)

    assert admin_client.get("/admin/catalog/review/").status_code == 200


def test_the_hide_action_updates_the_rating(admin_client, product):
    review = ReviewFactory(product=product, customer=OrderLineFactory(product=product).order.customer, rating=5)

    admin_client.post("/admin/catalog/review/", {"action": "hide", "_selected_action": [review.pk]}, follow=True)

    assert Review.objects.get(pk=review.pk).hidden
    product.refresh_from_db()
    assert product.rating_count == 0
