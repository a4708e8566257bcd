"""How a review renders, in the API and in `review.created` event payloads.

Only staff see hidden reviews, so `hidden` is false for everyone else.
"""

from rest_framework import serializers

from shopplatform.api.serializers import Serializer

from .models import RATING_MAX, RATING_MIN


class ReviewOutput(Serializer):
    id = serializers.CharField(source="public_id")
    product_id = serializers.CharField(source="product.public_id")
    rating = serializers.IntegerField(min_value=RATING_MIN, max_value=RATING_MAX)
    body = serializers.CharField(help_text="Sanitized HTML.")
    author_name = serializers.CharField()
    helpful_count = serializers.IntegerField()
    hidden = serializers.BooleanField(help_text="Hidden by a moderator; only staff see hidden reviews.")
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
