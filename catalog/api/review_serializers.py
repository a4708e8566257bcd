"""Wire format of reviews. Only staff see hidden reviews, so `hidden` is false for everyone else."""

from rest_framework import serializers

from ..models.reviews import RATING_MAX, RATING_MIN

REVIEW_SORTS = ("newest", "highest", "lowest", "helpful")


class ReviewOutput(serializers.Serializer):
    id = serializers.CharField(source="public_id")
    product_id = serializers.CharField(source="product.public_id")
    rating = serializers.IntegerField(min_value=RATING_MIN, max_value=RATING_MAX)
    body = serializers.CharField(help_text="Sanitized HTML.")
    author_name = serializers.CharField()
    helpful_count = serializers.IntegerField()
    hidden = serializers.BooleanField(help_text="Hidden by a moderator; only staff see hidden reviews.")
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class ReviewInput(serializers.Serializer):
    rating = serializers.IntegerField(min_value=RATING_MIN, max_value=RATING_MAX)
    body = serializers.CharField(max_length=20_000, help_text="At least 10 characters of text; basic HTML kept.")


class ReviewModerationInput(serializers.Serializer):
    hidden = serializers.BooleanField()


class ReviewListParams(serializers.Serializer):
    sort = serializers.ChoiceField(choices=REVIEW_SORTS, default="newest", required=False)
