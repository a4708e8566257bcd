"""Answers shared for a query (counts, brand choices): kept by the process for STORE_SETTINGS_CACHE_SECONDS on top
of the shared cache, so a page does not pay a cache round trip for the same count every time."""

import pytest

from catalog.models import Product
from shopplatform import query_cache

pytestmark = pytest.mark.django_db


@pytest.fixture
def computed(monkeypatch):
    monkeypatch.setattr(query_cache, "_local", {})
    calls = []

    def count(value):
        def compute():
            calls.append(value)
            return value

        return compute

    return calls, count


def shared(compute, title="Teapot"):
    return query_cache.shared_for_query(
        Product.objects.filter(title=title), compute, kind="test-count", seconds=60, empty=0
    )


def test_the_process_keeps_an_answer_and_skips_the_cache(settings, computed, monkeypatch):
    settings.STORE_SETTINGS_CACHE_SECONDS = 2
    calls, count = computed
    assert shared(count(3)) == 3
    reads = []
    monkeypatch.setattr(query_cache, "cached_many", lambda keys: reads.append(keys) or {})

    assert shared(count(4)) == 3

    assert calls == [3] and reads == []


def test_without_process_seconds_every_read_asks_the_shared_cache(settings, computed, monkeypatch):
    settings.STORE_SETTINGS_CACHE_SECONDS = 0
    _, count = computed
    shared(count(3))
    query_cache.cache.clear()

    assert shared(count(4)) == 4
    assert query_cache._local == {}


def test_an_expired_process_copy_reads_the_shared_cache_again(settings, computed, monkeypatch):
    settings.STORE_SETTINGS_CACHE_SECONDS = 2
    calls, count = computed
    shared(count(3))
    now = query_cache.time.monotonic()
    monkeypatch.setattr(query_cache.time, "monotonic", lambda: now + 3)
    query_cache.cache.clear()

    assert shared(count(5)) == 5
    assert calls == [3, 5]


def test_the_process_keeps_a_bounded_number_of_answers(settings, computed, monkeypatch):
    settings.STORE_SETTINGS_CACHE_SECONDS = 2
    monkeypatch.setattr(query_cache, "LOCAL_ANSWERS", 3)
    _, count = computed
    for index in range(5):
        shared(count(index), title=f"Product {index}")

    assert len(query_cache._local) == 3
    query_cache.cache.clear()
    assert shared(count(9), title="Product 0") == 9  # the oldest went first
    assert shared(count(9), title="Product 4") == 4
