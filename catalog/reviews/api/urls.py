from shopplatform.api.routers import ShopRouter

from .views import ProductReviewViewSet, ReviewViewSet

router = ShopRouter()
router.register(r"products/(?P<product_id>[^/]+)/reviews", ProductReviewViewSet, basename="product-review")
router.register("reviews", ReviewViewSet, basename="review")

urlpatterns = router.urls
