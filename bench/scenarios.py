"""The benchmark scenarios: HTTP reads against the running server, checkout and webhook delivery in-process."""

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


def worker_scenarios(*, checkouts: int, deliveries: int) -> list[str]:
    return [checkout_rate(checkouts), webhook_delivery_rate(deliveries)]


def checkout_rate(count: int) -> str:
    """Carts of one line checked out with a manual payment method, one after another."""
    from orders.services.carts import create_cart
    from orders.services.checkout import check_out_cart
    from shopplatform.accounts.services import ensure_customer
    from shopplatform.store.models import PaymentMethod, Store

    PaymentMethod.objects.update_or_create(store=Store.load(), method="bank_transfer", defaults={"active": True})
    user, _ = get_user_model().objects.get_or_create(username="bench-buyer", defaults={"email": "bench@example.com"})
    customer = ensure_customer(user=user)
    products = list(Product.objects.filter(stock_quantity__gte=50).values_list("public_id", flat=True)[:count])
    address = {
        "name": "Bench Buyer",
        "address": "Rua 1",
        "city": "Lisboa",
        "zip_code": "1000-001",
        "country_code": "PRT",
    }
    carts = [
        create_cart(customer=customer, delivery_address=address, lines=[{"product": public_id, "quantity": 1}])
        for public_id in products
    ]
    started = time.perf_counter()
    for cart in carts:
        check_out_cart(cart=cart, payment_method="bank_transfer")
    seconds = time.perf_counter() - started
    return f"{'checkout (bank transfer)':<28} {len(carts) / seconds:>9.1f} orders/s   ({len(carts)} orders)"


class _Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


def webhook_delivery_rate(count: int) -> str:
    """Events emitted and delivered, signed, to a loopback receiver (eager Celery: one worker's work)."""
    from webhooks.events import emit_event
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
