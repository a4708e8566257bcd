"""Store URLs of the orders app (/cart/add/<handle>, /order/<hash>, the signed /order/view/<token>), plus the cart
and checkout pages."""

from django.urls import path

from . import payment_views, stock_alert_views, views

app_name = "orders"

urlpatterns = [
    path("cart/", views.cart_detail, name="cart"),
    path("cart/add/<slug:slug>", views.cart_add, name="cart-add"),
    path("cart/coupon", views.cart_coupon, name="cart-coupon"),
    path("checkout/", views.checkout, name="checkout"),
    path("order/<str:order_hash>", views.order_status, name="order"),
    path("order/view/<str:token>", views.order_link, name="order-link"),
    path("order/<str:order_hash>/paypal/return", payment_views.paypal_return, name="paypal-return"),
    path("product/<slug:slug>/stock-alert", stock_alert_views.stock_alert_create, name="stock-alert"),
    path(
        "stock-alerts/unsubscribe/<str:token>",
        stock_alert_views.stock_alert_unsubscribe,
        name="stock-alerts-unsubscribe",
    ),
]
