"""Catalog API routes; the sub-domains (passports, digital products, reviews) bring their own `api/urls.py`."""

from django.urls import include, path, re_path

from shopplatform.api.routers import ShopRouter

from .views import BrandViewSet, CategoryViewSet, OptionGroupViewSet, ProductViewSet, SearchView, VariantViewSet

router = ShopRouter()
router.register("products", ProductViewSet, basename="product")
router.register(r"products/(?P<product_id>[^/]+)/option-groups", OptionGroupViewSet, basename="product-option-group")
router.register(r"products/(?P<product_id>[^/]+)/variants", VariantViewSet, basename="product-variant")
router.register("categories", CategoryViewSet, basename="category")
router.register("brands", BrandViewSet, basename="brand")

urlpatterns = [
    re_path(r"^search/?$", SearchView.as_view(), name="search"),
    path("", include("catalog.passports.api.urls")),
    *router.urls,
    path("", include("catalog.digital.api.urls")),
    path("", include("catalog.reviews.api.urls")),
]
