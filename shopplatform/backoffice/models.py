"""The back-office's tables; each part keeps its models in its own package and Django finds them here."""

from . import history  # noqa: F401  (registers the historical tables of products, orders, coupons, store)
from .jobs.models import Job

__all__ = ["Job"]
