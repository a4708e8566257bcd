"""Shopplatform: the project package, its settings and the platform-wide apps."""

from .celery import app as celery_app

__all__ = ["celery_app"]
