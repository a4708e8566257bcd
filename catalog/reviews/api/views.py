"""Reviews of products: a public list with pages (max 50) and four sorts; owners post.

Scopes: reading is anonymous or `catalog:read`; posting, helpful votes and deleting one's review `shop:write`
(customer actions); hiding a review (`PATCH {"hidden": true}`) is moderation, staff with `catalog:write`.
Only staff see hidden reviews.
"""

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins
from rest_framework.decorators import action
from rest_framework.response import Response

from shopplatform.api.scopes import StaffOnly, is_staff_caller
from shopplatform.api.viewsets import ShopGenericViewSet

from ...queries import viewer_for, visible_products
from ...viewsets import PRODUCT_ID, PUBLIC_READ, ProductScopedMixin
from .. import services as review_services
from ..models import Review
from ..queries import REVIEW_ORDERINGS, reviews_of
from ..representations import ReviewOutput
from .serializers import ReviewInput, ReviewListParams, ReviewModerationInput


@extend_schema(parameters=[PRODUCT_ID])
class ProductReviewViewSet(ProductScopedMixin, mixins.ListModelMixin, ShopGenericViewSet):
    """Reviews of one product."""

    query_parameters = ("sort",)

    scope_resource = "catalog"
    required_scopes = {"create": "shop:write"}
    anonymous_methods = PUBLIC_READ
    public_cache = True
    max_limit = 50
    queryset = Review.objects.none()
    serializer_class = ReviewOutput

    def get_queryset(self):
        params = ReviewListParams(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        return reviews_of(self.product(), sort=params.validated_data["sort"], with_hidden=is_staff_caller(self.request))

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "sort", str, enum=list(REVIEW_ORDERINGS), default="newest", description="Order of the reviews."
            )
        ]
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(
        request=ReviewInput,
        responses={
            201: OpenApiResponse(ReviewOutput, description="Review created."),
            200: OpenApiResponse(ReviewOutput, description="The caller's existing review, updated."),
        },
        description="Post the caller's review; owners only. Posting again replaces the rating and text.",
    )
    def create(self, request, product_id=None):
        payload = ReviewInput(data=request.data)
        payload.is_valid(raise_exception=True)
        review, created = review_services.post_review(
            user=request.user, product=self.product(), **payload.validated_data
        )
        return Response(ReviewOutput(review).data, status=201 if created else 200)


class ReviewViewSet(mixins.RetrieveModelMixin, ShopGenericViewSet):
    """One review: read it, vote it helpful, delete it (author or staff), hide it (staff)."""

    scope_resource = "catalog"
    required_scopes = {"destroy": "shop:write", "helpful": "shop:write"}
    anonymous_methods = PUBLIC_READ
    public_cache = True
    queryset = Review.objects.none()
    serializer_class = ReviewOutput

    def get_queryset(self):
        reviews = Review.objects.select_related("product", "customer")
        if is_staff_caller(self.request):
            return reviews
        return reviews.filter(hidden=False, product__in=visible_products(viewer_for(self.request)))

    @extend_schema(
        request=ReviewModerationInput,
        responses={200: ReviewOutput},
        description="Hide a review from the public list and the rating, or show it again. Staff only.",
    )
    def partial_update(self, request, id=None):
        if not is_staff_caller(request):
            raise StaffOnly()
        payload = ReviewModerationInput(data=request.data)
        payload.is_valid(raise_exception=True)
        review = review_services.set_review_hidden(review=self.get_object(), hidden=payload.validated_data["hidden"])
        return Response(ReviewOutput(review).data)

    @extend_schema(request=ReviewModerationInput, responses={200: ReviewOutput}, description="Same as PATCH.")
    def update(self, request, id=None):
        return self.partial_update(request, id=id)

    @extend_schema(responses={204: None}, description="Delete a review: its author or staff.")
    def destroy(self, request, id=None):
        review_services.delete_review(user=request.user, review=self.get_object())
        return Response(status=204)

    @extend_schema(
        request=None,
        responses={200: ReviewOutput},
        description="Vote the review helpful. Once per user: voting again changes nothing and answers the same.",
    )
    @action(detail=True, methods=["post"])
    def helpful(self, request, id=None):
        review, _counted = review_services.vote_helpful(user=request.user, review=self.get_object())
        return Response(ReviewOutput(review).data)
