"""The PayPal integration through PayPal's official server SDK (`paypal-server-sdk`): orders, capture, refunds, and
verification of PayPal's webhooks.

A client is built per call from settings (PAYPAL_CLIENT_ID / PAYPAL_CLIENT_SECRET, PAYPAL_ENVIRONMENT `sandbox` or
`production`; PAYPAL_BASE_URL, when set, replaces the environment's API address, as the tests' stand-in needs). The
SDK fetches its OAuth token itself. Every write carries a PayPal-Request-Id derived from our order id (create:
`<ord_id>`, capture: `capture-<ord_id>`, refund: `refund-<ord_id>-<refunded before>-<amount>`), so a retry after a timeout or a
rolled-back transaction gets what PayPal already did instead of doing it twice.

The PayPal order sells our order as one purchase unit of its total (`custom_id` and `invoice_id` = our order id),
so PayPal charges exactly what our pricing computed. Webhooks are verified the way PayPal documents: the
transmission headers, our PAYPAL_WEBHOOK_ID and the event go to `POST /v1/notifications/verify-webhook-signature`,
which answers SUCCESS or FAILURE (the SDK has no controller for it; the call goes through the SDK's request
builder, so it shares its base URL, OAuth token and timeout).
"""

import json
from dataclasses import dataclass

import requests
from apimatic_core.authentication.multiple.single_auth import Single
from apimatic_core.exceptions.auth_validation_exception import AuthValidationException
from apimatic_core.request_builder import RequestBuilder
from apimatic_core.response_handler import ResponseHandler
from apimatic_core.types.parameter import Parameter
from django.conf import settings
from paypalserversdk.api_helper import APIHelper
from paypalserversdk.configuration import Configuration, Environment, Server
from paypalserversdk.controllers.base_controller import BaseController
from paypalserversdk.exceptions.api_exception import ApiException
from paypalserversdk.http.auth.o_auth_2 import ClientCredentialsAuthCredentials
from paypalserversdk.http.http_method_enum import HttpMethodEnum
from paypalserversdk.models.amount_with_breakdown import AmountWithBreakdown
from paypalserversdk.models.checkout_payment_intent import CheckoutPaymentIntent
from paypalserversdk.models.money import Money
from paypalserversdk.models.order_request import OrderRequest
from paypalserversdk.models.payment_source import PaymentSource
from paypalserversdk.models.paypal_wallet import PaypalWallet
from paypalserversdk.models.paypal_wallet_experience_context import PaypalWalletExperienceContext
from paypalserversdk.models.purchase_unit_request import PurchaseUnitRequest
from paypalserversdk.models.refund_request import RefundRequest
from paypalserversdk.paypal_serversdk_client import PaypalServersdkClient

from shopplatform.money import parse_amount, to_decimal
from shopplatform.store.payments import PaymentMethodType, method_configured

from ..exceptions import InvalidPayPalSignature, PaymentProviderError

PAYPAL_TIMEOUT_SECONDS = 15
ORDER_APPROVED = "CHECKOUT.ORDER.APPROVED"
CAPTURE_COMPLETED = "PAYMENT.CAPTURE.COMPLETED"
CAPTURE_DENIED = "PAYMENT.CAPTURE.DENIED"
ALREADY_CAPTURED = "ORDER_ALREADY_CAPTURED"
# The headers PayPal signs a webhook delivery with, and the verify API's names for them.
SIGNATURE_HEADERS = {
    "auth_algo": "PayPal-Auth-Algo",
    "cert_url": "PayPal-Cert-Url",
    "transmission_id": "PayPal-Transmission-Id",
    "transmission_sig": "PayPal-Transmission-Sig",
    "transmission_time": "PayPal-Transmission-Time",
}
SDK_ERRORS = (ApiException, AuthValidationException, requests.RequestException)


@dataclass(frozen=True)
class PayPalOrder:
    id: str
    approve_url: str


@dataclass(frozen=True)
class Capture:
    id: str
    status: str
    amount_cents: int


@dataclass(frozen=True)
class Refund:
    id: str
    amount_cents: int
    status: str


def paypal_enabled() -> bool:
    return method_configured(PaymentMethodType.PAYPAL)


class _Configuration(Configuration):
    """The SDK's configuration, answering PAYPAL_BASE_URL (when set) as the API address of every environment."""

    def get_base_uri(self, server=Server.DEFAULT):
        return settings.PAYPAL_BASE_URL.rstrip("/") if settings.PAYPAL_BASE_URL else super().get_base_uri(server)


def _client() -> PaypalServersdkClient:
    environment = Environment.PRODUCTION if settings.PAYPAL_ENVIRONMENT == "production" else Environment.SANDBOX
    config = _Configuration(
        timeout=PAYPAL_TIMEOUT_SECONDS,
        environment=environment,
        client_credentials_auth_credentials=ClientCredentialsAuthCredentials(
            o_auth_client_id=settings.PAYPAL_CLIENT_ID, o_auth_client_secret=settings.PAYPAL_CLIENT_SECRET
        ),
    )
    return PaypalServersdkClient(config=config)


def _amount(amount_cents: int, currency: str) -> str:
    return str(to_decimal(amount_cents, currency))


def _failure(action: str, exc: Exception) -> PaymentProviderError:
    message = getattr(exc, "message", None) or getattr(exc, "reason", None) or str(exc)
    return PaymentProviderError(f"PayPal refused {action}: {message}")


