"""Give each pytest-xdist worker a Redis database of its own (loaded with `-p tests.parallel`, as `make test` does).

Workers share one Redis server, and every test empties the cache before it runs (tests/conftest.py) and counts
rate limits under keys made of row ids, which the workers' separate test databases hand out alike. So worker
`gwN` uses database number base + 1 + N of REDIS_URL. PostgreSQL needs nothing here: pytest-django gives each
worker its own test database (`test_<name>_gwN`), and `worker` tests hand both URLs to the Celery worker they start.

This runs when pytest imports the plugin, before pytest-django reads the settings, which take REDIS_URL from the
environment once.
"""

import os
from urllib.parse import urlsplit, urlunsplit

REDIS_DATABASES = 16  # redis-server's default `databases`


def worker_redis_url(url: str, worker: str) -> str:
    """`url` with the database number of `worker` ("gw0", "gw1", ...)."""
    parts = urlsplit(url)
    base = int(parts.path.strip("/") or 0)
    number = base + 1 + int(worker.removeprefix("gw"))
    if number >= REDIS_DATABASES:
        raise ValueError(f"{worker} would need Redis database {number}; redis-server has {REDIS_DATABASES}")
    return urlunsplit(parts._replace(path=f"/{number}"))


BASE_REDIS_URL = os.environ.get("REDIS_URL", "")  # as the run was given it
WORKER = os.environ.get("PYTEST_XDIST_WORKER")
if WORKER and BASE_REDIS_URL:
    os.environ["REDIS_URL"] = worker_redis_url(BASE_REDIS_URL, WORKER)
