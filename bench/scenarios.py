"""The benchmark scenarios: HTTP reads and parallel checkouts against the running server, webhook delivery in-process."""

import http.client
import json
import multiprocessing
import random
import statistics
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from django.contrib.auth import get_user_model
from django.db import transaction

from bench.load import Result, run
from bench.targets import CHECKOUT_TARGET, DELIVERY_TARGET, READ_TARGETS, SEARCH_P95_TARGET_MS
from catalog.models import Category, Product


def target_verdict(value: float, target: float) -> str:
    return "ok" if value >= target else f"UNDER TARGET ({target})"


# Every ordering the product list offers, both directions (the default is `position`).
LIST_ORDERINGS = ["", "price", "-price", "title", "-title", "created_at", "-created_at", "updated_at", "-updated_at"]
PAGE_SORTS = ["", "newest", "price", "-price", "title"]


# One search in this many is mistyped (two neighbouring letters swapped), as buyers type: a word the catalog does
# not hold is looked up among the known words within reach (catalog.search.close_words).
MISTYPED_EVERY = 5


def search_paths(words: list[str]) -> list[str]:
    """A search per word, in the order the rounds take them (the latency figure takes the last)."""
    rng = random.Random(16)
    searches = [
        f"/api/v1/search?q={mistyped(word, rng) if number % MISTYPED_EVERY == 0 else word}"
        for number, word in enumerate(words)
    ]
    rng.shuffle(searches)
    return searches


def mistyped(word: str, rng: random.Random) -> str:
    """`word` with two neighbouring letters swapped (not the first), or as it is when shorter than 4 letters."""
    if len(word) < 4:
        return word
    at = rng.randrange(1, len(word) - 1)
    return word[:at] + word[at + 1] + word[at] + word[at + 2 :]


def cold(paths: list[str], total: int, round_: int = 0) -> list[str]:
    """Round `round_`'s `total` URLs: distinct from every other round's where the scenario has that many (each
    requested once: no response cache answers), else the whole list from a different offset."""
    if len(paths) >= total * (round_ + 1):
        return paths[total * round_ : total * (round_ + 1)]
    start = total * round_ % len(paths)
    return paths[start:] + paths[:start]


def http_scenarios(port: int, *, total: int, concurrency: int, words: list[str], rounds: int) -> list[list[Result]]:
    """`rounds` rounds of every read scenario with URLs that differ per request (pages, orderings, products,
    words), so what is measured is the work of a request, not a cached answer. Each round has its own URLs, and the
    bare view runs before and after each scenario: a scenario is compared with the ceiling measured in the seconds
    around it, not minutes away, on a machine whose speed drifts. A round is [bare, read, bare, read, …, bare]."""
    products = Product.objects.count()
    slugs = list(Product.objects.order_by("?").values_list("slug", flat=True)[: total * rounds + 20])
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
    searches = search_paths(words)
    scenarios = [
        ("bare Django JSON (ceiling)", ["/bench/bare"]),
        ("product list, 25", list_25),
        ("product list, 100", list_100),
        ("product detail", [f"/api/v1/products/{slug}" for slug in slugs[20:]]),
        ("search", searches[20:]),
        ("store home page", ["/"]),  # one URL; nothing caches whole pages
        ("store category page", category_pages[20:]),
    ]
    warm = {  # start the workers, fill the connection pools and per-process state with URLs not measured after
        "product detail": [f"/api/v1/products/{slug}" for slug in slugs[:20]],
        "search": searches[:20],
        "store category page": category_pages[:20],
    }
    for name, paths in scenarios:
        run("warm-up", port, warm.get(name, paths[:20]), total=20, concurrency=2)
    (bare, ceiling), *reads = scenarios
    measured = []
    for round_ in range(rounds):
        results = [run(bare, port, ceiling, total=total, concurrency=concurrency)]
        for name, paths in reads:
            results.append(run(name, port, cold(paths, total, round_), total=total, concurrency=concurrency))
            results.append(run(bare, port, ceiling, total=total, concurrency=concurrency))
        measured.append(results)
    return measured