def create_order(
    *, reference: str, title: str, amount_cents: int, currency: str, return_url: str, cancel_url: str
) -> PayPalOrder:
    """Create a PayPal order of `amount_cents` for the buyer to approve; raise PaymentProviderError."""
    body = OrderRequest(
        intent=CheckoutPaymentIntent.CAPTURE,
        purchase_units=[
            PurchaseUnitRequest(
                reference_id=reference,
                custom_id=reference,
                invoice_id=reference,
                description=title,
                amount=AmountWithBreakdown(currency_code=currency, value=_amount(amount_cents, currency)),
            )
        ],
        payment_source=PaymentSource(
            paypal=PaypalWallet(
                experience_context=PaypalWalletExperienceContext(
                    return_url=return_url,
                    cancel_url=cancel_url,
                    user_action="PAY_NOW",
                    shipping_preference="NO_SHIPPING",
                )
            )
        ),
    )
    try:
        order = _client().orders.create_order({"body": body, "paypal_request_id": reference}).body
    except SDK_ERRORS as exc:
        raise _failure("the order", exc) from exc
    links = {link.rel: link.href for link in order.links or []}
    approve_url = links.get("payer-action") or links.get("approve") or ""
    return PayPalOrder(id=order.id, approve_url=approve_url)


def capture_order(*, paypal_order_id: str, reference: str) -> Capture:
    """Capture the approved PayPal order; an order captured before answers its earlier capture.

    Raise PaymentProviderError when PayPal refuses (not approved yet, declined) or cannot be reached.
    """
    client = _client()
    try:
        order = client.orders.capture_order(
            {"id": paypal_order_id, "paypal_request_id": f"capture-{reference}", "prefer": "return=representation"}
        ).body
    except ApiException as exc:
        if ALREADY_CAPTURED not in (exc.response.text or ""):
            raise _failure("the capture", exc) from exc
        try:
            order = client.orders.get_order({"id": paypal_order_id}).body
        except SDK_ERRORS as again:
            raise _failure("the capture", again) from again
    except (AuthValidationException, requests.RequestException) as exc:
        raise _failure("the capture", exc) from exc
    captures = [
        capture
        for unit in order.purchase_units or []
        for capture in ((unit.payments.captures or []) if getattr(unit, "payments", None) else [])
    ]
    if not captures:
        raise PaymentProviderError(f"PayPal returned no capture for order {paypal_order_id}.")
    capture = captures[0]
    return Capture(
        id=capture.id,
        status=capture.status,
        amount_cents=parse_amount(capture.amount.value, capture.amount.currency_code),
    )


def refund_capture(*, capture_id: str, amount_cents: int, currency: str, request_id: str) -> Refund:
    """Refund `amount_cents` of a capture; raise PaymentProviderError when PayPal fails or is not configured.

    `request_id` (the PayPal-Request-Id) names this one refund: a retry with it gets PayPal's earlier refund back.
    """
    if not paypal_enabled():
        raise PaymentProviderError("PayPal is not configured (PAYPAL_CLIENT_ID); cannot refund.")
    body = RefundRequest(amount=Money(currency_code=currency, value=_amount(amount_cents, currency)))
    try:
        refund = (
            _client()
            .payments.refund_captured_payment(
                {
                    "capture_id": capture_id,
                    "paypal_request_id": request_id,
                    "prefer": "return=representation",
                    "body": body,
                }
            )
            .body
        )
    except SDK_ERRORS as exc:
        raise _failure("the refund", exc) from exc
    return Refund(id=refund.id, amount_cents=amount_cents, status=refund.status)


class _WebhooksController(BaseController):
    """The one Notifications API call the SDK lacks, built with the SDK's own request machinery."""

    def verify_webhook_signature(self, body: dict) -> dict:
        return (
            super()
            .new_api_call_builder.request(
                RequestBuilder()
                .server(Server.DEFAULT)
                .path("/v1/notifications/verify-webhook-signature")
                .http_method(HttpMethodEnum.POST)
                .header_param(Parameter().key("Content-Type").value("application/json"))
                .header_param(Parameter().key("accept").value("application/json"))
                .body_param(Parameter().value(body))
                .body_serializer(APIHelper.json_serialize)
                .auth(Single("Oauth2"))
            )
            .response(
                ResponseHandler().deserializer(APIHelper.json_deserialize).local_error("default", "", ApiException)
            )
            .execute()
        )


def verify_webhook(*, payload: bytes, headers) -> dict:
    """Parse a webhook body after PayPal confirmed its signature for PAYPAL_WEBHOOK_ID.

    Raise InvalidPayPalSignature (400) for missing headers, a body that is not an event, or PayPal's FAILURE;
    PaymentProviderError (502) when PayPal cannot be asked (PayPal retries the delivery later).
    """
    if not (paypal_enabled() and settings.PAYPAL_WEBHOOK_ID):
        raise InvalidPayPalSignature("PayPal webhooks are not configured (PAYPAL_WEBHOOK_ID).")
    signature = {name: headers.get(header, "") for name, header in SIGNATURE_HEADERS.items()}
    if not all(signature.values()):
        raise InvalidPayPalSignature("The PayPal transmission headers are missing.")
    try:
        event = json.loads(payload)
    except ValueError as exc:
        raise InvalidPayPalSignature("The body is not a PayPal event.") from exc
    if (
        not isinstance(event, dict)
        or not isinstance(event.get("id"), str)
        or not isinstance(event.get("event_type"), str)
    ):
        raise InvalidPayPalSignature("The body is not a PayPal event.")
    request = {**signature, "webhook_id": settings.PAYPAL_WEBHOOK_ID, "webhook_event": event}
    try:
        answer = _WebhooksController(_client().global_configuration).verify_webhook_signature(request)
    except SDK_ERRORS as exc:
        raise _failure("the webhook verification", exc) from exc
    if not isinstance(answer, dict) or answer.get("verification_status") != "SUCCESS":
        raise InvalidPayPalSignature("PayPal did not verify the webhook signature.")
    return event
