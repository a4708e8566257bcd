"""The Celery task of bulk jobs: safe to run twice (a job runs once)."""

from celery import shared_task


@shared_task(acks_late=True)
def run_job_task(job_id: int) -> None:
    """Run a queued export, import or status change; a job already started or finished is left alone."""
    from .runner import run_job

    run_job(job_id=job_id)
