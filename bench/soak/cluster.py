"""The processes and stand-ins of a soak run, all on 127.0.0.1, each startable, killable and restartable.

Subprocesses (Redis, gunicorn, Celery) run in their own session so a kill reaches a gunicorn master and its
workers together; `Cluster.stop_all` ends every one of them, also when the run fails.
"""

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from http.server import ThreadingHTTPServer
from pathlib import Path

import boto3
from moto.server import ThreadedMotoServer

from tests.orders.conftest import STRIPE_WEBHOOK_SECRET, StripeStandIn
from tests.s3_server import CREDENTIALS, free_port

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
BUCKET = "soak-media"
STOP_SECONDS = 15
SUPERVISE_SECONDS = 1.0
MAX_RESTARTS = 20


def _last_error_line(log_path: Path) -> str:
    lines = log_path.read_text(errors="replace").splitlines()[-400:]
    named = [line for line in lines if "Unrecoverable" in line or "Error" in line or "shutdown" in line]
    return (named or lines or ["(empty log)"])[-1].strip()[:200]


def wait_for_port(port: int, *, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port} after {timeout:.0f} s")


class Managed:
    """One subprocess: started with its own log file, killed with SIGKILL or stopped with SIGTERM."""

    def __init__(self, name: str, command: list[str], *, env: dict[str, str], logs: Path, port: int | None = None):
        self.name, self.command, self.env, self.port = name, command, env, port
        self.log_path = logs / f"{name}.log"
        self.process: subprocess.Popen | None = None
        self.meant_down = False  # killed or stopped on purpose: the supervisor leaves it alone
        self.lock = threading.Lock()

    def start(self) -> None:
        self.meant_down = False
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                self.command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        if self.port:
            wait_for_port(self.port)

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def kill(self) -> None:
        """kill -9 of the whole process group, as a crash or the OOM killer would."""
        self.meant_down = True
        if self.running:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=STOP_SECONDS)

    def stop(self) -> None:
        self.meant_down = True
        if not self.running:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            self.kill()


class S3StandIn:
    """Moto's S3 server on a fixed port; its buckets live in this process, so they survive a stop and start."""

    def __init__(self) -> None:
        self.port = free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self.server: ThreadedMotoServer | None = None

    def start(self) -> None:
        self.server = ThreadedMotoServer(ip_address="127.0.0.1", port=self.port, verbose=False)
        self.server.start()
        wait_for_port(self.port)

    def stop(self) -> None:
        if self.server is not None:
            self.server.stop()
            self.server = None

    def create_bucket(self) -> None:
        client = boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            aws_access_key_id=CREDENTIALS["access_key"],
            aws_secret_access_key=CREDENTIALS["secret_key"],
            region_name=CREDENTIALS["region_name"],
        )
        client.create_bucket(Bucket=BUCKET)


