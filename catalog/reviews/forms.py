"""The review form of the product page, as a buyer types it."""

from django import forms

from ..models import Product
from ..text import plain_text
from . import services as review_services
from .models import RATING_MAX, RATING_MIN, Review


class ReviewForm(forms.Form):
    """A buyer's review as typed: plain text, turned into paragraphs before the reviews service sanitizes it."""

    rating = forms.TypedChoiceField(
        coerce=int,
        choices=[(value, f"{value} star{'s' if value > 1 else ''}") for value in range(RATING_MAX, RATING_MIN - 1, -1)],
        widget=forms.RadioSelect,
        label="Your rating",
    )
    body = forms.CharField(
        min_length=review_services.BODY_MIN_CHARACTERS,
        max_length=review_services.BODY_MAX_CHARACTERS // 2,
        widget=forms.Textarea(attrs={"rows": 5}),
        label="Your review",
        help_text=f"At least {review_services.BODY_MIN_CHARACTERS} characters.",
    )


def review_form_for(user, product: Product) -> ReviewForm:
    """An empty form, or the buyer's earlier review to edit (posting again replaces it)."""
    review = Review.objects.filter(product=product, customer__user=user).first()
    if review is None:
        return ReviewForm()
    return ReviewForm(initial={"rating": review.rating, "body": plain_text(review.body)})