def search_latency(port: int, words: list[str], *, total: int = 300) -> tuple[str, float]:
    """Search's own latency: `total` cold words (the last of `search_paths`, which the rounds do not reach at their
    default size) requested by one client at a time, so the figure is a search's time, not the queue of eight
    clients before two workers. Printed beside the 8-client figure, which includes that wait. Returns the printed
    row and the p95 in ms."""
    paths = search_paths(words)[-total:]
    result = run("search, 1 client", port, paths, total=len(paths), concurrency=1)
    p95 = result.percentile(0.95)
    verdict = "ok" if p95 <= SEARCH_P95_TARGET_MS else f"OVER TARGET ({SEARCH_P95_TARGET_MS} ms at 100k)"
    return f"{result.row()}   p95 {verdict}", p95


def combined(rounds: list[list[Result]]) -> list[Result]:
    """Each scenario's runs (the bare view's first) as one result: all their requests over all their time."""
    runs: dict[str, list[Result]] = {}
    for result in (result for results in rounds for result in results):
        runs.setdefault(result.name, []).append(result)
    return [
        Result(
            name,
            sum(r.requests for r in each),
            sum(r.errors for r in each),
            sum(r.seconds for r in each),
            [latency for r in each for latency in r.latencies_ms],
        )
        for name, each in runs.items()
    ]


def round_shares(rounds: list[list[Result]]) -> dict[str, list[float]]:
    """Each read scenario's share of the bare view in every round: its rate against the mean of the bare-view runs
    just before and just after it."""
    shares: dict[str, list[float]] = {}
    for index, name in enumerate(result.name for result in rounds[0][1::2]):
        for results in rounds:
            before, read, after = results[2 * index : 2 * index + 3]
            shares.setdefault(name, []).append(read.rps / (((before.rps + after.rps) / 2) or 1.0))
    return shares


def share_verdict(name: str, share: float) -> str:
    target = READ_TARGETS.get(name)
    return "" if target is None else ("ok" if share >= target else f"UNDER TARGET ({target:.0%})")


def ratio_rows(rounds: list[list[Result]]) -> list[str]:
    """Each read scenario as a share of the bare view: the median of its rounds' shares (every round's share in
    brackets), flagged when under its target."""
    rows = []
    for name, shares in round_shares(rounds).items():
        share = statistics.median(shares)
        each = ", ".join(f"{value:.1%}" for value in shares)
        rows.append(f"{name:<28} {share:>8.1%} of the bare view   ({each})   {share_verdict(name, share)}")
    return rows


# Orders each checkout client places first, of another product and untimed: a fresh server's workers import their
# code and compile their queries on their first requests, which a short run would otherwise count.
WARM_UP_ORDERS = 5
ADDRESS = {"name": "Bench Buyer", "address": "Rua 1", "city": "Lisboa", "zip_code": "1000-001", "country_code": "PRT"}


