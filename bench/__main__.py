"""Run the benchmarks side by side and print the figures.

    make bench                                   # 20k and 100k products side by side, PostgreSQL at 127.0.0.1:5432
    python -m bench --products 20000 --reads-only # one catalog size (database shop_bench)
    python -m bench --products 10000 --requests 2000 --concurrency 8

Needs PostgreSQL (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/shop_bench; created if missing;
several sizes use shop_bench_<size> each: bench.sizes).
The HTTP figures come from gunicorn (2 workers) serving the project, with a bare Django JSON view on the same
server as the ceiling; parallel API clients then sell out a product to measure checkouts. Webhook deliveries per
second run in-process, as one worker would.
"""

import argparse
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from bench import sizes

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/shop_bench"
DEFAULT_SIZES = "20000,100000"  # the two catalog sizes, side by side (bench.sizes)


def ensure_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[-1]
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"server on port {port} did not start")


def peak_rss_mb(pid: int) -> float:
    """Peak resident memory of a process and its children (gunicorn master + workers), in MiB."""
    total = 0
    for child in [pid, *children(pid)]:
        status = Path(f"/proc/{child}/status")
        if status.exists():
            for line in status.read_text().splitlines():
                if line.startswith("VmHWM:"):
                    total += int(line.split()[1])
    return total / 1024


def children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(item) for item in path.read_text().split()] if path.exists() else []


# The checkout server runs as production's web line does (docs/operations.md: four sync workers, twice the cores,
# so a worker waiting on PostgreSQL leaves its core to another); tasks queued on Redis. Threaded workers were
# tried and lose: the keep-alive clients' connections all land on the worker that accepts first, and the other
# idles (docs/benchmarks.md, "Checkout throughput").
CHECKOUT_WORKERS = 4
CHECKOUT_THREADS = 1
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/15"


def start_gunicorn(env: dict, *options: str) -> tuple[subprocess.Popen, int]:
    """gunicorn serving the project on a free loopback port, once it accepts connections."""
    port = free_port()
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "shopplatform.wsgi:application",
            *options,
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "error",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    wait_for(port)
    return server, port


def stop(server: subprocess.Popen) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=10)


def production_environment(env: dict) -> tuple[dict, str | None]:
    """The servers' environment and its Redis URL: as in production, the cache (shared counts, rate limits, cards of
    other viewers) is on Redis, and e-mails and webhook fan-out are queued there for workers (none runs here: the web
    tier is measured; the webhook scenario measures a worker). Without Redis (BENCH_REDIS_URL) the cache is per
    process and Celery stays eager, so the request does the workers' job too."""
    import redis

    url = os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS_URL)
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return env, None
    return {**env, "REDIS_URL": url}, url


def empty_task_queues(url: str) -> None:
    """Drop the task messages the checkout left on the bench's Redis database (queues are its only lists)."""
    import redis

    client = redis.Redis.from_url(url)
    for key in client.scan_iter():
        if client.type(key) == b"list":
            client.delete(key)


