"""/healthz: database, cache and broker checks; 503 when one is down; last worker heartbeat."""

import pytest
from django.utils import timezone

from shopplatform.store.models import WorkerHeartbeat

pytestmark = pytest.mark.django_db

UNREACHABLE_REDIS = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
    }
}


def test_healthz_is_ok_when_every_dependency_answers(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert all(check["ok"] for check in body["checks"].values())
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.postgres
@pytest.mark.redis
def test_healthz_is_ok_on_postgresql_and_redis(client):
    checks = client.get("/healthz").json()["checks"]

    assert checks["database"]["vendor"] == "postgresql"
    assert checks["cache"]["backend"] == "RedisCache"
    assert checks["broker"]["mode"] == "redis"


def test_healthz_is_503_when_the_cache_is_unreachable(client, settings):
    settings.CACHES = UNREACHABLE_REDIS

    response = client.get("/healthz")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["cache"]["ok"] is False
    assert body["checks"]["database"]["ok"] is True


def test_healthz_reports_the_last_worker_heartbeat(client):
    WorkerHeartbeat.objects.create(hostname="celery@old", seen_at=timezone.now() - timezone.timedelta(minutes=5))
    WorkerHeartbeat.objects.create(hostname="celery@new", seen_at=timezone.now())

    worker = client.get("/healthz").json()["worker"]

    assert worker["hostname"] == "celery@new"


def test_healthz_shows_no_worker_before_any_heartbeat(client):
    assert client.get("/healthz").json()["worker"] is None