class StripeServer:
    """The orders tests' Stripe stand-in, served from this process."""

    def __init__(self) -> None:
        StripeStandIn.sessions, StripeStandIn.refunds, StripeStandIn.fail_next = {}, {}, False
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), StripeStandIn)
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def session_of(self, order_id: str) -> dict | None:
        return next((s for s in list(StripeStandIn.sessions.values()) if s["client_reference_id"] == order_id), None)

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class Cluster:
    """Redis, two web instances, two workers, beat; the S3 and Stripe stand-ins; given the soak's database."""

    def __init__(self, *, env: dict[str, str], redis_port: int, logs: Path, break_sweep: bool) -> None:
        self.logs = logs
        self.stopping = threading.Event()
        self.unplanned_exits: list[str] = []
        self.s3 = S3StandIn()
        self.stripe = StripeServer()
        self.redis_port = redis_port
        self.env = {
            **os.environ,
            **env,
            "STORAGE_BACKEND": "s3",
            "AWS_STORAGE_BUCKET_NAME": BUCKET,
            "AWS_S3_ENDPOINT_URL": self.s3.endpoint,
            "AWS_ACCESS_KEY_ID": CREDENTIALS["access_key"],
            "AWS_SECRET_ACCESS_KEY": CREDENTIALS["secret_key"],
            "AWS_S3_REGION_NAME": CREDENTIALS["region_name"],
            "STRIPE_SECRET_KEY": "sk_test_standin",
            "STRIPE_WEBHOOK_SECRET": STRIPE_WEBHOOK_SECRET,
            "STRIPE_API_BASE": f"http://127.0.0.1:{self.stripe.port}",
            "SITE_URL": "http://127.0.0.1",
            "LOG_FORMAT": "json",
            "SOAK_BEAT_FILE": str(logs / "celerybeat-schedule"),
            "SOAK_BREAK": "sweep" if break_sweep else "",
        }
        self.env.pop("PROMETHEUS_MULTIPROC_DIR", None)
        self.redis = Managed(
            "redis",
            ["redis-server", "--port", str(self.redis_port), "--bind", "127.0.0.1", "--save", "", "--appendonly",
             "no", "--dir", str(logs)],
            env=self.env, logs=logs, port=self.redis_port,
        )  # fmt: skip
        self.web = [self._gunicorn(number) for number in (1, 2)]
        self.workers = [self._worker(number) for number in (1, 2)]
        self.beat = Managed(
            "beat", [str(BIN / "celery"), "-A", "shopplatform", "beat", "--loglevel=WARNING",
                     "-s", str(logs / "celerybeat-schedule")],
            env=self.env, logs=logs,
        )  # fmt: skip

    def _gunicorn(self, number: int) -> Managed:
        port = free_port()
        command = [
            str(BIN / "gunicorn"), "shopplatform.wsgi:application", "--workers", "2", "--bind", f"127.0.0.1:{port}",
            "--timeout", "30", "--graceful-timeout", "5", "--log-level", "warning",
        ]  # fmt: skip
        return Managed(f"web-{number}", command, env=self.env, logs=self.logs, port=port)

    def _worker(self, number: int) -> Managed:
        command = [
            str(BIN / "celery"), "-A", "shopplatform", "worker", "--pool=threads", "--concurrency=3", "-Q", "shop",
            "-n", f"soak-{number}@localhost", "--without-gossip", "--without-mingle", "--loglevel=WARNING",
        ]  # fmt: skip
        return Managed(f"worker-{number}", command, env=self.env, logs=self.logs)

    @property
    def web_ports(self) -> list[int]:
        return [web.port for web in self.web]

    def start_services(self) -> None:
        """Redis and S3 first: migrations and seeding need neither, the processes need both."""
        self.redis.start()
        self.s3.start()
        self.s3.create_bucket()

    def start_processes(self) -> None:
        for managed in (*self.web, *self.workers, self.beat):
            managed.start()

    def worker_named(self, hostname: str) -> Managed:
        return next(worker for worker in self.workers if hostname.startswith(worker.name.replace("worker", "soak")))

    def supervise(self) -> None:
        """Restart a web, worker or beat process that exited on its own, as systemd's Restart=always would, and
        note why it exited (the last line of its log naming an error)."""
        self.supervising = threading.Thread(target=self._supervise, daemon=True)
        self.supervising.start()

    def _supervise(self) -> None:
        while not self.stopping.wait(SUPERVISE_SECONDS):
            for managed in (*self.web, *self.workers, self.beat):
                with managed.lock:
                    crashed = managed.process is not None and not managed.running and not managed.meant_down
                    if not crashed or len(self.unplanned_exits) >= MAX_RESTARTS:
                        continue
                    reason = _last_error_line(managed.log_path)
                    self.unplanned_exits.append(f"{managed.name} exited ({managed.process.returncode}): {reason}")
                    managed.start()

    def stop_all(self) -> None:
        self.stopping.set()
        for managed in (self.beat, *self.workers, *self.web, self.redis):
            try:
                managed.stop()
            except Exception as error:  # keep stopping the others
                print(f"  could not stop {managed.name}: {error!r}")
        self.s3.stop()
        self.stripe.stop()
