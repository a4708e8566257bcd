from django.urls import re_path

from shopplatform.api.routers import ShopRouter

from .views import ClaimView, DownloadView, VersionViewSet

router = ShopRouter()
router.register(r"products/(?P<product_id>[^/]+)/versions", VersionViewSet, basename="product-version")

urlpatterns = [
    re_path(
        r"^products/(?P<product_id>[^/]+)/download/(?P<version_id>[^/]+)/?$",
        DownloadView.as_view(),
        name="product-download",
    ),
    re_path(r"^products/(?P<product_id>[^/]+)/claim/?$", ClaimView.as_view(), name="product-claim"),
    *router.urls,
]
