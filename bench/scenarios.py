"""The benchmark scenarios: HTTP reads and parallel checkouts against the running server, webhook delivery in-process."""

import http.client
import json
import random
import statistics
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from django.contrib.auth import get_user_model
from django.db import transaction

from bench.load import Result, run
from catalog.models import Category, Product

# Share of the bare view each read scenario must reach; None: reported, no target.
READ_TARGETS = {
    "product list, 25": 0.25,
    "product list, 100": None,
    "product detail": 0.40,
    "search": 0.25,
    "store home page": 0.20,
    "store category page": 0.20,
}
CHECKOUT_TARGET = 100  # orders per second, 8 parallel API clients
DELIVERY_TARGET = 500  # webhook deliveries per second per worker


def target_verdict(value: float, target: float) -> str:
    return "ok" if value >= target else f"UNDER TARGET ({target})"


# Every ordering the product list offers, both directions (the default is `position`).
LIST_ORDERINGS = ["", "price", "-price", "title", "-title", "created_at", "-created_at", "updated_at", "-updated_at"]
PAGE_SORTS = ["", "newest", "price", "-price", "title"]


def cold(paths: list[str], total: int) -> list[str]:
    """`total` distinct URLs where the scenario has that many (each requested once: no response cache answers)."""
    return paths[:total] if len(paths) >= total else paths


def http_scenarios(port: int, *, total: int, concurrency: int, words: list[str]) -> list[Result]:
    """The bare view, then every read scenario with URLs that differ per request (pages, orderings, products,
    words), so what is measured is the work of a request, not a cached answer."""
    products = Product.objects.count()
    slugs = list(Product.objects.order_by("?").values_list("slug", flat=True)[: total + 20])
    categories = list(Category.objects.filter(slug__startswith="bench-").values_list("slug", flat=True))
    pages_25 = max(1, min(products // 25, 400))
    pages_100 = max(1, min(products // 100, 200))
    list_25 = [
        f"/api/v1/products?limit=25&page={page}" + (f"&ordering={order}" if order else "")
        for page in range(1, pages_25 + 1)
        for order in LIST_ORDERINGS
    ]
    list_100 = [
        f"/api/v1/products?limit=100&page={page}" + (f"&ordering={order}" if order else "")
        for page in range(1, pages_100 + 1)
        for order in LIST_ORDERINGS
    ]
    per_category = max(1, products // max(len(categories), 1) // 24)
    category_pages = [
        f"/category/{slug}?page={page}" + (f"&sort={sort}" if sort else "")
        for page in range(1, min(per_category, 40) + 1)
        for sort in PAGE_SORTS
        for slug in categories
    ]
    shuffle = random.Random(16).shuffle
    for paths in (list_25, list_100, category_pages):
        shuffle(paths)
    searches = [f"/api/v1/search?q={word}" for word in words]
    shuffle(searches)
    scenarios = [
        ("bare Django JSON (ceiling)", ["/bench/bare"]),
        ("product list, 25", cold(list_25, total)),
        ("product list, 100", cold(list_100, total)),
        ("product detail", [f"/api/v1/products/{slug}" for slug in slugs[20:]]),
        ("search", cold(searches[20:], total)),
        ("store home page", ["/"]),  # one URL; nothing caches whole pages
        ("store category page", cold(category_pages[20:], total)),
    ]
    warm = {  # start the workers, fill the connection pools and per-process state with URLs not measured after
        "product detail": [f"/api/v1/products/{slug}" for slug in slugs[:20]],
        "search": searches[:20],
        "store category page": category_pages[:20],
    }
    for name, paths in scenarios:
        run("warm-up", port, warm.get(name, paths[:20]), total=20, concurrency=2)
    return [run(name, port, paths, total=total, concurrency=concurrency) for name, paths in scenarios]


def ratio_rows(results: list[Result]) -> list[str]:
    """Each read scenario as a share of the bare view, flagged when under its target."""
    bare = results[0].rps or 1.0
    rows = []
    for result in results[1:]:
        target = READ_TARGETS.get(result.name)
        share = result.rps / bare
        verdict = "" if target is None else ("ok" if share >= target else f"UNDER TARGET ({target:.0%})")
        rows.append(f"{result.name:<28} {share:>8.1%} of the bare view   {verdict}")
    return rows


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
        f"   p95 {result.percentile(0.95):>7.1f} ms   (cart + checkout per order; checkout call timed)"
        f"   {target_verdict(result.rps, CHECKOUT_TARGET)}",
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
    rate = count / seconds
    return (
        f"{'webhook deliveries':<28} {rate:>9.1f} deliveries/s   ({count} signed POSTs)"
        f"   {target_verdict(rate, DELIVERY_TARGET)}"
    )
