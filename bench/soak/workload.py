"""The mixed workload: browsing and search, carts and checkouts (wallet, card, bank transfer), concurrent wallet
transfers, media uploads, merchant status changes; every write retried with its Idempotency-Key at the *other*
web instance, every card payment confirmed by a signed Stripe event sent to both instances.

Each actor is a thread with its own keep-alive connections; it loops until the deadline or its iteration cap. Every
response and every connection failure is recorded with the time, so 5xx answers can be matched to fault windows.
"""

import base64
import http.client
import io
import json
import random
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field

from PIL import Image

from tests.orders.conftest import stripe_signature

from .seed import Seeded

ADDRESS = {"name": "Soak Buyer", "address": "Rua 1", "city": "Lisboa", "zip_code": "1000-001", "country_code": "PRT"}
MAX_ITERATIONS = 5_000
CHECKOUT_METHODS = ("wallet", "card", "bank_transfer")
REQUEST_TIMEOUT_SECONDS = 30


@dataclass
class Outcome:
    at: float
    instance: int
    action: str
    status: int | None  # None: the connection failed
    kind: str  # "2xx", "4xx:<code>", "503 problem+json", "503 outage page", "5xx other", "connection refused", …
    detail: str = ""


@dataclass
class Ledger:
    """What the workload did and saw, shared by every actor thread."""

    outcomes: list[Outcome] = field(default_factory=list)
    orders: dict[str, str] = field(default_factory=dict)  # order id → payment method
    stripe_events: dict[str, str] = field(default_factory=dict)  # event id → order id, each sent to both instances
    retry_mismatches: list[str] = field(default_factory=list)
    retries_compared: int = 0
    media: list[str] = field(default_factory=list)
    transfers: Counter = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, outcome: Outcome) -> None:
        with self.lock:
            self.outcomes.append(outcome)


def describe(status: int, headers: dict, body: bytes, path: str) -> str:
    """What kind of answer it was. A dependency that is down answers 503 with Retry-After: problem+json under /api/,
    the short outage page elsewhere (shopplatform.api.outages)."""
    if status < 400:
        return f"{status // 100}xx"
    problem = headers.get("content-type", "").startswith("application/problem+json")
    if status == 503 and not path.startswith("/api/") and "retry-after" in headers and not problem:
        return "503 outage page"
    if status >= 500:
        return f"{status} problem+json" if problem else f"{status} other"
    code = ""
    if problem:
        try:
            code = json.loads(body).get("code", "")
        except ValueError:
            code = "unparsable"
    return f"{status} {code}".strip()


class Client:
    """Keep-alive connections to the web instances; failures are recorded, never raised."""

    def __init__(self, ports: list[int], ledger: Ledger, *, secret: str = "") -> None:
        self.ports, self.ledger, self.secret = ports, ledger, secret
        self.connections: dict[int, http.client.HTTPConnection] = {}

    def send(self, instance: int, action: str, method: str, path: str, body=None, headers=None):
        """Return (status, lower-cased headers, body) or None when the connection failed."""
        port = self.ports[instance]
        raw = body if isinstance(body, bytes) else (json.dumps(body).encode() if body is not None else None)
        sent_headers = {"Content-Type": "application/json", **(headers or {})}
        if self.secret:
            sent_headers.setdefault("Authorization", f"Bearer {self.secret}")
        connection = self.connections.get(port) or http.client.HTTPConnection(
            "127.0.0.1", port, timeout=REQUEST_TIMEOUT_SECONDS
        )
        self.connections[port] = connection
        try:
            connection.request(method, path, raw, sent_headers)
            response = connection.getresponse()
            content = response.read()
        except (OSError, http.client.HTTPException) as error:
            connection.close()
            self.connections.pop(port, None)
            kind = "connection refused" if isinstance(error, ConnectionRefusedError) else type(error).__name__
            self.ledger.record(Outcome(time.monotonic(), instance, action, None, kind))
            return None
        answer_headers = {name.lower(): value for name, value in response.getheaders()}
        kind = describe(response.status, answer_headers, content, path)
        detail = content[:300].decode(errors="replace") if response.status >= 500 else ""
        self.ledger.record(Outcome(time.monotonic(), instance, action, response.status, kind, detail))
        return response.status, answer_headers, content

    def close(self) -> None:
        for connection in self.connections.values():
            connection.close()


def noise_jpeg(rng: random.Random, size: int) -> bytes:
    """A JPEG no other upload shares (its checksum is new), slow enough to process to be caught mid-task."""
    image = Image.effect_noise((size, size), 40 + rng.randint(0, 40)).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