def passed_on(args: argparse.Namespace) -> list[str]:
    """The options every child of a run over several catalog sizes gets (all but the sizes and the parts to run)."""
    names = ["requests", "rounds", "concurrency", "checkout_stock", "checkout_clients", "deliveries"]
    names += ["checkout_workers", "checkout_threads"]
    return [part for name in names for part in (f"--{name.replace('_', '-')}", str(getattr(args, name)))]


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument(
        "--products",
        type=sizes.sizes_of,
        default=sizes.sizes_of(DEFAULT_SIZES),
        help=f"catalog size, or sizes separated by commas, each measured on its own database (default {DEFAULT_SIZES})",
    )
    parser.add_argument("--requests", type=int, default=1_000, help="requests per HTTP scenario and round")
    parser.add_argument(
        "--rounds", type=int, default=3, help="rounds of the HTTP reads, each with its own bare-view figure"
    )
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--checkout-stock", type=int, default=300, help="units sold out by the checkout scenario")
    parser.add_argument("--checkout-clients", type=int, default=8)
    parser.add_argument("--deliveries", type=int, default=300)
    parser.add_argument("--reads-only", action="store_true", help="only the HTTP reads (no checkout, no webhooks)")
    parser.add_argument("--webhooks-only", action="store_true", help="only webhook deliveries (no seed, no server)")
    parser.add_argument("--checkout-only", action="store_true", help="only the checkout scenario (on its own server)")
    parser.add_argument("--checkout-workers", type=int, default=CHECKOUT_WORKERS, help="gunicorn workers, checkout")
    parser.add_argument("--checkout-threads", type=int, default=CHECKOUT_THREADS, help="threads per worker (gthread)")
    parser.add_argument("--shares-file", help=argparse.SUPPRESS)  # where a child of bench.sizes writes its shares
    args = parser.parse_args()

    database_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)
    if len(args.products) > 1 and not (args.checkout_only or args.webhooks_only):
        sizes.run_sizes(args.products, passed_on(args), database_url, reads_only=args.reads_only)
        return
    args.products = args.products[-1]  # checkout or webhooks alone: on the largest catalog
    ensure_database(database_url)
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DEBUG": "false",
        "SECRET_KEY": "bench-secret-key-not-for-production-use-0123456789",
        "SHOP_ALLOW_PRIVATE_URLS": "true",
        # As in production (docs/operations.md): links start with the public address, so the representations the
        # seed stores ahead of reads (catalog.prerender) are the ones the server's requests use.
        "SITE_URL": os.environ.get("SITE_URL", "http://127.0.0.1:8000"),
    }
    env.pop("REDIS_URL", None)  # eager Celery and a local cache: the figures measure our code, not the network
    os.environ.update({k: v for k, v in env.items() if k != "REDIS_URL"})
    os.environ.pop("REDIS_URL", None)
    sys.path.insert(0, str(ROOT))

    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from bench import scenarios
    from bench.seed import search_words, seed_products

    if args.webhooks_only:
        print("\nWebhooks, in-process as one worker:")
        for line in scenarios.webhook_delivery_rate(args.deliveries):
            print("  " + line)
        return
    seed_products(args.products, stdout=sys.stdout)

    server_env, redis_url = production_environment(env)
    if redis_url:  # start cold: nothing cached by an earlier run (the bench's Redis database is its own)
        import redis

        redis.Redis.from_url(redis_url).flushdb()
    if not args.checkout_only:
        server, port = start_gunicorn(server_env, "--workers", "2")
        try:
            print(
                f"\nHTTP on gunicorn (2 workers), {args.concurrency} client threads, {args.rounds} rounds of "
                f"{args.requests} requests per scenario, "
                + (f"cache on Redis ({redis_url}):" if redis_url else "no Redis: a cache per process:")
            )
            rounds = scenarios.http_scenarios(
                port, total=args.requests, concurrency=args.concurrency, words=search_words(), rounds=args.rounds
            )
            for result in scenarios.combined(rounds):
                print("  " + result.row())
            print(f"  server peak RSS (master + workers): {peak_rss_mb(server.pid):.0f} MiB")
            print(
                f"\nShare of the bare view ({args.products} products, cold URLs; median of {args.rounds} rounds, "
                "each against the bare view run just before and after it):"
            )
            for line in scenarios.ratio_rows(rounds):
                print("  " + line)
            print("\nSearch latency, one request at a time (cold words):")
            row, search_p95 = scenarios.search_latency(port, search_words())
            print("  " + row)
            if args.shares_file:
                sizes.shares_file(args.shares_file, scenarios.round_shares(rounds), search_p95)
        finally:
            stop(server)

    if not args.reads_only:
        workers, threads = args.checkout_workers, args.checkout_threads
        kind = ["--worker-class", "gthread", "--threads", str(threads)] if threads > 1 else []
        server, port = start_gunicorn(server_env, "--workers", str(workers), *kind)
        try:
            print(
                f"\nCheckout on PostgreSQL through the API, {args.checkout_clients} parallel clients, gunicorn "
                f"{workers} workers x {threads} threads, "
                + (f"tasks queued on Redis ({redis_url}):" if redis_url else "no Redis: tasks run in the request:")
            )
            for line in scenarios.parallel_checkout(port, stock=args.checkout_stock, clients=args.checkout_clients):
                print("  " + line)
        finally:
            stop(server)
            if redis_url:
                empty_task_queues(redis_url)
    if args.checkout_only:
        return

    if not args.reads_only:
        print("\nWebhooks, in-process as one worker:")
        for line in scenarios.webhook_delivery_rate(args.deliveries):
            print("  " + line)


if __name__ == "__main__":
    main()
