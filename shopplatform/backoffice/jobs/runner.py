"""Running a bulk job in the worker: an export, an import (preview or apply) or an order status change.

The task claims the job with a conditional UPDATE (queued → running), so a message delivered twice runs it once,
and writes its progress about a hundred times over the run, in its own statements outside the records'
transactions, so the job page sees it move.
"""

import logging

from django.core.files import File
from django.utils import timezone

from orders.models import Order
from orders.services import change_order_status
from shopplatform.errors import ShopError

from ..exports import export_sheet
from ..imports import IMPORTERS, run_import
from ..tables import TableWriter, read_table
from .models import MAX_STORED_ERRORS, Job
from .storage import job_storage

logger = logging.getLogger(__name__)
PROGRESS_STEPS = 100
STATUS_CHUNK = 500


def run_job(*, job_id: int) -> None:
    """Run a queued job to its end; a refusal or an unexpected error ends it as failed, with the reason."""
    claimed = Job.objects.filter(pk=job_id, state=Job.State.QUEUED).update(
        state=Job.State.RUNNING, started_at=timezone.now()
    )
    if not claimed:
        return
    job = Job.objects.get(pk=job_id)
    run = {Job.Kind.EXPORT: _export, Job.Kind.ORDER_STATUS: _change_statuses}.get(job.kind, _import)
    try:
        run(job)
    except ShopError as refusal:
        _finish(job, state=Job.State.FAILED, failure=refusal.detail)
    except Exception:
        logger.exception("Back-office job %s failed", job.public_id)
        _finish(job, state=Job.State.FAILED, failure="The job stopped on an error on our side; try again.")


class Progress:
    """Writes `done` (and `total` when it becomes known) about PROGRESS_STEPS times over the job."""

    def __init__(self, job: Job, total: int = 0) -> None:
        self.job_pk, self.step, self.next = job.pk, 1, 0
        self.restart(total)

    def restart(self, total: int) -> None:
        self.step = max(1, total // PROGRESS_STEPS)
        self.next = self.step
        Job.objects.filter(pk=self.job_pk).update(total=total, done=0)

    def __call__(self, done: int, total: int | None = None) -> None:
        if done == 0 and total is not None:
            self.restart(total)
        elif done >= self.next:
            Job.objects.filter(pk=self.job_pk).update(done=done)
            self.next = done + self.step


def _export(job: Job) -> None:
    sheet = export_sheet(job.subject, ids=job.params.get("ids"))
    progress, writer, rows = Progress(job, sheet.total), TableWriter(job.file_format, sheet.header), 0
    for done, row in sheet.rows:
        writer.write(row)
        rows += 1
        progress(done)
    stamp = timezone.now().strftime("%Y%m%d-%H%M")
    with writer.finish() as file:
        name = job_storage().save(f"exports/{job.subject}-{stamp}-{job.public_id}.{job.file_format}", File(file))
    _finish(job, done=sheet.total, result_name=name, counts={"rows": rows})


def _import(job: Job) -> None:
    with job_storage().open(job.source_name, "rb") as file:
        rows = list(read_table(file, job.file_format))
    report = run_import(IMPORTERS[job.subject](), rows, apply=job.kind == Job.Kind.IMPORT, progress=Progress(job))
    _finish(job, total=report.total, done=report.total, counts=report.counts, errors=report.errors,
            preview=report.preview)  # fmt: skip


def _change_statuses(job: Job) -> None:
    ids, status = job.params["ids"], job.params["status"]
    progress, counts, errors = Progress(job, len(ids)), {"changed": 0, "unchanged": 0, "failed": 0}, []
    done = 0
    for start in range(0, len(ids), STATUS_CHUNK):
        for order in Order.objects.filter(pk__in=ids[start : start + STATUS_CHUNK]).order_by("pk"):
            if order.status == status:
                counts["unchanged"] += 1
            else:
                try:
                    change_order_status(order=order, status=status, changed_by=job.created_by,
                                        note=f"Bulk status change ({job.public_id})")  # fmt: skip
                    counts["changed"] += 1
                except ShopError as refusal:
                    counts["failed"] += 1
                    if len(errors) < MAX_STORED_ERRORS:
                        errors.append({"row": order.number, "column": "", "message":
                                       f"Order #{order.number}: {refusal.detail}"})  # fmt: skip
            done += 1
            progress(done)
    _finish(job, done=len(ids), counts=counts, errors=errors)


def _finish(job: Job, *, state: str = Job.State.DONE, **fields) -> None:
    Job.objects.filter(pk=job.pk).update(state=state, finished_at=timezone.now(), **fields)
