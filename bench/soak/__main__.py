"""`python -m bench.soak [--seconds 110] [--break-sweep]`: run the soak; exit 1 when an invariant fails.

Needs PostgreSQL (SOAK_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/shop_soak: dropped and created
afresh each run) and the `redis-server` binary (a Redis of its own on a free port, db 11). Everything listens on
127.0.0.1; every process started is stopped at the end, also when the run fails. Logs: var/soak/<time>/.
"""

import argparse
import logging
import os
import sys
import threading
import time
from collections import Counter
from datetime import datetime
from pathlib import Path

import psycopg

from tests.s3_server import free_port

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/shop_soak"
# The receiver answers a tenth of deliveries after 0.5 s on purpose, so the pace of a drain is the receiver's, and a
# faster web tier queues more in the same workload (3,156 deliveries and 30 s of draining; with 1.5 s answers, 3,261
# and 301 s). The drain is given up on when it stops making progress, or at the outer bound.
DRAIN_STALL_SECONDS = 60
DRAIN_TIMEOUT_SECONDS = 900
SECRET_KEY = "soak-secret-key-not-for-production-use-0123456789abcdef"


def recreate_database(url: str) -> tuple[str, str]:
    """Drop and create the soak database; return (admin URL, database name)."""
    name = url.rsplit("/", 1)[-1]
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    return admin_url, name


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.soak")
    parser.add_argument("--seconds", type=int, default=110, help="workload time; faults repeat every 110 s")
    parser.add_argument("--seed", type=int, default=20)
    parser.add_argument("--break-sweep", action="store_true", help="run beat without the webhook sweep")
    args = parser.parse_args()

    database_url = os.environ.get("SOAK_DATABASE_URL", DEFAULT_DATABASE_URL)
    admin_url, database_name = recreate_database(database_url)
    redis_port = free_port()
    harness_env = {
        "DJANGO_SETTINGS_MODULE": "bench.soak.settings",
        "DATABASE_URL": database_url,
        "REDIS_URL": f"redis://127.0.0.1:{redis_port}/11",
        "DEBUG": "false",
        "SECRET_KEY": SECRET_KEY,
        "LOG_LEVEL": "WARNING",
    }
    os.environ.update(harness_env)
    sys.path.insert(0, str(ROOT))
    logs = ROOT / "var" / "soak" / datetime.now().strftime("%Y%m%d-%H%M%S")
    logs.mkdir(parents=True, exist_ok=True)

    import django

    django.setup()
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # moto's request log
    from bench.soak.cluster import Cluster
    from bench.soak.receiver import FlakyReceiver

    receiver = FlakyReceiver(seed=args.seed)
    receiver.thread.start()
    cluster = Cluster(env=harness_env, redis_port=redis_port, logs=logs, break_sweep=args.break_sweep)
    try:
        return run(args, cluster=cluster, receiver=receiver, admin_url=admin_url, database_name=database_name)
    finally:
        print(f"\nstopping everything (logs in {logs.relative_to(ROOT)})")
        cluster.stop_all()
        receiver.stop()


