"""Models of the orders app: shipping methods, coupons, carts, orders (with lines and status history), refunds,
invoices and the Stripe events already processed."""

from .carts import Cart, CartLine
from .coupons import Coupon
from .email_templates import EmailTemplate
from .invoices import Invoice, InvoiceNumberCounter
from .notifications import Notification, NotificationKind
from .orders import (
    ALLOWED_TRANSITIONS,
    STATUS_BY_CODE,
    STATUS_CODES,
    TRACKING_CARRIERS,
    Order,
    OrderLine,
    OrderNumberCounter,
    OrderStatus,
    OrderStatusChange,
)
from .payments import PayPalEvent, StripeEvent
from .refunds import Refund, RefundChannel
from .shipping import ShippingMethod
from .stock_alerts import StockAlert

__all__ = [
    "ALLOWED_TRANSITIONS",
    "STATUS_BY_CODE",
    "STATUS_CODES",
    "TRACKING_CARRIERS",
    "Cart",
    "CartLine",
    "Coupon",
    "EmailTemplate",
    "Invoice",
    "InvoiceNumberCounter",
    "Notification",
    "NotificationKind",
    "Order",
    "OrderLine",
    "OrderNumberCounter",
    "OrderStatus",
    "OrderStatusChange",
    "PayPalEvent",
    "Refund",
    "RefundChannel",
    "ShippingMethod",
    "StockAlert",
    "StripeEvent",
]
