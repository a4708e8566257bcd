"""Concurrent uploads of the same bytes make one media (PostgreSQL, real threads)."""

import threading

import pytest
from django.db import connection

from media_library import services
from media_library.models import Media

from .factories import image_bytes

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_concurrent_uploads_of_the_same_bytes_make_one_media():
    data = image_bytes(color=(77, 66, 55))
    workers = 6
    barrier = threading.Barrier(workers)
    results, errors = [], []

    def upload():
        try:
            barrier.wait()
            results.append(services.add_media_bytes(data=data, name="race.png"))
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=upload) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert Media.objects.count() == 1
    assert {media.pk for media, _ in results} == {Media.objects.get().pk}
    assert sorted(created for _, created in results) == [False] * (workers - 1) + [True]
    assert Media.objects.get().status == "ready"
