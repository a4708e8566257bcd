from shopplatform.api.routers import ShopRouter

from .views import DeliveryViewSet, EventViewSet, WebhookEndpointViewSet

router = ShopRouter()
router.register("webhook-endpoints", WebhookEndpointViewSet, basename="webhook-endpoint")
router.register("webhook-deliveries", DeliveryViewSet, basename="webhook-delivery")
router.register("events", EventViewSet, basename="event")

urlpatterns = [*router.urls]
