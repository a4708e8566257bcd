"""The Stripe integration: Checkout Sessions for card payments and verification of Stripe's webhooks.

Uses the official `stripe` library through a StripeClient built per call from settings (STRIPE_SECRET_KEY;
STRIPE_API_BASE points it at another server, such as the stand-in the tests run). A Checkout Session sells the
order as one line item of its total, so Stripe charges exactly what our pricing computed.
"""

from dataclasses import dataclass

import stripe
from django.conf import settings

from .exceptions import InvalidStripeSignature, PaymentProviderError

SESSION_COMPLETED = "checkout.session.completed"
SESSION_ASYNC_SUCCEEDED = "checkout.session.async_payment_succeeded"
SESSION_ASYNC_FAILED = "checkout.session.async_payment_failed"
SESSION_EXPIRED = "checkout.session.expired"


@dataclass(frozen=True)
class CheckoutSession:
    id: str
    url: str


def card_payments_enabled() -> bool:
    return bool(settings.STRIPE_SECRET_KEY)


def _client() -> stripe.StripeClient:
    options = {"max_network_retries": 1}
    if settings.STRIPE_API_BASE:
        options["base_addresses"] = {"api": settings.STRIPE_API_BASE.rstrip("/")}
    return stripe.StripeClient(settings.STRIPE_SECRET_KEY, **options)


def create_checkout_session(
    *, reference: str, title: str, amount_cents: int, currency: str, email: str, success_url: str, cancel_url: str
) -> CheckoutSession:
    """Open a Stripe Checkout Session for `amount_cents`; raise PaymentProviderError when Stripe fails."""
    params = {
        "mode": "payment",
        "client_reference_id": reference,
        "metadata": {"order_id": reference},
        "line_items": [
            {
                "quantity": 1,
                "price_data": {
                    "currency": currency.lower(),
                    "unit_amount": amount_cents,
                    "product_data": {"name": title},
                },
            }
        ],
        "success_url": success_url,
        "cancel_url": cancel_url,
    }
    if email:
        params["customer_email"] = email
    try:
        session = _client().v1.checkout.sessions.create(params=params, options={"idempotency_key": reference})
    except stripe.StripeError as exc:
        raise PaymentProviderError(f"Stripe refused the checkout session: {exc.user_message or exc}") from exc
    return CheckoutSession(id=session.id, url=session.url)


def verify_webhook(*, payload: bytes, signature: str) -> dict:
    """Parse a webhook body (as plain dicts) after checking its Stripe-Signature against STRIPE_WEBHOOK_SECRET.

    Raise InvalidStripeSignature (400) for a missing, stale or wrong signature or a body that is not an event.
    """
    if not settings.STRIPE_WEBHOOK_SECRET:
        raise InvalidStripeSignature("Stripe webhooks are not configured (STRIPE_WEBHOOK_SECRET).")
    try:
        event = stripe.Webhook.construct_event(payload, signature or "", settings.STRIPE_WEBHOOK_SECRET)
    except stripe.SignatureVerificationError as exc:
        raise InvalidStripeSignature("The Stripe-Signature header does not match the body.") from exc
    except ValueError as exc:
        raise InvalidStripeSignature("The body is not a Stripe event.") from exc
    event = event.to_dict()
    if not isinstance(event.get("id"), str) or not isinstance(event.get("type"), str):
        raise InvalidStripeSignature("The body is not a Stripe event.")
    return event
