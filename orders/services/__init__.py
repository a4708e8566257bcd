"""Operations of the orders app, one module per noun; views, admin, tasks and the demo loader call these.

Every service takes keyword arguments only, runs in one transaction and raises orders.exceptions errors.
"""

from .carts import (
    PricedCart,
    add_cart_line,
    create_cart,
    create_priced_cart,
    delete_cart_line,
    price_cart,
    update_cart,
    update_cart_line,
)
from .checkout import PlacedOrder, check_out_cart, place_customer_order, place_order
from .coupons import claim_coupon_use, create_coupon, delete_coupon, find_coupon, release_coupon_use, update_coupon
from .fulfilment import fulfil_order
from .invoices import invoice_pdf, issue_invoice, packing_slip_pdf
from .payments import handle_stripe_event
from .paypal import capture_paypal_payment, handle_paypal_event, start_paypal_payment
from .refunds import refund_order
from .shipping import create_shipping_method, delete_shipping_method, quote_shipping_methods, update_shipping_method
from .workflow import change_order_status, delete_order, fail_order_payment, mark_order_paid, update_order

__all__ = [
    "PlacedOrder",
    "PricedCart",
    "add_cart_line",
    "capture_paypal_payment",
    "change_order_status",
    "check_out_cart",
    "claim_coupon_use",
    "create_cart",
    "create_coupon",
    "create_priced_cart",
    "create_shipping_method",
    "delete_cart_line",
    "delete_coupon",
    "delete_order",
    "delete_shipping_method",
    "fail_order_payment",
    "find_coupon",
    "fulfil_order",
    "handle_paypal_event",
    "handle_stripe_event",
    "invoice_pdf",
    "issue_invoice",
    "mark_order_paid",
    "packing_slip_pdf",
    "place_customer_order",
    "place_order",
    "price_cart",
    "quote_shipping_methods",
    "refund_order",
    "release_coupon_use",
    "start_paypal_payment",
    "update_cart",
    "update_cart_line",
    "update_coupon",
    "update_order",
    "update_shipping_method",
]
