"""Wire format of review inputs; reviews render through catalog.reviews.representations."""

from rest_framework import serializers

from shopplatform.api.serializers import Serializer
from shopplatform.api.strict import StrictInput

from ..models import RATING_MAX, RATING_MIN

REVIEW_SORTS = ("newest", "highest", "lowest", "helpful")


class ReviewInput(StrictInput):
    rating = serializers.IntegerField(min_value=RATING_MIN, max_value=RATING_MAX)
    body = serializers.CharField(max_length=20_000, help_text="At least 10 characters of text; basic HTML kept.")


class ReviewModerationInput(StrictInput):
    hidden = serializers.BooleanField()


class ReviewListParams(Serializer):
    """Query parameters (their names are checked by the view, like every query string)."""

    sort = serializers.ChoiceField(choices=REVIEW_SORTS, default="newest", required=False)
