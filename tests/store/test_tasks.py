"""Worker heartbeat task (runs eagerly here; tests/integration runs it on a real worker)."""

import pytest

from shopplatform.api.request_id import current_request_id
from shopplatform.store.models import WorkerHeartbeat
from shopplatform.store.tasks import record_worker_heartbeat_task

pytestmark = pytest.mark.django_db


def test_heartbeat_task_records_the_request_id_it_ran_under():
    token = current_request_id.set("req-heartbeat-1")
    try:
        result = record_worker_heartbeat_task.delay().get()
    finally:
        current_request_id.reset(token)

    assert result["request_id"] == "req-heartbeat-1"
    assert WorkerHeartbeat.objects.get(hostname=result["hostname"]).request_id == "req-heartbeat-1"


def test_heartbeat_task_run_twice_keeps_one_row_per_worker():
    record_worker_heartbeat_task.delay().get()
    record_worker_heartbeat_task.delay().get()

    assert WorkerHeartbeat.objects.count() == 1
