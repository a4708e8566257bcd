"""Counters under real threads on PostgreSQL: downloads of versions."""

import pytest

from catalog.digital import services as digital_services
from catalog.models import DigitalListing, Version
from tests.threads import run_in_threads

from .factories import ProductFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
THREADS = 8


def test_parallel_downloads_are_all_counted(add_version):
    version = add_version(ProductFactory(), "1.0.0")
    per_thread = 5

    def download_repeatedly(_):
        for _attempt in range(per_thread):
            digital_services.record_download(version=Version.objects.get(pk=version.pk))

    assert run_in_threads(download_repeatedly, list(range(THREADS))) == []
    assert Version.objects.get(pk=version.pk).download_count == THREADS * per_thread
    assert DigitalListing.objects.get(product_id=version.product_id).download_count == THREADS * per_thread
