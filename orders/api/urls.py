from django.urls import re_path

from shopplatform.api.routers import ShopRouter

from .stock_alerts import ProductStockAlertView
from .views import (
    CartViewSet,
    CouponViewSet,
    OrderViewSet,
    PayPalWebhookView,
    ShippingMethodViewSet,
    StripeWebhookView,
)

router = ShopRouter()
router.register("shipping-methods", ShippingMethodViewSet, basename="shipping-method")
router.register("coupons", CouponViewSet, basename="coupon")
router.register("carts", CartViewSet, basename="cart")
router.register("orders", OrderViewSet, basename="order")

urlpatterns = [
    re_path(r"^payments/stripe/webhook/?$", StripeWebhookView.as_view(), name="stripe-webhook"),
    re_path(r"^payments/paypal/webhook/?$", PayPalWebhookView.as_view(), name="paypal-webhook"),
    re_path(r"^products/(?P<product_id>[^/]+)/stock-alerts/?$", ProductStockAlertView.as_view(), name="stock-alerts"),
    *router.urls,
]
