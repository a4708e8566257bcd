"""pytest-xdist workers each use a Redis database of their own (tests/parallel.py, docs/testing.md)."""

import pytest
from django.conf import settings
from django_redis import get_redis_connection

from tests import parallel
from tests.parallel import worker_redis_url

pytestmark = pytest.mark.no_database  # run once, in the PostgreSQL suite (.ci/run)


@pytest.mark.parametrize(
    ("url", "worker", "expected"),
    [
        ("redis://127.0.0.1:6379/0", "gw0", "redis://127.0.0.1:6379/1"),
        ("redis://127.0.0.1:6379/0", "gw1", "redis://127.0.0.1:6379/2"),
        ("redis://127.0.0.1:6379", "gw0", "redis://127.0.0.1:6379/1"),
        ("redis://:secret@cache.internal:6380/4", "gw2", "redis://:secret@cache.internal:6380/7"),
    ],
)
def test_each_worker_gets_the_database_after_the_base_one_by_its_number(url, worker, expected):
    assert worker_redis_url(url, worker) == expected


def test_a_worker_beyond_the_servers_databases_is_refused_by_name():
    with pytest.raises(ValueError, match="gw15 would need Redis database 16"):
        worker_redis_url("redis://127.0.0.1:6379/0", "gw15")


@pytest.mark.redis
@pytest.mark.skipif(parallel.WORKER is None, reason="runs in one process, not in a pytest-xdist worker")
def test_this_worker_talks_to_its_own_redis_database():
    """Fails if the plugin is not loaded before the settings (`make test` passes `-p tests.parallel`)."""
    own = parallel.worker_redis_url(parallel.BASE_REDIS_URL, parallel.WORKER)
    assert settings.REDIS_URL == own != parallel.BASE_REDIS_URL
    assert get_redis_connection("default").connection_pool.connection_kwargs["db"] == int(own.rsplit("/", 1)[1])
