"""Bulk jobs run eagerly on commit (as the worker would run them), their files in a temporary private storage."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from shopplatform.backoffice.jobs import services
from shopplatform.backoffice.jobs.models import Job
from shopplatform.backoffice.jobs.storage import job_storage


@pytest.fixture(autouse=True)
def _private_job_storage(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "backoffice_files": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "backoffice")},
        },
    }


def csv_upload(rows: list[dict], name: str = "rows.csv") -> SimpleUploadedFile:
    """A CSV file whose header is the first row's keys."""
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return SimpleUploadedFile(name, text.getvalue().encode(), content_type="text/csv")


def job_file_rows(job: Job) -> list[dict]:
    """The rows of an exported CSV file."""
    with job_storage().open(job.result_name, "rb") as file:
        return list(csv.DictReader(io.StringIO(file.read().decode())))


@pytest.fixture
def run_jobs(django_capture_on_commit_callbacks):
    """Call a service that starts a job and run the job its commit enqueues; return the job as it ended."""

    def run(start, **kwargs) -> Job:
        with django_capture_on_commit_callbacks(execute=True):
            job = start(**kwargs)
        return Job.objects.get(pk=job.pk)

    return run


@pytest.fixture
def preview_and_import(run_jobs):
    """Upload the file, run its preview, confirm it and run the import; return (preview, import) jobs."""

    def run(subject: str, rows: list[dict]) -> tuple[Job, Job]:
        preview = run_jobs(services.start_import_preview, subject=subject, upload=csv_upload(rows))
        assert preview.state == Job.State.DONE, preview.failure
        assert preview.errors == []
        return preview, run_jobs(services.confirm_import, preview=preview)

    return run
