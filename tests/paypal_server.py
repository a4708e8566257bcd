"""A local stand-in for PayPal's REST API, so the official `paypal-server-sdk` runs for real in tests.

It answers what orders.payments.paypal calls: the OAuth token (client credentials checked), Orders v2 create / get
/ capture, Payments v2 refund, and Notifications' verify-webhook-signature, plus the buyer's approval page
(`GET /checkoutnow?token=<order id>`: marks the order approved and redirects to its return_url with `token` and
`PayerID`, as PayPal does). Writes honour the PayPal-Request-Id header the way PayPal documents it: the same id
answers the same result again. A capture of an already captured order under another id is refused with
ORDER_ALREADY_CAPTURED (422), one of an unapproved order with ORDER_NOT_APPROVED (422).

Webhook signatures: the stand-in "signs" with HMAC-SHA256 over `transmission_id|transmission_time|webhook_id|
crc32(event JSON)` under a key only it and `sign_webhook` know; verify-webhook-signature recomputes it and answers
SUCCESS or FAILURE. (PayPal signs with its private key and a certificate at `cert_url`; the shape of the exchange
is the same.)
"""

import base64
import hashlib
import hmac
import json
import threading
import zlib
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

CLIENT_ID = "paypal-client-standin"
CLIENT_SECRET = "paypal-secret-standin"
WEBHOOK_ID = "WH-STANDIN-1"
_SIGNING_KEY = b"stand-in signing key"


def _canonical(event: dict) -> bytes:
    return json.dumps(event, sort_keys=True, separators=(",", ":")).encode()


def _signature(transmission_id: str, transmission_time: str, webhook_id: str, event: dict) -> str:
    message = f"{transmission_id}|{transmission_time}|{webhook_id}|{zlib.crc32(_canonical(event))}"
    return base64.b64encode(hmac.new(_SIGNING_KEY, message.encode(), hashlib.sha256).digest()).decode()


def sign_webhook(event: dict, *, transmission_id: str = "tx-1", webhook_id: str = WEBHOOK_ID) -> dict:
    """The headers PayPal would send with `event` (as Django test-client extra headers)."""
    transmission_time = "2026-12-01T12:00:00Z"
    return {
        "HTTP_PAYPAL_AUTH_ALGO": "SHA256withRSA",
        "HTTP_PAYPAL_CERT_URL": "https://api.sandbox.paypal.com/v1/notifications/certs/CERT-standin",
        "HTTP_PAYPAL_TRANSMISSION_ID": transmission_id,
        "HTTP_PAYPAL_TRANSMISSION_TIME": transmission_time,
        "HTTP_PAYPAL_TRANSMISSION_SIG": _signature(transmission_id, transmission_time, webhook_id, event),
    }


