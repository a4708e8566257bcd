"""Run the benchmarks side by side and print the figures.

    make bench                                   # 100k products, PostgreSQL at 127.0.0.1:5432
    python -m bench --products 10000 --requests 2000 --concurrency 8

Needs PostgreSQL (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/shop_bench; created if missing).
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

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/shop_bench"


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


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=1_000, help="requests per HTTP scenario")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--checkout-stock", type=int, default=300, help="units sold out by the checkout scenario")
    parser.add_argument("--checkout-clients", type=int, default=8)
    parser.add_argument("--deliveries", type=int, default=300)
    parser.add_argument("--reads-only", action="store_true", help="only the HTTP reads (no checkout, no webhooks)")
    args = parser.parse_args()

    database_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)
    ensure_database(database_url)
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DEBUG": "false",
        "SECRET_KEY": "bench-secret-key-not-for-production-use-0123456789",
        "SHOP_ALLOW_PRIVATE_URLS": "true",
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

    seed_products(args.products, stdout=sys.stdout)

    port = free_port()
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "shopplatform.wsgi:application",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "error",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    try:
        wait_for(port)
        print(f"\nHTTP on gunicorn (2 workers), {args.concurrency} client threads, {args.requests} requests each:")
        results = scenarios.http_scenarios(
            port, total=args.requests, concurrency=args.concurrency, words=search_words()
        )
        for result in results:
            print("  " + result.row())
        print(f"  server peak RSS (master + workers): {peak_rss_mb(server.pid):.0f} MiB")
        print(f"\nShare of the bare view ({args.products} products, cold URLs):")
        for line in scenarios.ratio_rows(results):
            print("  " + line)
        if not args.reads_only:
            print(f"\nCheckout on PostgreSQL through the API, {args.checkout_clients} parallel clients:")
            for line in scenarios.parallel_checkout(port, stock=args.checkout_stock, clients=args.checkout_clients):
                print("  " + line)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)

    if not args.reads_only:
        print("\nWebhooks, in-process as one worker:")
        print("  " + scenarios.webhook_delivery_rate(args.deliveries))


if __name__ == "__main__":
    main()