def run(args, *, cluster, receiver, admin_url: str, database_name: str) -> int:
    from django.core.management import call_command
    from django.db import connection

    from bench.soak import invariants, report
    from bench.soak.faults import RECOVERY_TIMEOUT_SECONDS, Injector
    from bench.soak.seed import RATE_LIMIT, new_limited_key, seed
    from bench.soak.workload import Workload, probe_shared_rate_limit

    started = time.monotonic()
    cluster.start_services()
    call_command("migrate", verbosity=0)
    seeded = seed(receiver_url=receiver.url("/hook"))
    receiver.secret = seeded.endpoint_secret
    cluster.start_processes()
    cluster.supervise()
    print(f"soak: 2 web instances on {cluster.web_ports}, 2 workers, beat, Redis :{cluster.redis_port}, "
          f"S3 :{cluster.s3.port}, Stripe :{cluster.stripe.port}, receiver :{receiver.port}"
          f" (ready in {time.monotonic() - started:.0f} s)")  # fmt: skip
    if args.break_sweep:
        print("soak: BROKEN ON PURPOSE: beat runs without the webhook sweep")

    rate_limit = probe_shared_rate_limit(cluster.web_ports, new_limited_key, RATE_LIMIT)
    workload = Workload(ports=cluster.web_ports, seeded=seeded, stripe=cluster.stripe, seed=args.seed)
    injector = Injector(
        cluster=cluster, receiver=receiver, workload=workload, admin_database_url=admin_url,
        database_name=database_name,
    )  # fmt: skip
    print("\nfault schedule (seconds after the workload starts):")
    for offset, name in injector.plan(seconds=args.seconds):
        print(f"  t+{offset:>4}s  {name}")
    print(f"\nworkload: {args.seconds} s on both instances ...", flush=True)
    origin = time.monotonic()
    actors = workload.start(seconds=args.seconds)
    faults = injector.start(seconds=args.seconds, origin=origin)
    _progress(origin, args.seconds, workload)
    workload.stop(actors)
    for thread in faults:
        thread.join(timeout=RECOVERY_TIMEOUT_SECONDS + 60)
    connection.close()

    drained_in = drain()
    connection.close()
    windows = [(i.name, *i.window) for i in injector.injections]
    checks = [
        invariants.faults_injected(injector.injections),
        invariants.stock_matches_order_lines(seeded.products),
        invariants.wallets_consistent(),
        invariants.payments_applied_once(dict(workload.ledger.stripe_events)),
        invariants.outbox_delivered(receiver.acknowledged),
        invariants.no_media_processing(workload.ledger.media),
        invariants.idempotent_retries(workload.ledger.retry_mismatches, workload.ledger.retries_compared),
        invariants.shared_rate_limit(*rate_limit[:2], RATE_LIMIT, rate_limit[2]),
        invariants.server_errors_only_during_faults(workload.ledger.outcomes, windows, origin),
    ]
    report.print_summary(
        workload=workload, receiver=receiver, injections=injector.injections, origin=origin, checks=checks,
        drained_in=drained_in, total_seconds=time.monotonic() - started, unplanned_exits=cluster.unplanned_exits,
    )  # fmt: skip
    return 0 if all(check.ok for check in checks) else 1


def _progress(origin: float, seconds: int, workload) -> None:
    while time.monotonic() - origin < seconds:
        time.sleep(min(15, max(0.1, seconds - (time.monotonic() - origin))))
        with workload.ledger.lock:
            counts = Counter(outcome.kind for outcome in workload.ledger.outcomes)
        print(f"  t+{time.monotonic() - origin:>4.0f}s  {sum(counts.values())} requests: "
              + ", ".join(f"{kind} {count}" for kind, count in counts.most_common(6)), flush=True)  # fmt: skip


def drain() -> float | None:
    """Wait until deliveries, fan-out and media processing are done; return the seconds it took, or None when
    nothing moved for DRAIN_STALL_SECONDS (or DRAIN_TIMEOUT_SECONDS passed)."""
    from django.db import DatabaseError, connection

    from media_library.models import Media
    from webhooks.models import Delivery, Event

    started = progressed = time.monotonic()
    fewest = None
    while time.monotonic() - started < DRAIN_TIMEOUT_SECONDS and time.monotonic() - progressed < DRAIN_STALL_SECONDS:
        try:
            left = (
                Delivery.objects.filter(status__in=["pending", "retrying"]).count()
                + Event.objects.filter(fanned_out=False).count()
                + Media.objects.filter(status="processing").count()
            )
        except DatabaseError:
            left = None
        connection.close()
        if left == 0:
            return time.monotonic() - started
        if left is not None and (fewest is None or left < fewest):
            fewest, progressed = left, time.monotonic()
        time.sleep(1)
    return None


if __name__ == "__main__":
    threading.current_thread().name = "soak"
    sys.exit(main())
