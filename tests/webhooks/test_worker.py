"""A real Celery worker on Redis delivers committed events, signed, to a loopback receiver (issue 8)."""

import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import transaction

from webhooks.events import emit_event
from webhooks.models import Delivery

from .factories import WebhookEndpointFactory

BASE_DIR = Path(django_settings.BASE_DIR)
EVENTS = [
    ("product.updated", {"id": "prod_1", "title": "Chair"}),
    ("order.status_changed", {"id": "ord_1", "status": "sent"}),
    ("wallet.transfer.succeeded", {"id": "trf_1", "amount_cents": 1250, "currency": "EUR"}),
]


def database_url() -> str:
    db = django_settings.DATABASES["default"]
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{credentials}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


@pytest.fixture
def worker_queue(settings):
    """A celery worker on a queue of its own, against the test database; always terminated."""
    queue = f"test-webhooks-{uuid.uuid4().hex[:12]}"
    settings.WEBHOOK_QUEUE = queue
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "REDIS_URL": settings.REDIS_URL,
        "SHOP_ALLOW_PRIVATE_URLS": "true",
        "WEBHOOK_QUEUE": queue,
    }
    celery = Path(sys.executable).with_name("celery")
    command = [str(celery), "-A", "shopplatform", "worker", "--pool=solo", "-Q", queue, "--loglevel=WARNING"]
    command += ["--without-gossip", "--without-mingle", "--without-heartbeat"]
    with tempfile.TemporaryFile() as log:
        worker = subprocess.Popen(command, cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            yield worker
        finally:
            worker.terminate()
            try:
                worker.wait(timeout=15)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait()
            log.seek(0)
            sys.stderr.write(log.read().decode(errors="replace")[-3000:])


@pytest.mark.worker
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_worker_delivers_committed_events_signed_with_both_schemes(receiver, worker_queue):
    endpoint = WebhookEndpointFactory(url=receiver.url("/hook"))
    receiver.secret = endpoint.secret

    for event_type, obj in EVENTS:
        with transaction.atomic():
            emit_event(event_type, obj=obj)

    requests = receiver.wait_for_requests(len(EVENTS), timeout=90)
    assert sorted(request.headers["X-Shop-Event"] for request in requests) == sorted(t for t, _ in EVENTS)
    assert receiver.checks == [(True, True)] * len(EVENTS)
    deadline = time.monotonic() + 20
    while Delivery.objects.exclude(status=Delivery.Status.SUCCEEDED).exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert set(Delivery.objects.values_list("status", flat=True)) == {Delivery.Status.SUCCEEDED}
