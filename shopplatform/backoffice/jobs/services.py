"""Starting bulk jobs from the admin.

A job is created in the request with what it needs (subject, format, selected ids, the uploaded file saved to the
private `backoffice_files` storage) and its task is enqueued on commit; the request returns at once and the
merchant watches the job page while the worker runs it (jobs/runner.py).
"""

import uuid

from django.db import transaction

from orders.models import OrderStatus
from shopplatform.errors import InvalidInput

from ..imports import IMPORTERS
from ..tables import file_format_of
from . import tasks
from .models import Job
from .storage import job_storage

MAX_UPLOAD_BYTES = 50 * 1024 * 1024


class JobRefused(InvalidInput):
    """The bulk job cannot start as asked."""

    code, title = "job_refused", "Job refused"


@transaction.atomic
def start_export(*, subject: str, file_format: str, ids: list[int] | None = None, user=None) -> Job:
    """Queue an export of the subject's records (all, or only `ids`) as CSV or XLSX."""
    if file_format not in Job.Format.values:
        raise JobRefused(f"'{file_format}' is not an export format: choose CSV or XLSX.", param="file_format")
    job = Job.objects.create(kind=Job.Kind.EXPORT, subject=subject, file_format=file_format, created_by=user,
                             params={} if ids is None else {"ids": ids})  # fmt: skip
    _enqueue(job)
    return job


@transaction.atomic
def start_import_preview(*, subject: str, upload, user=None) -> Job:
    """Store the uploaded file and queue its dry run; raise UnreadableFile or JobRefused for a file we refuse."""
    if subject not in IMPORTERS:
        raise JobRefused(f"{subject.capitalize()} are exported only, not imported.", param="file")
    file_format = file_format_of(upload.name)
    if upload.size > MAX_UPLOAD_BYTES:
        raise JobRefused(f"The file is larger than {MAX_UPLOAD_BYTES // 1024 // 1024} MB.", param="file")
    name = job_storage().save(f"imports/{subject}-{uuid.uuid4().hex}.{file_format}", upload)
    job = Job.objects.create(kind=Job.Kind.IMPORT_PREVIEW, subject=subject, file_format=file_format,
                             source_name=name, source_label=upload.name[:255], created_by=user)  # fmt: skip
    _enqueue(job)
    return job


@transaction.atomic
def confirm_import(*, preview: Job, user=None) -> Job:
    """Queue the import a finished, error-free preview showed; confirming twice returns the same import."""
    preview = Job.objects.select_for_update().get(pk=preview.pk)
    if preview.kind != Job.Kind.IMPORT_PREVIEW or preview.state != Job.State.DONE:
        raise JobRefused("Only a finished import preview can be confirmed.")
    if preview.counts.get("failed"):
        raise JobRefused("The preview found rows with errors: correct the file and upload it again.")
    existing = Job.objects.filter(kind=Job.Kind.IMPORT, params__preview=preview.public_id).first()
    if existing is not None:
        return existing
    job = Job.objects.create(kind=Job.Kind.IMPORT, subject=preview.subject, file_format=preview.file_format,
                             source_name=preview.source_name, source_label=preview.source_label, created_by=user,
                             params={"preview": preview.public_id})  # fmt: skip
    _enqueue(job)
    return job


@transaction.atomic
def start_order_status_change(*, order_ids: list[int], status: str, user=None) -> Job:
    """Queue moving each order to `status` through the workflow service; refusals are collected per order."""
    if status not in OrderStatus.values:
        raise JobRefused(f"'{status}' is not an order status.", param="status")
    job = Job.objects.create(kind=Job.Kind.ORDER_STATUS, subject=Job.Subject.ORDERS, created_by=user,
                             total=len(order_ids), params={"status": status, "ids": list(order_ids)})  # fmt: skip
    _enqueue(job)
    return job


def _enqueue(job: Job) -> None:
    transaction.on_commit(lambda: tasks.run_job_task.delay(job.pk))
