from shopplatform.api.routers import ShopRouter

from .views import ApiKeyViewSet

router = ShopRouter()
router.register("api-keys", ApiKeyViewSet, basename="api-key")

urlpatterns = [*router.urls]