def parallel_checkout(port: int, *, stock: int, clients: int) -> list[str]:
    """`clients` threads check out one unit each of a product holding `stock` units, through the API, until it is
    sold out; then the orders are counted against the stock sold (no oversell)."""
    from orders.models import OrderLine
    from shopplatform.accounts.models import ApiKey
    from shopplatform.accounts.services import issue_api_key, revoke_api_key
    from shopplatform.store.models import PaymentMethod, Store

    store = Store.load()
    PaymentMethod.objects.update_or_create(store=store, method="bank_transfer", defaults={"active": True})
    # A shop has an address for its new-order notices: each order records the buyer's and the merchant's e-mail.
    Store.objects.filter(pk=store.pk).update(email="orders@bench.example")
    product, warm_up = Product.objects.filter(slug__startswith="bench-product-").order_by("pk")[:2]
    Product.objects.filter(pk=product.pk).update(stock_enabled=True, stock_quantity=stock, stock_backorder=False)
    Product.objects.filter(pk=warm_up.pk).update(stock_enabled=False)
    sold_before = OrderLine.objects.filter(product_public_id=product.public_id).count()
    buyers = []  # each client is its own buyer with its own key, as the store's customers are
    for number in range(clients):
        user, _ = get_user_model().objects.get_or_create(
            username=f"bench-buyer-{number}", defaults={"email": f"bench-{number}@example.com"}
        )
        for earlier in ApiKey.objects.filter(user=user).active():  # a reused bench database keeps earlier runs' keys
            revoke_api_key(api_key=earlier)
        _, secret = issue_api_key(user=user, scopes="shop:read shop:write", rate_limit=10_000_000)
        buyers.append({"Authorization": f"Bearer {secret}", "Content-Type": "application/json"})
    cart_body = json.dumps({"lines": [{"product": product.public_id, "quantity": 1}], "delivery_address": ADDRESS})
    warm_body = cart_body.replace(product.public_id, warm_up.public_id)
    latencies, refused, lock = [], [0], threading.Lock()
    ready = threading.Barrier(clients + 1)

    def client(headers: dict) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        for _ in range(WARM_UP_ORDERS):  # each worker process loads its code and compiles its queries first
            connection.request("POST", "/api/v1/carts", warm_body, headers)
            cart = json.loads(connection.getresponse().read())
            connection.request(
                "POST", f"/api/v1/carts/{cart['id']}/checkout", '{"payment_method": "bank_transfer"}', headers
            )
            connection.getresponse().read()
        ready.wait()
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

    threads = [threading.Thread(target=client, args=(headers,)) for headers in buyers]
    for thread in threads:
        thread.start()
    ready.wait()
    started = time.perf_counter()
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
    """Answers 200 at once on keep-alive HTTP/1.1 connections, in a process of its own (`_start_receiver`), so the
    figure is the worker's cost, not the receiver's."""

    protocol_version = "HTTP/1.1"

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def _start_receiver() -> tuple[multiprocessing.Process, int]:
    """The receiver in a forked process: on its own core and GIL, not competing with the delivering one."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Receiver)
    process = multiprocessing.get_context("fork").Process(target=server.serve_forever, daemon=True)
    process.start()
    server.server_close()  # the child serves; this process only connects
    return process, server.server_port


def _receiver_rate(port: int, *, body: bytes, count: int = 2000) -> float:
    """POSTs per second the receiver answers on one keep-alive connection with a bare client: its ceiling."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    started = time.perf_counter()
    for _ in range(count):
        connection.request("POST", "/hook", body, {"Content-Type": "application/json"})
        connection.getresponse().read()
    seconds = time.perf_counter() - started
    connection.close()
    return count / seconds


def webhook_delivery_rate(count: int) -> list[str]:
    """Webhook deliveries, signed with both schemes, to a loopback receiver in a process of its own.

    First end to end in one process (eager Celery): each event emitted in its own transaction, fanned out on
    commit and delivered before the next. Then one worker's rate, the issue's figure: `count` events are emitted
    (the web side: outbox row, fan-out on commit, a drain message per endpoint burst, in-memory broker), then one
    Celery worker (solo pool, in this process) drains the queue, timed from its first task to the last delivery.
    """
    from django.db.models import Max

    from shopplatform.events import emit_event
    from webhooks.models import Delivery, WebhookEndpoint
    from webhooks.services import create_endpoint

    def emit(events: int, prefix: str) -> None:
        for number in range(events):
            with transaction.atomic():
                emit_event("product.updated", obj={"id": f"prod_{prefix}{number}", "title": "bench"})

    def succeeded() -> int:
        return Delivery.objects.filter(endpoint=endpoint, status=Delivery.Status.SUCCEEDED).count()

    def last_delivered() -> float:
        return Delivery.objects.filter(endpoint=endpoint).aggregate(last=Max("delivered_at"))["last"].timestamp()

    receiver, port = _start_receiver()
    try:
        owner, _ = get_user_model().objects.get_or_create(username="bench-merchant", defaults={"is_staff": True})
        WebhookEndpoint.objects.filter(owner=owner).delete()
        endpoint = create_endpoint(owner=owner, url=f"http://127.0.0.1:{port}/hook", events=["product.updated"])
        ceiling = _receiver_rate(port, body=b'{"id":"evt_bench","data":{"object":{"id":"prod_bench"}}}' * 4)
        emit(20, "warm")  # imports, the kept-alive connection, the first queries
        started, cpu_started = time.perf_counter(), time.process_time()
        emit(count, "serial")
        serial = (time.perf_counter() - started, time.process_time() - cpu_started)
        serial_ok = succeeded() - 20
        worker_seconds, worker_cpu, queued_seconds, worker_ok, clock = _drain_with_one_worker(
            count, emit, succeeded, last_delivered
        )
    finally:
        receiver.terminate()
        receiver.join()
    return [
        f"{'webhook deliveries':<28} {count / worker_seconds:>9.1f} deliveries/s   one worker draining {count} queued"
        f" deliveries ({worker_ok} succeeded; {clock.tasks} task messages; first task to last delivery, the worker's"
        f" {clock.first[0] - clock.booting:.2f} s boot excluded)   {target_verdict(count / worker_seconds, DELIVERY_TARGET)}",
        f"{'  per CPU-second':<28} {count / worker_cpu:>9.1f} deliveries   (this process: the worker, not PostgreSQL)",
        f"{'  emitting them':<28} {count / queued_seconds:>9.1f} events/s   (the web side: outbox row, fan-out,"
        " a drain message per endpoint burst)",
        f"{'  end to end, one by one':<28} {count / serial[0]:>9.1f} deliveries/s   (emit, fan out and deliver each"
        f" before the next, eager; {serial_ok} succeeded; {count / serial[1]:.0f} per CPU-second)",
        f"{'  receiver alone':<28} {ceiling:>9.1f} POSTs/s   (bare keep-alive client: the receiver is not the limit)",
    ]


