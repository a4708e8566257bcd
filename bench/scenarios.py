"""The benchmark scenarios: HTTP reads and parallel checkouts against the running server, webhook delivery in-process."""

import http.client
import json
import statistics
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from django.contrib.auth import get_user_model
from django.db import transaction

from bench.load import Result, run
from catalog.models import Product


def http_scenarios(port: int, *, total: int, concurrency: int) -> list[Result]:
    slugs = list(Product.objects.order_by("?").values_list("slug", flat=True)[:200])
    scenarios = [
        ("bare Django JSON (ceiling)", ["/bench/bare"]),
        ("product list, limit 25", [f"/api/v1/products?limit=25&page={page}" for page in range(1, 200)]),
        ("product list, limit 100", [f"/api/v1/products?limit=100&page={page}" for page in range(1, 200)]),
        ("product detail", [f"/api/v1/products/{slug}" for slug in slugs]),
        ("search", [f"/api/v1/search?q={word}" for word in ("oak", "linen+bowl", "ceramik", "poster", "brass+lamp")]),
    ]
    for _, paths in scenarios:  # warm the connection pools and caches once
        run("warm-up", port, paths, total=len(paths[:20]) or 1, concurrency=1)
    return [run(name, port, paths, total=total, concurrency=concurrency) for name, paths in scenarios]


ADDRESS = {"name": "Bench Buyer", "address": "Rua 1", "city": "Lisboa", "zip_code": "1000-001", "country_code": "PRT"}


def parallel_checkout(port: int, *, stock: int, clients: int) -> list[str]:
    """`clients` threads check out one unit each of a product holding `stock` units, through the API, until it is
    sold out; then the orders are counted against the stock sold (no oversell)."""
    from orders.models import OrderLine
    from shopplatform.accounts.services import issue_api_key
    from shopplatform.store.models import PaymentMethod, Store

    PaymentMethod.objects.update_or_create(store=Store.load(), method="bank_transfer", defaults={"active": True})
    product = Product.objects.filter(slug__startswith="bench-product-").order_by("pk").first()
    Product.objects.filter(pk=product.pk).update(stock_enabled=True, stock_quantity=stock, stock_backorder=False)
    sold_before = OrderLine.objects.filter(product_public_id=product.public_id).count()
    user, _ = get_user_model().objects.get_or_create(username="bench-buyer", defaults={"email": "bench@example.com"})
    _, secret = issue_api_key(user=user, scopes="shop:read shop:write", rate_limit=10_000_000)
    headers = {"Authorization": f"Bearer {secret}", "Content-Type": "application/json"}
    cart_body = json.dumps({"lines": [{"product": product.public_id, "quantity": 1}], "delivery_address": ADDRESS})
    latencies, refused, lock = [], [0], threading.Lock()

    def client() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while True:
            connection.request("POST", "/api/v1/carts", cart_body, headers)
            created = connection.getresponse()
            cart = json.loads(created.read())
            if created.status != 201:
                raise SystemExit(f"cart creation answered {created.status}: {cart}")
            started = time.perf_counter()
            connection.request(
                "POST", f"/api/v1/carts/{cart['id']}/checkout", '{"payment_method": "bank_transfer"}', headers
            )
            response = connection.getresponse()
            response.read()
            with lock:
                if response.status in (200, 201):
                    latencies.append((time.perf_counter() - started) * 1000)
                else:
                    refused[0] += 1
                    return

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    sold = OrderLine.objects.filter(product_public_id=product.public_id).count() - sold_before
    left = Product.objects.get(pk=product.pk).stock_quantity
    result = Result(f"checkout ({clients} clients)", len(latencies), 0, seconds, latencies)
    return [
        f"{result.name:<28} {result.rps:>9.1f} orders/s   p50 {statistics.median(latencies):>7.1f} ms"
        f"   p95 {result.percentile(0.95):>7.1f} ms   (cart + checkout per order; checkout call timed)",
        f"{'  stock accounting':<28} {stock} units: {sold} orders, {left} left, {refused[0]} refused as sold out"
        f" -> {'OK' if sold == stock and left == 0 else 'OVERSOLD OR LOST'}",
    ]


class _Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


def webhook_delivery_rate(count: int) -> str:
    """Events emitted and delivered, signed, to a loopback receiver (eager Celery: one worker's work)."""
    from shopplatform.events import emit_event
    from webhooks.models import WebhookEndpoint
    from webhooks.services import create_endpoint

    server = ThreadingHTTPServer(("127.0.0.1", 0), _Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    owner, _ = get_user_model().objects.get_or_create(username="bench-merchant", defaults={"is_staff": True})
    WebhookEndpoint.objects.filter(owner=owner).delete()
    create_endpoint(owner=owner, url=f"http://127.0.0.1:{server.server_port}/hook", events=["product.updated"])
    started = time.perf_counter()
    for number in range(count):
        with transaction.atomic():
            emit_event("product.updated", obj={"id": f"prod_bench{number}", "title": "bench"})
    seconds = time.perf_counter() - started
    server.shutdown()
    return f"{'webhook deliveries':<28} {count / seconds:>9.1f} deliveries/s   ({count} signed POSTs)"
