from django.urls import re_path

from shopplatform.api.routers import ShopRouter

from .customer_views import CustomerViewSet
from .privacy_views import PrivacyRequestViewSet
from .views import ApiKeyViewSet

router = ShopRouter()
router.register("api-keys", ApiKeyViewSet, basename="api-key")
router.register("customers", CustomerViewSet, basename="customer")
router.register("privacy/requests", PrivacyRequestViewSet, basename="privacy-request")

urlpatterns = [
    # Seed 000's path for the same operation (TK-9).
    re_path(r"^dsar/request/?$", PrivacyRequestViewSet.as_view({"post": "create"}), name="dsar-request"),
    *router.urls,
]
