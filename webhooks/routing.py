"""Celery routing: webhook tasks go to settings.WEBHOOK_QUEUE when it is set (a dedicated delivery worker)."""

from django.conf import settings


def route_webhook_task(name, args, kwargs, options, task=None, **extra):
    if name.startswith("webhooks.tasks.") and settings.WEBHOOK_QUEUE:
        return {"queue": settings.WEBHOOK_QUEUE}
    return None
