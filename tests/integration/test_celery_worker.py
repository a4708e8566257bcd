"""A real Celery worker (issue item 6): broker, result backend, database and the request id header.

The worker runs as a subprocess against the pytest database, on a queue of its own so that other test
runs sharing the Redis server cannot steal the task.
"""

import uuid

import pytest
import redis
from celery import current_app
from celery.result import allow_join_result
from django.conf import settings

from orders.tasks import send_abandoned_cart_reminders_task
from shopplatform.api.request_id import current_request_id
from shopplatform.store.models import WorkerHeartbeat
from shopplatform.store.tasks import record_worker_heartbeat_task
from tests.celery_worker import running_worker

pytestmark = [pytest.mark.worker, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

TASK_TIMEOUT_SECONDS = 30


@pytest.fixture
def worker():
    with running_worker() as hostname_and_queue:
        yield hostname_and_queue


def test_worker_runs_the_task_with_the_request_id_of_the_caller(worker):
    hostname, queue = worker
    token = current_request_id.set("req-worker-42")
    try:
        result = record_worker_heartbeat_task.apply_async(queue=queue)
    finally:
        current_request_id.reset(token)

    with allow_join_result():  # the test waits as a caller would, whatever an earlier eager task left set
        recorded = result.get(timeout=TASK_TIMEOUT_SECONDS)

    assert recorded["hostname"] == hostname
    assert recorded["request_id"] == "req-worker-42"
    assert WorkerHeartbeat.objects.get(hostname=hostname).request_id == "req-worker-42"


def test_a_task_nobody_waits_for_leaves_no_result_in_redis(worker):
    """Results are kept only by tasks declared to return one (the heartbeat): a fired-and-forgotten task's outcome
    is in the database, and a result in Redis would stay there for a day."""
    _, queue = worker
    forgotten = send_abandoned_cart_reminders_task.apply_async(queue=queue)
    awaited = record_worker_heartbeat_task.apply_async(queue=queue)  # the solo worker runs them in this order

    with allow_join_result():
        assert awaited.get(timeout=TASK_TIMEOUT_SECONDS)["hostname"] == worker[0]
    backend = current_app.backend
    assert backend.get(backend.get_key_for_task(awaited.id)) is not None
    assert backend.get(backend.get_key_for_task(forgotten.id)) is None


def test_enqueueing_a_task_nobody_waits_for_subscribes_to_no_result_channel():
    """A task keeping its result made the enqueueing process subscribe to the result's channel, never to read it:
    one more subscription per order e-mail, per web process, and the worker's result pushed to a socket nobody
    reads."""
    queue = f"probe-{uuid.uuid4().hex[:12]}"  # no worker listens: the message is only enqueued
    client = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    try:
        sent = send_abandoned_cart_reminders_task.apply_async(queue=queue)

        assert client.pubsub_channels(current_app.backend.get_key_for_task(sent.id)) == []
        assert client.llen(queue) == 1
    finally:
        client.delete(queue)
