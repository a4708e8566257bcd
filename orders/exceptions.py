"""Errors the orders services raise; each renders as problem+json with its status and code."""

from shopplatform.errors import AlreadyExists, Conflict, InvalidInput, ShopError


class InvalidTransition(Conflict):
    """The order's workflow does not allow this status change; `allowed` lists where it may go."""

    code, title = "invalid_transition", "Invalid status transition"


class CouponCodeTaken(AlreadyExists):
    """Another coupon already has this code (codes are compared case-insensitively)."""


class CouponNotFound(InvalidInput):
    """No coupon has this code."""

    code, title = "coupon_not_found", "Coupon not found"


class CouponNotApplicable(Conflict):
    """The coupon is outside its date window or the cart does not meet its condition (minimum, product, category)."""

    code, title = "coupon_not_applicable", "Coupon not applicable"


class CouponExhausted(Conflict):
    """The coupon reached its usage limit."""

    code, title = "coupon_exhausted", "Coupon exhausted"


class InvalidCoupon(InvalidInput):
    """A coupon field is missing or inconsistent with its type or target."""

    code, title = "invalid_coupon", "Invalid coupon"


class InvalidShippingMethod(InvalidInput):
    """A shipping method field is out of range."""

    code, title = "invalid_shipping_method", "Invalid shipping method"


class ShippingMethodUnavailable(Conflict):
    """The chosen shipping method does not serve the delivery country, weight or order value."""

    code, title = "shipping_method_unavailable", "Shipping method unavailable"


class ShippingMethodRequired(InvalidInput):
    """The store ships with shipping methods: choose one of those quoted for the delivery address."""

    code, title = "shipping_method_required", "Shipping method required"


class ProductNotOrderable(InvalidInput):
    """The product is not visible to the caller, is priced on request, or needs a variant chosen."""

    code, title = "product_not_orderable", "Product not orderable"


class LineUnavailable(Conflict):
    """A cart line's product was hidden, set to price on request, or its variant deactivated after it was added."""

    code, title = "line_unavailable", "Cart line unavailable"


class EmptyCart(InvalidInput):
    """The cart has no lines to check out."""

    code, title = "empty_cart", "Empty cart"


class CartClosed(Conflict):
    """The cart was already checked out; start a new cart."""

    code, title = "cart_closed", "Cart already checked out"


class AddressRequired(InvalidInput):
    """Checkout needs a delivery address (or the pick_up payment method) and an e-mail address."""

    code, title = "address_required", "Address required"


class PaymentMethodUnavailable(Conflict):
    """The payment method is not enabled in the store (or card payments are not configured)."""

    code, title = "payment_method_unavailable", "Payment method unavailable"


class PaymentProviderError(ShopError):
    """The payment provider (Stripe, PayPal) could not be reached or refused the request; nothing was changed here."""

    status, code, title = 502, "payment_provider_error", "Payment provider error"


class InvalidStripeSignature(InvalidInput):
    """The webhook's signature does not match its body (Stripe-Signature checked with the webhook secret; PayPal's
    transmission headers checked by PayPal's verify-webhook-signature API)."""

    code, title = "invalid_signature", "Invalid signature"


class InvalidPayPalSignature(InvalidStripeSignature):
    """PayPal's verify-webhook-signature API did not confirm the webhook's transmission headers and body."""


class OrderNotDeletable(Conflict):
    """Only canceled or returned orders may be deleted: the others still hold stock, money or a delivery."""

    code, title = "order_not_deletable", "Order not deletable"


class PaymentLocked(Conflict):
    """A paid order cannot be marked unpaid; cancel it instead (wallet payments are refunded)."""

    code, title = "payment_locked", "Payment cannot be undone"


class InsufficientStock(Conflict):
    """Fewer units are in stock than the cart line asks for; `available` is how many the line may hold."""

    code, title = "insufficient_stock", "Insufficient stock"
    extensions = ("available",)


class OnePerOrder(InvalidInput):
    """The product is sold one per order (a download, or a product sold singly)."""

    code, title = "one_per_order", "One per order"


class RefundNotAllowed(Conflict):
    """The order cannot be refunded here: it is unpaid, or was paid outside the shop (bank transfer, cash)."""

    code, title = "refund_not_allowed", "Refund not allowed"


class InvalidRefundAmount(InvalidInput):
    """The refund is not a positive amount, or exceeds what was paid minus what was already refunded."""

    code, title = "invalid_refund_amount", "Invalid refund amount"


class InvoiceNotAllowed(Conflict):
    """An invoice is issued only for a paid order that was not canceled."""

    code, title = "invoice_not_allowed", "Invoice not allowed"


class ProductInStock(Conflict):
    """A back-in-stock alert was asked for an item that can be ordered now."""

    code, title = "product_in_stock", "Product in stock"
