"""Periodic store tasks."""

from celery import shared_task

from shopplatform.api.request_id import current_request_id

from . import services


@shared_task(bind=True, ignore_result=False)
def record_worker_heartbeat_task(self) -> dict:
    """Stamp this worker's heartbeat (see /healthz); return what was recorded. Safe to run any number of times."""
    heartbeat = services.record_worker_heartbeat(
        hostname=self.request.hostname or "eager", request_id=current_request_id.get() or ""
    )
    return {
        "hostname": heartbeat.hostname,
        "seen_at": heartbeat.seen_at.isoformat(),
        "request_id": heartbeat.request_id or None,
    }
