"""The back-office's Celery tasks, where Celery's autodiscovery looks for them."""

from .jobs.tasks import run_job_task

__all__ = ["run_job_task"]
