from django.urls import re_path

from shopplatform.api.routers import ShopRouter

from .views import PrivacyRequestViewSet

router = ShopRouter()
router.register("privacy/requests", PrivacyRequestViewSet, basename="privacy-request")

urlpatterns = [
    # The older path of the same operation, kept for existing clients.
    re_path(r"^dsar/request/?$", PrivacyRequestViewSet.as_view({"post": "create"}), name="dsar-request"),
    *router.urls,
]