class Workload:
    def __init__(self, *, ports: list[int], seeded: Seeded, stripe, seed: int) -> None:
        self.ports, self.seeded, self.stripe = ports, seeded, stripe
        self.ledger = Ledger()
        self.random = random.Random(seed)
        self.stop_at = 0.0
        self.media_size = 600
        self.unpaid_orders: list[str] = []  # bank-transfer orders for the merchant to settle

    def running(self, iteration: int) -> bool:
        return iteration < MAX_ITERATIONS and time.monotonic() < self.stop_at

    def other(self, instance: int) -> int:
        return 1 - instance

    # --- actors ---------------------------------------------------------------------------------------------
    def browse(self, rng: random.Random) -> None:
        client = Client(self.ports, self.ledger)
        paths = ["/api/v1/products?limit=10", "/api/v1/search?q=oak", "/"]
        paths += [f"/api/v1/products/{slug}" for slug in self.seeded.slugs]
        iteration = 0
        while self.running(iteration):
            iteration += 1
            client.send(iteration % 2, "browse", "GET", rng.choice(paths))
            time.sleep(rng.uniform(0.05, 0.3))
        client.close()

    def buy(self, rng: random.Random, buyer) -> None:
        client = Client(self.ports, self.ledger, secret=buyer.secret)
        products = list(self.seeded.products)
        iteration = 0
        while self.running(iteration):
            iteration += 1
            instance = iteration % 2
            lines = [{"product": rng.choice(products), "quantity": rng.randint(1, 2)}]
            cart = client.send(instance, "cart", "POST", "/api/v1/carts", {"lines": lines, "delivery_address": ADDRESS})
            if cart and cart[0] == 201:
                self._check_out(client, rng, instance, json.loads(cart[2])["id"])
            time.sleep(rng.uniform(0.1, 0.4))
        client.close()

    def _check_out(self, client: Client, rng: random.Random, instance: int, cart_id: str) -> None:
        method = rng.choice(CHECKOUT_METHODS)
        key = {"Idempotency-Key": f"soak-{uuid.uuid4().hex}"}
        path, body = f"/api/v1/carts/{cart_id}/checkout", {"payment_method": method}
        first = client.send(instance, f"checkout {method}", "POST", path, body, key)
        if first is None or first[0] >= 500:
            return
        retry = client.send(self.other(instance), "checkout retry", "POST", path, body, key)
        if retry is not None and retry[0] < 500:
            with self.ledger.lock:
                self.ledger.retries_compared += 1
                if (retry[0], retry[2]) != (first[0], first[2]):
                    self.ledger.retry_mismatches.append(
                        f"{path} key {key['Idempotency-Key']}: first {first[0]} {first[2][:120]!r}, "
                        f"retry {retry[0]} {retry[2][:120]!r}"
                    )
        if first[0] != 201:
            return
        order_id = json.loads(first[2])["id"]
        with self.ledger.lock:
            self.ledger.orders[order_id] = method
            if method == "bank_transfer":
                self.unpaid_orders.append(order_id)
        if method == "card":
            self._pay_by_card(instance, order_id)

    def _pay_by_card(self, instance: int, order_id: str) -> None:
        session = self.stripe.session_of(order_id)
        if session is None:
            return
        event_id = f"evt_soak_{uuid.uuid4().hex[:16]}"
        completed = {**{k: v for k, v in session.items() if k != "form"}, "payment_status": "paid"}
        payload = json.dumps(
            {"id": event_id, "object": "event", "type": "checkout.session.completed", "data": {"object": completed}}
        ).encode()
        with self.ledger.lock:
            self.ledger.stripe_events[event_id] = order_id
        client = Client(self.ports, self.ledger)  # Stripe signs; it holds no API key
        for target in (instance, self.other(instance)):  # Stripe retries; the duplicate lands on the other one
            for _ in range(5):  # until one of them took it (a fault may be under way)
                answer = client.send(
                    target, "stripe webhook", "POST", "/api/v1/payments/stripe/webhook", payload,
                    {"Stripe-Signature": stripe_signature(payload)},
                )  # fmt: skip
                if answer is not None and answer[0] < 500:
                    break
                time.sleep(1)
        client.close()

    def transfer(self, rng: random.Random) -> None:
        parties = self.seeded.transfer_parties
        clients = [Client(self.ports, self.ledger, secret=party.secret) for party in parties]
        iteration = 0
        while self.running(iteration):
            iteration += 1
            sender, recipient = rng.sample(range(len(parties)), 2)
            body = {"to": parties[recipient].email, "amount_cents": rng.randint(100, 3000)}
            key = {"Idempotency-Key": f"soak-{uuid.uuid4().hex}"}
            answer = clients[sender].send(rng.randint(0, 1), "transfer", "POST", "/api/v1/wallet/transfers", body, key)
            if answer is not None:
                with self.ledger.lock:
                    self.ledger.transfers[answer[0]] += 1
            time.sleep(rng.uniform(0.05, 0.25))
        for client in clients:
            client.close()

    def upload_media(self, rng: random.Random) -> None:
        client = Client(self.ports, self.ledger, secret=self.seeded.staff_secret)
        iteration = 0
        while self.running(iteration):
            iteration += 1
            data = base64.b64encode(noise_jpeg(rng, self.media_size)).decode()
            body = {"file": data, "name": f"soak-{iteration}.jpg"}
            answer = client.send(iteration % 2, "media upload", "POST", "/api/v1/media", body)
            if answer is not None and answer[0] in (200, 202):
                with self.ledger.lock:
                    self.ledger.media.append(json.loads(answer[2])["id"])
            time.sleep(rng.uniform(0.5, 1.5))
        client.close()

    def upload_burst(self, *, count: int, size: int) -> None:
        """Upload `count` large images at once, so a worker is surely processing one for a while."""
        client = Client(self.ports, self.ledger, secret=self.seeded.staff_secret)
        rng = random.Random(size)
        for number in range(count):
            body = {"file": base64.b64encode(noise_jpeg(rng, size)).decode(), "name": f"soak-large-{number}.jpg"}
            answer = client.send(number % 2, "media upload", "POST", "/api/v1/media", body)
            if answer is not None and answer[0] in (200, 202):
                with self.ledger.lock:
                    self.ledger.media.append(json.loads(answer[2])["id"])
        client.close()

    def merchant(self, rng: random.Random) -> None:
        """Settle bank transfers (mostly paid, some canceled), ship what is processing."""
        client = Client(self.ports, self.ledger, secret=self.seeded.staff_secret)
        to_ship: list[str] = []
        iteration = 0
        while self.running(iteration):
            iteration += 1
            with self.ledger.lock:
                order_id = self.unpaid_orders.pop(0) if self.unpaid_orders else None
            instance = iteration % 2
            if order_id:
                change = {"status": "canceled"} if rng.random() < 0.25 else {"paid": True}
                answer = client.send(instance, "order status", "PATCH", f"/api/v1/orders/{order_id}", change)
                if answer is not None and answer[0] == 200 and "paid" in change:
                    to_ship.append(order_id)
            elif to_ship:
                client.send(instance, "order status", "PATCH", f"/api/v1/orders/{to_ship.pop(0)}", {"status": "sent"})
            else:
                client.send(instance, "order list", "GET", "/api/v1/orders?limit=10")
            time.sleep(rng.uniform(0.2, 0.5))
        client.close()

    # --- the whole mix --------------------------------------------------------------------------------------
    def start(self, *, seconds: float) -> list[threading.Thread]:
        self.stop_at = time.monotonic() + seconds
        rng = self.random
        actors = [
            (self.browse, (random.Random(rng.random()),)),
            (self.browse, (random.Random(rng.random()),)),
            *[(self.buy, (random.Random(rng.random()), buyer)) for buyer in self.seeded.buyers],
            (self.transfer, (random.Random(rng.random()),)),
            (self.transfer, (random.Random(rng.random()),)),
            (self.upload_media, (random.Random(rng.random()),)),
            (self.merchant, (random.Random(rng.random()),)),
        ]
        threads = [threading.Thread(target=target, args=args, daemon=True) for target, args in actors]
        for thread in threads:
            thread.start()
        return threads

    def stop(self, threads: list[threading.Thread]) -> None:
        self.stop_at = 0.0
        for thread in threads:
            thread.join(timeout=REQUEST_TIMEOUT_SECONDS + 5)


def probe_shared_rate_limit(ports: list[int], new_secret, limit: int) -> tuple[int, int, bool]:
    """Send limit + 10 reads alternating between the instances inside one window; return (accepted, sent, one
    window). With the count shared in Redis exactly `limit` pass; per-process counts would let about twice through.
    A probe that straddled two one-minute windows is sent again, with a fresh key from `new_secret()`."""
    for _ in range(3):
        accepted, sent, one_window = _probe_rate_limit_once(ports, new_secret(), limit)
        if one_window:
            break
    return accepted, sent, one_window


def _probe_rate_limit_once(ports: list[int], secret: str, limit: int) -> tuple[int, int, bool]:
    ledger = Ledger()
    client = Client(ports, ledger, secret=secret)
    accepted, resets = 0, set()
    sent = limit + 10
    for number in range(sent):
        answer = client.send(number % 2, "rate limit probe", "GET", "/api/v1/products?limit=1")
        if answer is None:
            continue
        resets.add(answer[1].get("x-ratelimit-reset"))
        accepted += answer[0] == 200
    client.close()
    return accepted, sent, len(resets) == 1
