"""Periodic orders tasks. Each imports the service it runs inside its body (the rule that keeps tasks out of
import cycles: services may enqueue tasks, tasks never load services at import time)."""

from celery import shared_task


@shared_task
def send_abandoned_cart_reminders_task() -> int:
    """E-mail due abandoned-cart reminders; safe to run any number of times (each cart is reminded once)."""
    from .services.reminders import send_abandoned_cart_reminders

    return send_abandoned_cart_reminders()
