"""Buyer reviews of products and their helpful votes.

One review per customer and product; hidden reviews stay stored but leave the public list and the product's
rating summary (Product.rating_avg/count/min/max, kept by catalog.reviews.services). The product is named by
string ("catalog.Product"), so this module does not import catalog.models, which re-exports it for model discovery.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from shopplatform.ids import PublicIdField

RATING_MIN, RATING_MAX = 1, 5


class Review(models.Model):
    public_id = PublicIdField(prefix="rev")
    product = models.ForeignKey("catalog.Product", on_delete=models.CASCADE, related_name="reviews")
    # SET_NULL keeps the rating summary true when a customer record is deleted.
    customer = models.ForeignKey(
        "accounts.Customer", null=True, blank=True, on_delete=models.SET_NULL, related_name="reviews"
    )
    rating = models.PositiveSmallIntegerField()
    body = models.TextField(help_text="Sanitized HTML.")
    helpful_count = models.IntegerField(default=0)
    hidden = models.BooleanField(default=False, help_text="Hidden by a moderator: not listed, not rated.")
    hidden_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["product", "customer"], name="review_one_per_customer"),
            models.CheckConstraint(
                condition=Q(rating__gte=RATING_MIN, rating__lte=RATING_MAX), name="review_rating_range"
            ),
        ]
        indexes = [models.Index(fields=["product", "hidden", "created_at"], name="review_product_list_idx")]

    def __str__(self) -> str:
        return f"{self.rating}★ on {self.product_id}"

    @property
    def author_name(self) -> str:
        return (self.customer.name if self.customer else "") or "Anonymous"


class HelpfulVote(models.Model):
    """One user found one review helpful; the unique constraint makes voting once per user race-free."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="helpful_votes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["review", "user"], name="helpful_vote_once")]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.review_id}"
