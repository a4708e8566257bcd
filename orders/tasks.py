"""Periodic orders tasks."""

from celery import shared_task

from .services.reminders import send_abandoned_cart_reminders


@shared_task
def send_abandoned_cart_reminders_task() -> int:
    """E-mail due abandoned-cart reminders; safe to run any number of times (each cart is reminded once)."""
    return send_abandoned_cart_reminders()
