"""The Celery app. Without REDIS_URL tasks run eagerly in-process (settings.CELERY_TASK_ALWAYS_EAGER).

The request id travels in the `request_id` message header: set when a task is published inside a request,
and restored into the worker's context so its logs carry it.
"""

import os

from celery import Celery
from celery.signals import before_task_publish, task_postrun, task_prerun

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shopplatform.settings")

app = Celery("shopplatform")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
app.autodiscover_tasks(["shopplatform.api", "shopplatform.accounts", "shopplatform.store"])

_tokens: dict[str, object] = {}


@before_task_publish.connect
def attach_request_id(headers=None, **kwargs) -> None:
    from shopplatform.api.request_id import current_request_id

    request_id = current_request_id.get()
    if headers is not None and request_id and "request_id" not in headers:
        headers["request_id"] = request_id


@task_prerun.connect
def restore_request_id(task_id=None, task=None, **kwargs) -> None:
    from shopplatform.api.request_id import current_request_id

    request_id = getattr(task.request, "request_id", None) or (task.request.headers or {}).get("request_id")
    if request_id:
        _tokens[task_id] = current_request_id.set(request_id)


@task_postrun.connect
def clear_request_id(task_id=None, **kwargs) -> None:
    from shopplatform.api.request_id import current_request_id

    token = _tokens.pop(task_id, None)
    if token is not None:
        current_request_id.reset(token)


@task_postrun.connect
def close_old_connections(task=None, **kwargs) -> None:
    """After a worker's task, what Django does after a request: close connections past CONN_MAX_AGE or broken
    (settings.CELERY_DB_REUSE_MAX keeps Celery from closing them all)."""
    from django.db import close_old_connections

    if task is not None and not getattr(task.request, "is_eager", False):
        close_old_connections()
