"""Store pages of payment providers: where PayPal sends the buyer back after approving the payment."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_GET

from .exceptions import PaymentProviderError
from .models import Order
from .services import capture_paypal_payment


@require_GET
def paypal_return(request, order_hash: str):
    """Capture the payment the buyer just approved at PayPal, then show the order.

    PayPal appends `token` (its order id); a token that is not this order's captures nothing. A refused capture
    leaves the order waiting for payment and says so.
    """
    order = get_object_or_404(Order, hash=order_hash)
    outcome = "success"
    if request.GET.get("token") != order.payment_data.get("paypal_order_id"):
        outcome = "canceled"
    else:
        try:
            capture_paypal_payment(order=order)
        except PaymentProviderError as exc:
            messages.error(request, exc.detail)
            outcome = "failed"
    return redirect(f"{reverse('orders:order', args=[order.hash])}?payment={outcome}")
