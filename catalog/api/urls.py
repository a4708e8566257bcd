from django.urls import re_path

from shopplatform.api.routers import ShopRouter

from .digital_views import ClaimView, DownloadView, VersionViewSet
from .passport_views import ProductPassportViewSet
from .review_views import ProductReviewViewSet, ReviewViewSet
from .views import BrandViewSet, CategoryViewSet, OptionGroupViewSet, ProductViewSet, SearchView, VariantViewSet

router = ShopRouter()
router.register("products", ProductViewSet, basename="product")
router.register(r"products/(?P<product_id>[^/]+)/option-groups", OptionGroupViewSet, basename="product-option-group")
router.register(r"products/(?P<product_id>[^/]+)/variants", VariantViewSet, basename="product-variant")
router.register("categories", CategoryViewSet, basename="category")
router.register("brands", BrandViewSet, basename="brand")

urlpatterns = [
    re_path(r"^search/?$", SearchView.as_view(), name="search"),
    re_path(
        r"^products/(?P<product_id>[^/]+)/passport/?$",
        ProductPassportViewSet.as_view({"get": "retrieve", "put": "update", "patch": "partial_update"}),
        name="product-passport",
    ),
    *router.urls,
]

# Digital products and reviews (seed 004).

digital_router = ShopRouter()
digital_router.register(r"products/(?P<product_id>[^/]+)/versions", VersionViewSet, basename="product-version")
digital_router.register(r"products/(?P<product_id>[^/]+)/reviews", ProductReviewViewSet, basename="product-review")
digital_router.register("reviews", ReviewViewSet, basename="review")
urlpatterns += [
    re_path(
        r"^products/(?P<product_id>[^/]+)/download/(?P<version_id>[^/]+)/?$",
        DownloadView.as_view(),
        name="product-download",
    ),
    re_path(r"^products/(?P<product_id>[^/]+)/claim/?$", ClaimView.as_view(), name="product-claim"),
    *digital_router.urls,
]
