"""Bulk jobs: exports, imports and order status changes run as Celery tasks, their progress kept in a Job row."""
