"""The Stripe integration: Checkout Sessions for card payments, refunds, and verification of Stripe's webhooks.

Uses the official `stripe` library through a StripeClient built per call from settings (STRIPE_SECRET_KEY;
STRIPE_API_BASE points it at another server, such as the stand-in the tests run). A Checkout Session sells the
order as one line item of its total, so Stripe charges exactly what our pricing computed. Requests time out after
STRIPE_TIMEOUT_SECONDS: a refund runs while the order row is locked, so it must not wait for long.
"""

from dataclasses import dataclass

import stripe
from django.conf import settings

from .exceptions import InvalidStripeSignature, PaymentProviderError

SESSION_COMPLETED = "checkout.session.completed"
SESSION_ASYNC_SUCCEEDED = "checkout.session.async_payment_succeeded"
SESSION_ASYNC_FAILED = "checkout.session.async_payment_failed"
SESSION_EXPIRED = "checkout.session.expired"
STRIPE_TIMEOUT_SECONDS = 15
ALREADY_REFUNDED = "charge_already_refunded"


@dataclass(frozen=True)
class CheckoutSession:
    id: str
    url: str


@dataclass(frozen=True)
class Refund:
    """A Stripe refund; `id` is None when Stripe reports the payment was already refunded in full elsewhere."""

    id: str | None
    amount_cents: int
    status: str


def card_payments_enabled() -> bool:
    return bool(settings.STRIPE_SECRET_KEY)


def _client() -> stripe.StripeClient:
    options = {
        "max_network_retries": 1,
        "http_client": stripe.new_default_http_client(timeout=STRIPE_TIMEOUT_SECONDS),
    }
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


def session_payment_intent(session_id: str) -> str | None:
    """The PaymentIntent id of a Checkout Session (None before payment); raise PaymentProviderError."""
    try:
        session = _client().v1.checkout.sessions.retrieve(session_id)
    except stripe.StripeError as exc:
        raise PaymentProviderError(f"Stripe could not find the checkout session: {exc.user_message or exc}") from exc
    intent = session.to_dict().get("payment_intent")
    return intent if isinstance(intent, str) else (intent or {}).get("id")


def refund_payment(*, payment_intent: str, amount_cents: int, reference: str, idempotency_key: str = "") -> Refund:
    """Refund `amount_cents` of a PaymentIntent; raise PaymentProviderError when Stripe fails or is not configured.

    The idempotency key (by default the order reference and amount) makes a retry after a rolled-back cancel get
    the refund Stripe already made instead of a second one; partial refunds pass their own key.
    """
    if not card_payments_enabled():
        raise PaymentProviderError("Card payments are not configured (STRIPE_SECRET_KEY); cannot refund.")
    params = {"payment_intent": payment_intent, "amount": amount_cents, "metadata": {"order_id": reference}}
    try:
        refund = _client().v1.refunds.create(
            params=params, options={"idempotency_key": idempotency_key or f"refund-{reference}-{amount_cents}"}
        )
    except stripe.StripeError as exc:
        if exc.code == ALREADY_REFUNDED:
            return Refund(id=None, amount_cents=amount_cents, status="already_refunded")
        raise PaymentProviderError(f"Stripe refused the refund: {exc.user_message or exc}") from exc
    return Refund(id=refund.id, amount_cents=refund.amount, status=refund.status)


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
