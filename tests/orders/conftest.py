"""Orders fixtures: a store accepting every payment method, stocked products, a funded customer with a key,
a cart ready for checkout, and a local Stripe stand-in server so the real stripe library runs."""

import hashlib
import hmac
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest

from orders import services
from shopplatform.accounts.services import ensure_customer
from shopplatform.store.models import PaymentMethod, Store
from tests.accounts.factories import RegisteredCustomerFactory
from wallet.services import credit_wallet, wallet_for_customer

from .factories import ProductFactory, ShippingMethodFactory

STRIPE_WEBHOOK_SECRET = "whsec_test_secret"
DELIVERY = {
    "name": "Ana Silva",
    "address": "Rua Augusta 1",
    "city": "Lisboa",
    "zip_code": "1100-048",
    "country_code": "PRT",
}


@pytest.fixture
def store(db):
    store = Store.load()
    store.taxes_included = True
    store.save()
    for method in ("bank_transfer", "on_delivery", "pick_up"):
        PaymentMethod.objects.create(store=store, method=method, title=method.replace("_", " ").title())
    PaymentMethod.objects.create(store=store, method="credit_card", gateway="stripe", title="Card")
    return store


@pytest.fixture
def buyer(customer_user):
    """The customer behind `customer_client`'s key."""
    return ensure_customer(user=customer_user)


@pytest.fixture
def fund():
    """Credit a customer's wallet through the wallet service."""

    def credit(customer, amount_cents: int):
        return credit_wallet(wallet=wallet_for_customer(customer=customer), amount_cents=amount_cents, note="funds")

    return credit


@pytest.fixture
def product(store):
    return ProductFactory(price_cents=1000, tax_rate_bp=2300, stock_enabled=True, stock_quantity=5, weight=500)


@pytest.fixture
def courier(store):
    return ShippingMethodFactory(title="Courier", price_cents=500, countries=["PRT"])


@pytest.fixture
def make_cart(store):
    """A cart of `customer` with lines [(product, quantity)], delivery to Portugal and the courier (if given)."""

    def build(customer=None, items=(), shipping_method=None, **fields):
        customer = customer or RegisteredCustomerFactory()
        cart = services.create_cart(
            customer=customer,
            lines=[{"product": product.public_id, "quantity": quantity} for product, quantity in items],
            delivery_address=DELIVERY,
            **({"shipping_method": shipping_method} if shipping_method else {}),
            **fields,
        )
        return cart

    return build


class StripeStandIn(BaseHTTPRequestHandler):
    """The few Stripe endpoints orders use: create, retrieve and expire Checkout Sessions; create refunds.

    `fail_next` makes the next POST fail: True → a generic 400, a dict → that Stripe error object. Refunds honour
    the Idempotency-Key header as Stripe does (same key → the same refund).
    """

    sessions: dict = {}
    refunds: dict = {}
    fail_next: bool | dict = False

    def log_message(self, *args) -> None:  # keep test output quiet
        pass

    def _reply(self, status: int, body: dict) -> None:
        raw = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        form = {key: values[0] for key, values in parse_qs(self.rfile.read(length).decode()).items()}
        if type(self).fail_next:
            error = type(self).fail_next if isinstance(type(self).fail_next, dict) else {}
            type(self).fail_next = False
            self._reply(400, {"error": {"type": "invalid_request_error", "message": "Declined by stand-in", **error}})
            return
        if self.path == "/v1/refunds":
            self._create_refund(form)
        elif self.path == "/v1/checkout/sessions":
            session_id = f"cs_test_{len(self.sessions) + 1:04d}"
            session = {
                "id": session_id,
                "object": "checkout.session",
                "url": f"https://checkout.stripe.test/pay/{session_id}",
                "payment_intent": f"pi_test_{len(self.sessions) + 1:04d}",
                "client_reference_id": form.get("client_reference_id"),
                "amount_total": int(form.get("line_items[0][price_data][unit_amount]", 0)),
                "currency": form.get("line_items[0][price_data][currency]"),
                "customer_email": form.get("customer_email"),
                "payment_status": "unpaid",
                "status": "open",
                "form": form,
            }
            self.sessions[session_id] = session
            self._reply(200, session)
        elif self.path.endswith("/expire"):
            session = self.sessions[self.path.split("/")[-2]]
            session["status"] = "expired"
            self._reply(200, session)
        else:
            self._reply(404, {"error": {"type": "invalid_request_error", "message": "No such path"}})

    def _create_refund(self, form: dict) -> None:
        key = self.headers.get("Idempotency-Key") or f"no-key-{len(self.refunds)}"
        if key not in self.refunds:
            self.refunds[key] = {
                "id": f"re_test_{len(self.refunds) + 1:04d}",
                "object": "refund",
                "amount": int(form["amount"]),
                "currency": "eur",
                "payment_intent": form["payment_intent"],
                "metadata": {"order_id": form.get("metadata[order_id]")},
                "status": "succeeded",
            }
        self._reply(200, self.refunds[key])

    def do_GET(self) -> None:
        session = self.sessions.get(self.path.rsplit("/", 1)[-1])
        self._reply(200 if session else 404, session or {"error": {"message": "No such session"}})


@pytest.fixture
def stripe_server(settings):
    """Run the stand-in on 127.0.0.1 and point the stripe library at it."""
    StripeStandIn.sessions = {}
    StripeStandIn.refunds = {}
    StripeStandIn.fail_next = False
    server = ThreadingHTTPServer(("127.0.0.1", 0), StripeStandIn)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.STRIPE_SECRET_KEY = "sk_test_standin"
    settings.STRIPE_WEBHOOK_SECRET = STRIPE_WEBHOOK_SECRET
    settings.STRIPE_API_BASE = f"http://127.0.0.1:{server.server_address[1]}"
    yield StripeStandIn
    server.shutdown()
    server.server_close()


def stripe_signature(payload: bytes, secret: str = STRIPE_WEBHOOK_SECRET, timestamp: int | None = None) -> str:
    """Stripe's documented recipe: t=<unix>,v1=<hex HMAC-SHA256 of "t.payload">."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + payload, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


@pytest.fixture
def send_stripe_event(anonymous_client):
    """POST a signed Stripe event about a Checkout Session to the webhook endpoint."""

    def send(event_type: str, session: dict, *, event_id: str = "evt_1", signature: str | None = None):
        payload = json.dumps(
            {"id": event_id, "object": "event", "type": event_type, "data": {"object": session}}
        ).encode()
        return anonymous_client.post(
            "/api/v1/payments/stripe/webhook",
            data=payload,
            content_type="application/json",
            HTTP_STRIPE_SIGNATURE=signature or stripe_signature(payload),
        )

    return send


@pytest.fixture
def place_order(make_cart, product, courier):
    """Check out a new cart of one unit of `product` for a new customer with a manual method; return the order."""

    def place(payment_method="bank_transfer", customer=None, quantity=1, **cart_fields):
        cart = make_cart(customer, [(product, quantity)], shipping_method=courier.public_id, **cart_fields)
        order, _ = services.check_out_cart(cart=cart, payment_method=payment_method)
        return order

    return place


@pytest.fixture
def invoice_storage(settings, tmp_path):
    """Issued invoices go to a temporary directory; returns it."""
    settings.STORAGES = {
        **settings.STORAGES,
        "invoices": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path)}},
    }
    return tmp_path


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run an operation and then its after-commit work (the e-mail tasks), as a committed request would."""

    def run(operation, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return operation(*args, **kwargs)

    return run
