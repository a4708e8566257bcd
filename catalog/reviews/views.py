"""The account's review pages: the buyer's reviews and deleting one. Posting a review belongs to the product
page (catalog.views.review_post), which re-renders itself with the form's errors."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from . import services as review_services
from .models import Review

ACCOUNT_REVIEWS_SHOWN = 100


@login_required
def account_reviews(request):
    reviews = (
        Review.objects.filter(customer__user=request.user)
        .select_related("product")
        .order_by("-created_at", "-pk")[:ACCOUNT_REVIEWS_SHOWN]
    )
    return render(request, "account/reviews.html", {"reviews": reviews})


@login_required
@require_POST
def review_delete(request, review_id: str):
    review = get_object_or_404(
        Review.objects.select_related("product", "customer"), public_id=review_id, customer__user=request.user
    )
    review_services.delete_review(user=request.user, review=review)
    messages.info(request, f"Your review of {review.product.title} was deleted.")
    return redirect("catalog:account-reviews")
