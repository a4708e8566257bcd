"""Cache backends that time every operation for /metrics (`shop_cache_operation_seconds{backend,operation}`).

django-prometheus's backends count reads, hits and misses; these add how long each call took, so a slow Redis
shows before it fails. The same mixin serves Redis (production) and local memory (development, tests).
"""

import time

from django_prometheus.cache.backends import locmem, redis
from prometheus_client import Histogram

OPERATION_SECONDS = Histogram(
    "shop_cache_operation_seconds",
    "Time of one cache call.",
    ["backend", "operation"],
    buckets=(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5),
)
TIMED_OPERATIONS = ("get", "set", "add", "delete", "incr", "get_many", "set_many", "delete_many", "touch")


class TimedCacheMixin:
    backend_label = "cache"

    def __getattribute__(self, name: str):
        attribute = super().__getattribute__(name)
        if name not in TIMED_OPERATIONS:
            return attribute
        histogram = OPERATION_SECONDS.labels(backend=super().__getattribute__("backend_label"), operation=name)

        def timed(*args, **kwargs):
            started = time.perf_counter()
            try:
                return attribute(*args, **kwargs)
            finally:
                histogram.observe(time.perf_counter() - started)

        return timed


# Named as the backends they time, so /healthz still reports "RedisCache" or "LocMemCache".
class RedisCache(TimedCacheMixin, redis.RedisCache):
    backend_label = "redis"


class LocMemCache(TimedCacheMixin, locmem.LocMemCache):
    backend_label = "locmem"
