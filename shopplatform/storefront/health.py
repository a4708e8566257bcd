"""/healthz: database, cache and broker checks for load balancers and uptime monitors."""

import time

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from shopplatform.store.models import WorkerHeartbeat


def _check(probe) -> dict:
    started = time.perf_counter()
    try:
        detail = probe()
    except Exception as exc:  # any failure means the dependency is down; report it, don't raise
        return {"ok": False, "error": type(exc).__name__}
    return {"ok": True, "ms": round((time.perf_counter() - started) * 1000, 1), **(detail or {})}


def _database() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return {"vendor": connection.vendor}


def _cache() -> dict:
    cache.set("healthz", "ok", 10)
    if cache.get("healthz") != "ok":
        raise RuntimeError("cache did not return the value it stored")
    return {"backend": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]}


def _broker() -> dict:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return {"mode": "eager"}
    from shopplatform.celery import app

    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)
    return {"mode": "redis"}


def _last_worker_heartbeat() -> dict | None:
    """The newest worker heartbeat, for information only: a lagging worker does not make the web tier unhealthy."""
    try:
        heartbeat = WorkerHeartbeat.objects.first()
    except DatabaseError:
        return None
    if heartbeat is None:
        return None
    return {"hostname": heartbeat.hostname, "seen_at": heartbeat.seen_at.strftime("%Y-%m-%dT%H:%M:%SZ")}


@never_cache
def healthz(request):
    """Report database, cache and broker; 503 when any is down. Also shows the last worker heartbeat."""
    checks = {"database": _check(_database), "cache": _check(_cache), "broker": _check(_broker)}
    healthy = all(check["ok"] for check in checks.values())
    body = {"status": "ok" if healthy else "degraded", "checks": checks, "worker": _last_worker_heartbeat()}
    return JsonResponse(body, status=200 if healthy else 503)