class _TaskClock:
    """When the worker's tasks start and end (wall, CPU, epoch) and how many ran: the drain is timed from the first
    task's start to the end of the task that POSTed the last delivery. Not from the worker's start: its boot took
    0.15-1.0 s here, up to half of a drain of 600. Not to the last task's end either: with a message per delivery,
    messages whose delivery a batch already sent run on after the last POST."""

    def __init__(self) -> None:
        self.booting = 0.0  # when the worker was started
        self.first = (0.0, 0.0)
        self.ends: list[tuple[float, float, float]] = []
        self.tasks = 0

    def started(self, **kwargs) -> None:
        if not self.tasks:
            self.first = (time.perf_counter(), time.process_time())
        self.tasks += 1

    def ended(self, **kwargs) -> None:
        self.ends.append((time.time(), time.perf_counter(), time.process_time()))

    def drain_seconds(self, last_delivery_epoch: float) -> tuple[float, float]:
        """Wall and CPU seconds from the first task's start to the end of the one that made the last delivery."""
        _, wall, cpu = next(end for end in self.ends if end[0] >= last_delivery_epoch)
        return wall - self.first[0], cpu - self.first[1]


def _drain_with_one_worker(count: int, emit, succeeded, last_delivered) -> tuple[float, float, float, int, _TaskClock]:
    """Queue `count` deliveries with eager Celery off, then time one in-process worker draining them: return its
    wall and CPU seconds (`_TaskClock`), the emitting seconds, the deliveries that succeeded and the clock (task
    count, boot)."""
    from celery.contrib.testing.worker import start_worker
    from celery.signals import task_postrun, task_prerun

    from shopplatform.celery import app

    done_before = succeeded()
    clock = _TaskClock()
    task_prerun.connect(clock.started, weak=False)
    task_postrun.connect(clock.ended, weak=False)
    app.conf.task_always_eager = False
    try:
        started = time.perf_counter()
        emit(count, "queued")
        queued_seconds = time.perf_counter() - started
        clock.booting = time.perf_counter()
        with start_worker(app, pool="solo", perform_ping_check=False, loglevel="WARNING"):
            deadline = time.perf_counter() + 600
            while succeeded() - done_before < count and time.perf_counter() < deadline:
                time.sleep(0.1)
    finally:
        app.conf.task_always_eager = True
        task_prerun.disconnect(clock.started)
        task_postrun.disconnect(clock.ended)
    seconds, cpu_seconds = clock.drain_seconds(last_delivered())
    return seconds, cpu_seconds, queued_seconds, succeeded() - done_before, clock
