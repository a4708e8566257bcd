"""A bulk job run by a real Celery worker on PostgreSQL and Redis: the request returns at once, the worker claims
the job and the progress and file appear in the database and storage the admin reads."""

import time

import pytest
from django.conf import settings
from django.core.files.storage import FileSystemStorage

from shopplatform.backoffice.jobs import services
from shopplatform.backoffice.jobs.models import Job
from tests.celery_worker import default_queue, running_worker
from tests.factories import ProductFactory

pytestmark = [pytest.mark.worker, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

JOB_TIMEOUT_SECONDS = 60


def test_a_worker_runs_an_export_job_to_its_end():
    ProductFactory.create_batch(3, price_cents=990)
    with running_worker() as (_hostname, queue), default_queue(queue):
        job = services.start_export(subject="products", file_format="csv")  # enqueued when its transaction commits
        deadline = time.monotonic() + JOB_TIMEOUT_SECONDS
        while not job.finished and time.monotonic() < deadline:
            time.sleep(0.2)
            job.refresh_from_db()

    assert (job.state, job.done, job.total) == (Job.State.DONE, 3, 3)
    # The worker wrote to the configured private storage, not to this test's temporary one.
    storage = FileSystemStorage(location=settings.VAR_DIR / "private" / "backoffice")
    with storage.open(job.result_name, "rb") as file:
        assert file.read().decode().count("9.90") == 3
    storage.delete(job.result_name)
