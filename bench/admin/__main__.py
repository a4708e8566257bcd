"""The back-office at size: seed PostgreSQL, then time every admin list, search, filter and change page.

    make bench-admin                       # 100k products, 200k customers, 1M orders (2 lines each), 2M ledger
    python -m bench.admin --orders 200000 --ledger 400000 --repeat 5

Needs PostgreSQL (BENCH_ADMIN_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/shop_admin_bench; created
if missing). Runs in process with DEBUG off, the local-memory cache and a superuser, as one web worker would, then over HTTP
on gunicorn (`--no-http` skips that pass).
"""

import argparse
import os
import sys

from bench.__main__ import ROOT, ensure_database

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/shop_admin_bench"


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.admin")
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--customers", type=int, default=200_000)
    parser.add_argument("--orders", type=int, default=1_000_000)
    parser.add_argument("--lines-per-order", type=int, default=2)
    parser.add_argument("--ledger", type=int, default=2_000_000)
    parser.add_argument("--repeat", type=int, default=3, help="timed views per page (the median is shown)")
    parser.add_argument("--only", nargs="*", help="model labels to time, e.g. orders.Order")
    parser.add_argument("--no-http", action="store_true", help="time in process only (no gunicorn pass)")
    args = parser.parse_args()

    database_url = os.environ.get("BENCH_ADMIN_DATABASE_URL", DEFAULT_DATABASE_URL)
    ensure_database(database_url)
    os.environ.update(
        {
            "DATABASE_URL": database_url,
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "DEBUG": "false",
            "SECRET_KEY": "bench-secret-key-not-for-production-use-0123456789",
        }
    )
    os.environ.pop("REDIS_URL", None)
    sys.path.insert(0, str(ROOT))

    import django
    from django.conf import settings
    from django.core.management import call_command

    django.setup()
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    call_command("migrate", verbosity=0)
    from bench.admin import http, seed, timing

    print("Seeding (skipped where the rows are present):")
    seed.seed(
        products=args.products,
        customers=args.customers,
        orders=args.orders,
        lines_per_order=args.lines_per_order,
        ledger=args.ledger,
        stdout=sys.stdout,
    )
    print(f"\nAdmin pages in process, DEBUG off, superuser, median of {args.repeat}:")
    for result in timing.run(repeat=args.repeat, labels=args.only):
        print("  " + result.row())
    if not args.no_http:
        print(f"\nThe same pages over HTTP (gunicorn, one worker, superuser session), median of {args.repeat}:")
        for result in http.run(repeat=args.repeat, labels=args.only):
            print("  " + result.row())


if __name__ == "__main__":
    main()
