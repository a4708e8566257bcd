"""Back-office for reviews: moderation (hide or show) and deletion, through catalog.reviews.services so the
product's rating summary stays the same as in the API. catalog.admin imports this module to register it."""

from django.contrib import admin, messages

from shopplatform.admin_base import ModelAdmin
from shopplatform.forms import ServiceAdminMixin

from . import services as review_services
from .models import Review


@admin.register(Review)
class ReviewAdmin(ServiceAdminMixin, ModelAdmin):
    """Moderation: hide or show reviews; deleting one updates the product's rating like the API does."""

    list_display = ["public_id", "product", "author", "rating", "helpful_count", "hidden", "created_at"]
    list_filter = ["hidden", "rating"]
    search_fields = ["public_id", "body", "product__title", "customer__email", "customer__name"]
    list_select_related = ["product", "customer"]
    readonly_fields = [
        "public_id",
        "product",
        "customer",
        "rating",
        "body",
        "helpful_count",
        "hidden",
        "hidden_at",
        "created_at",
        "updated_at",
    ]
    actions = ["hide", "show"]

    def has_add_permission(self, request) -> bool:
        return False  # reviews come from owners through the API

    @admin.display(description="Author")
    def author(self, review: Review) -> str:
        return review.author_name

    def delete_model(self, request, obj) -> None:
        review_services.delete_review(user=request.user, review=obj)

    def delete_queryset(self, request, queryset) -> None:
        for review in queryset.select_related("product", "customer"):
            review_services.delete_review(user=request.user, review=review)

    def _set_hidden(self, request, queryset, hidden: bool) -> None:
        for review in queryset.select_related("product"):
            review_services.set_review_hidden(review=review, hidden=hidden)
        messages.success(request, f"{queryset.count()} review(s) {'hidden' if hidden else 'shown'}.")

    @admin.action(description="Hide from the store and the rating")
    def hide(self, request, queryset) -> None:
        self._set_hidden(request, queryset, True)

    @admin.action(description="Show again")
    def show(self, request, queryset) -> None:
        self._set_hidden(request, queryset, False)
