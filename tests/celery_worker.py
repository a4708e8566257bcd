"""A real Celery worker subprocess for `worker` tests: its own queue, the pytest database, always terminated."""

import os
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings

from shopplatform.celery import app

STARTUP_TIMEOUT_SECONDS = 60


def worker_database_url() -> str:
    """The URL of the database pytest created, so the worker sees the test's committed rows."""
    database = settings.DATABASES["default"]
    credentials = database["USER"] + (f":{database['PASSWORD']}" if database.get("PASSWORD") else "")
    return f"postgres://{credentials}@{database['HOST']}:{database['PORT']}/{database['NAME']}"


@contextmanager
def running_worker(*, env: dict[str, str] | None = None):
    """Start `celery worker` on a fresh queue; yield (hostname, queue) once it answers a ping."""
    suffix = uuid.uuid4().hex[:12]
    queue, hostname = f"test-{suffix}", f"test-{suffix}@localhost"
    worker_env = {
        **os.environ,
        "DATABASE_URL": worker_database_url(),
        "REDIS_URL": settings.REDIS_URL,
        "CELERY_QUEUE": queue,
        **(env or {}),
    }
    command = [
        str(Path(sys.executable).with_name("celery")), "-A", "shopplatform", "worker", "--pool=solo",
        "--concurrency=1", "-Q", queue, "-n", hostname, "--without-gossip", "--without-mingle", "--loglevel=WARNING",
    ]  # fmt: skip
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(command, cwd=settings.BASE_DIR, env=worker_env, stdout=log, stderr=subprocess.STDOUT)
        try:
            _wait_until_it_answers(process, hostname, log)
            yield hostname, queue
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@contextmanager
def default_queue(queue: str):
    """Send the tasks enqueued without a queue of their own to `queue` for the block.

    Celery keeps the default queue and the router it worked out at their first use (`app.amqp`): changing the
    setting alone would route nothing differently if a task was sent before, and if this block sent the process's
    first task, every later test would keep sending to `queue`, which no worker reads once the block ends.
    """
    previous = app.conf.task_default_queue
    _forget_routing()
    app.conf.task_default_queue = queue
    try:
        yield
    finally:
        app.conf.task_default_queue = previous
        _forget_routing()


def _forget_routing() -> None:
    for worked_out in ("default_queue", "queues", "router"):
        app.amqp.__dict__.pop(worked_out, None)


def _wait_until_it_answers(process: subprocess.Popen, hostname: str, log) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            pytest.fail(f"celery worker exited with {process.returncode}:\n{log.read().decode(errors='replace')}")
        if app.control.ping(destination=[hostname], timeout=1):
            return
    pytest.fail(f"celery worker {hostname} did not answer a ping within {STARTUP_TIMEOUT_SECONDS} s")
