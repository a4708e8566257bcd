"""A real Celery worker (issue item 6): broker, result backend, database and the request id header.

The worker runs as a subprocess against the pytest database, on a queue of its own so that other test
runs sharing the Redis server cannot steal the task.
"""

import os
import subprocess
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings

from shopplatform.api.request_id import current_request_id
from shopplatform.celery import app
from shopplatform.store.models import WorkerHeartbeat
from shopplatform.store.tasks import record_worker_heartbeat_task

pytestmark = [pytest.mark.worker, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

PROJECT_DIR = Path(settings.BASE_DIR)
CELERY = PROJECT_DIR / ".venv" / "bin" / "celery"
STARTUP_TIMEOUT_SECONDS = 60
TASK_TIMEOUT_SECONDS = 30


def worker_database_url() -> str:
    database = settings.DATABASES["default"]
    credentials = database["USER"] + (f":{database['PASSWORD']}" if database.get("PASSWORD") else "")
    return f"postgres://{credentials}@{database['HOST']}:{database['PORT']}/{database['NAME']}"


@pytest.fixture
def worker():
    """Start `celery worker` on a unique queue; yield (hostname, queue); always terminate it."""
    suffix = uuid.uuid4().hex[:12]
    queue, hostname = f"test-{suffix}", f"test-{suffix}@localhost"
    env = {**os.environ, "DATABASE_URL": worker_database_url(), "REDIS_URL": settings.REDIS_URL, "CELERY_QUEUE": queue}
    process = subprocess.Popen(
        [str(CELERY), "-A", "shopplatform", "worker", "--pool=solo", "--concurrency=1", "-Q", queue, "-n", hostname,
         "--without-gossip", "--without-mingle", "--loglevel=WARNING"],
        cwd=PROJECT_DIR, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        wait_until_it_answers(process, hostname)
        yield hostname, queue
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_until_it_answers(process: subprocess.Popen, hostname: str) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"celery worker exited with {process.returncode}:\n{process.stdout.read().decode()}")
        if app.control.ping(destination=[hostname], timeout=1):
            return
    pytest.fail(f"celery worker {hostname} did not answer a ping within {STARTUP_TIMEOUT_SECONDS} s")


def test_worker_runs_the_task_with_the_request_id_of_the_caller(worker):
    hostname, queue = worker
    token = current_request_id.set("req-worker-42")
    try:
        result = record_worker_heartbeat_task.apply_async(queue=queue)
    finally:
        current_request_id.reset(token)

    recorded = result.get(timeout=TASK_TIMEOUT_SECONDS)

    assert recorded["hostname"] == hostname
    assert recorded["request_id"] == "req-worker-42"
    assert WorkerHeartbeat.objects.get(hostname=hostname).request_id == "req-worker-42"
