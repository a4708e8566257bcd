from shopplatform.api.routers import ShopRouter

from .customer_views import CustomerViewSet
from .views import ApiKeyViewSet

router = ShopRouter()
router.register("api-keys", ApiKeyViewSet, basename="api-key")
router.register("customers", CustomerViewSet, basename="customer")

urlpatterns = router.urls
