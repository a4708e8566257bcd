"""`/metrics` for Prometheus: per-route request rates and latencies, database and cache timings (django-prometheus),
Celery queue depth and task outcomes, and whatever the apps register for scrape time (the webhook outbox).

The page is never public: a staff session or `Authorization: Bearer <METRICS_TOKEN>` (compared in constant time)
reads it; anyone else gets 401. With PROMETHEUS_MULTIPROC_DIR set (one directory shared by the gunicorn workers,
and the Celery workers on the same host), counters from every process are summed; without it each gunicorn worker
reports only its own. Collectors registered with `register_collector` run on every scrape, in the web process
that answers it, so they must be cheap (indexed counts).
"""

import hmac

import redis
from celery.signals import task_failure, task_retry, task_success
from django.conf import settings
from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from prometheus_client import REGISTRY, CollectorRegistry, Counter, generate_latest, multiprocess
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.exposition import CONTENT_TYPE_LATEST

# kombu's Redis transport keeps a queue as one list per priority step: "shop", "shop\x06\x163", …
PRIORITY_SUFFIXES = ["", "\x06\x163", "\x06\x166", "\x06\x169"]
BROKER_TIMEOUT_SECONDS = 1

TASKS = Counter("shop_celery_tasks_total", "Celery tasks finished, by task and outcome.", ["task", "outcome"])

_scrape_registry = CollectorRegistry(auto_describe=False)


def register_collector(collector) -> None:
    """Add a collector run on every scrape (an app's gauges read from the database)."""
    _scrape_registry.register(collector)


class QueueDepthCollector:
    """Messages waiting in each Celery queue on the Redis broker; `shop_celery_broker_up` 0 when it is down."""

    def collect(self):
        depth = GaugeMetricFamily("shop_celery_queue_length", "Messages waiting in a Celery queue.", labels=["queue"])
        up = GaugeMetricFamily("shop_celery_broker_up", "1 when the broker answered the scrape.")
        if not settings.REDIS_URL:
            return
        queues = {settings.CELERY_TASK_DEFAULT_QUEUE, settings.WEBHOOK_QUEUE or settings.CELERY_TASK_DEFAULT_QUEUE}
        try:
            client = redis.Redis.from_url(
                settings.CELERY_BROKER_URL,
                socket_timeout=BROKER_TIMEOUT_SECONDS,
                socket_connect_timeout=BROKER_TIMEOUT_SECONDS,
            )
            with client.pipeline() as pipeline:
                for queue in sorted(queues):
                    for suffix in PRIORITY_SUFFIXES:
                        pipeline.llen(queue + suffix)
                lengths = pipeline.execute()
            client.close()
        except redis.exceptions.RedisError:
            up.add_metric([], 0)
            yield up
            return
        step = len(PRIORITY_SUFFIXES)
        for index, queue in enumerate(sorted(queues)):
            depth.add_metric([queue], sum(lengths[index * step : (index + 1) * step]))
        up.add_metric([], 1)
        yield depth
        yield up


register_collector(QueueDepthCollector())


@task_success.connect
def count_success(sender=None, **kwargs) -> None:
    TASKS.labels(task=sender.name, outcome="success").inc()


@task_failure.connect
def count_failure(sender=None, **kwargs) -> None:
    TASKS.labels(task=sender.name, outcome="failure").inc()


@task_retry.connect
def count_retry(sender=None, **kwargs) -> None:
    TASKS.labels(task=sender.name, outcome="retry").inc()


def _allowed(request) -> bool:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.is_staff:
        return True
    token = settings.METRICS_TOKEN
    scheme, _, offered = request.headers.get("Authorization", "").partition(" ")
    return bool(token) and scheme.lower() == "bearer" and hmac.compare_digest(offered.strip(), token)


def _process_metrics() -> bytes:
    if settings.PROMETHEUS_MULTIPROC_DIR:
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry)
    return generate_latest(REGISTRY)


@never_cache
def metrics_view(request):
    """The Prometheus text format, for a staff session or the METRICS_TOKEN bearer; 401 for anyone else."""
    if not _allowed(request):
        response = HttpResponse("Authentication required.", status=401, content_type="text/plain")
        response["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return response
    return HttpResponse(_process_metrics() + generate_latest(_scrape_registry), content_type=CONTENT_TYPE_LATEST)