class PayPalStandIn(BaseHTTPRequestHandler):
    """State lives on the class (reset by `paypal_stand_in`): orders, refunds, replies by request id, calls seen."""

    orders: dict = {}
    refunds: dict = {}
    replies: dict = {}
    calls: list = []
    fail_next: bool = False

    def log_message(self, *args) -> None:  # keep test output quiet
        pass

    @property
    def base(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def _reply(self, status: int, body: dict) -> None:
        raw = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    def _error(self, status: int, issue: str) -> None:
        self._reply(status, {"name": "UNPROCESSABLE_ENTITY", "message": issue, "details": [{"issue": issue}]})

    def _authorized(self) -> bool:
        return self.headers.get("Authorization") == "Bearer standin-access-token"

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        type(self).calls.append(("GET", url.path, None))
        if url.path == "/checkoutnow":
            self._approve(parse_qs(url.query).get("token", [""])[0])
        elif url.path.startswith("/v2/checkout/orders/") and self._authorized():
            order = self.orders.get(url.path.rsplit("/", 1)[-1])
            self._reply(200, order) if order else self._error(404, "RESOURCE_NOT_FOUND")
        else:
            self._error(404, "RESOURCE_NOT_FOUND")

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)
        path = urlsplit(self.path).path
        request_id = self.headers.get("PayPal-Request-Id")
        type(self).calls.append(("POST", path, request_id))
        if path == "/v1/oauth2/token":
            self._token()
            return
        if not self._authorized():
            self._reply(401, {"error": "invalid_token", "error_description": "Token signature verification failed"})
            return
        if type(self).fail_next:
            type(self).fail_next = False
            self._error(500, "INTERNAL_SERVICE_ERROR")
            return
        if request_id and (path, request_id) in self.replies:
            self._reply(*self.replies[(path, request_id)])
            return
        body = json.loads(raw or b"{}")
        if path == "/v2/checkout/orders":
            reply = self._create_order(body)
        elif path.endswith("/capture"):
            reply = self._capture(path.split("/")[-2])
        elif path.startswith("/v2/payments/captures/") and path.endswith("/refund"):
            reply = self._refund(path.split("/")[-2], body)
        elif path == "/v1/notifications/verify-webhook-signature":
            reply = self._verify(body)
        else:
            reply = (404, {"name": "RESOURCE_NOT_FOUND", "message": path})
        if request_id and reply[0] < 300:
            self.replies[(path, request_id)] = reply
        self._reply(*reply)

    def _token(self) -> None:
        expected = base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
        if self.headers.get("Authorization") != f"Basic {expected}":
            self._reply(401, {"error": "invalid_client", "error_description": "Client Authentication failed"})
            return
        self._reply(
            200, {"access_token": "standin-access-token", "token_type": "Bearer", "expires_in": 32400, "scope": "x"}
        )

    def _create_order(self, body: dict) -> tuple[int, dict]:
        order_id = f"PAYPAL{len(self.orders) + 1:012d}"
        context = body["payment_source"]["paypal"]["experience_context"]
        order = {
            "id": order_id,
            "intent": body["intent"],
            "status": "PAYER_ACTION_REQUIRED",
            "purchase_units": body["purchase_units"],
            "return_url": context["return_url"],
            "cancel_url": context["cancel_url"],
            "links": [
                {"href": f"{self.base}/v2/checkout/orders/{order_id}", "rel": "self", "method": "GET"},
                {"href": f"{self.base}/checkoutnow?token={order_id}", "rel": "payer-action", "method": "GET"},
            ],
        }
        self.orders[order_id] = order
        return 200, order

    def _approve(self, order_id: str) -> None:
        order = self.orders.get(order_id)
        if order is None:
            self._error(404, "RESOURCE_NOT_FOUND")
            return
        if order["status"] == "PAYER_ACTION_REQUIRED":
            order["status"] = "APPROVED"
        self.send_response(302)
        self.send_header("Location", f"{order['return_url']}?{urlencode({'token': order_id, 'PayerID': 'PAYER1'})}")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _capture(self, order_id: str) -> tuple[int, dict]:
        order = self.orders.get(order_id)
        if order is None:
            return 404, {"name": "RESOURCE_NOT_FOUND", "message": order_id, "details": []}
        if order["status"] == "COMPLETED":
            issue = "ORDER_ALREADY_CAPTURED"
            return 422, {"name": "UNPROCESSABLE_ENTITY", "message": issue, "details": [{"issue": issue}]}
        if order["status"] != "APPROVED":
            issue = "ORDER_NOT_APPROVED"
            return 422, {"name": "UNPROCESSABLE_ENTITY", "message": issue, "details": [{"issue": issue}]}
        unit = order["purchase_units"][0]
        capture = {
            "id": f"CAPTURE{len(self.orders):010d}",
            "status": "COMPLETED",
            "amount": unit["amount"],
            "custom_id": unit.get("custom_id"),
            "final_capture": True,
        }
        order["status"] = "COMPLETED"
        unit["payments"] = {"captures": [capture]}
        return 201, order

    def _refund(self, capture_id: str, body: dict) -> tuple[int, dict]:
        refund = {
            "id": f"REFUND{len(self.refunds) + 1:010d}",
            "status": "COMPLETED",
            "amount": body.get("amount"),
            "capture_id": capture_id,
        }
        self.refunds[refund["id"]] = refund
        return 201, refund

    def _verify(self, body: dict) -> tuple[int, dict]:
        expected = _signature(
            body.get("transmission_id", ""),
            body.get("transmission_time", ""),
            body.get("webhook_id", ""),
            body.get("webhook_event") or {},
        )
        verified = body.get("webhook_id") == WEBHOOK_ID and hmac.compare_digest(
            expected, body.get("transmission_sig", "")
        )
        return 200, {"verification_status": "SUCCESS" if verified else "FAILURE"}


@contextmanager
def paypal_stand_in():
    """Run the stand-in on a free loopback port; yield (handler class with its state, base URL)."""
    PayPalStandIn.orders, PayPalStandIn.refunds, PayPalStandIn.replies = {}, {}, {}
    PayPalStandIn.calls, PayPalStandIn.fail_next = [], False
    server = ThreadingHTTPServer(("127.0.0.1", 0), PayPalStandIn)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield PayPalStandIn, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
