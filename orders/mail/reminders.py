"""Abandoned-cart reminders (the store's abandoned-cart settings): one e-mail per cart, sent `carts_send_after` hours
after its last change when the store switched automatic notifications on.

The subject and lead are the store's templates, written Twig-style, so the two placeholders they use
are filled in here: `{{ cart.client_name }}` and `{{ cart.client_name|first_word }}`. Each cart is claimed by a
conditional UPDATE of `reminded_at` before its e-mail goes out, so parallel runs never send twice.
"""

import re
from datetime import timedelta

from django.core.mail import send_mail
from django.db.models import Q
from django.utils import timezone

from shopplatform.links import absolute_url
from shopplatform.store.models import Store

from ..models import Cart

PLACEHOLDER = re.compile(r"\{\{\s*cart\.client_name\s*(\|\s*first_word\s*)?\}\}")


def fill_template(template: str, *, client_name: str) -> str:
    """Replace the client-name placeholders of a reminder template."""

    def replace(match: re.Match) -> str:
        return (client_name.split() or [""])[0] if match.group(1) else client_name

    return PLACEHOLDER.sub(replace, template)


def send_abandoned_cart_reminders() -> int:
    """E-mail every due, not yet reminded open cart with lines; return how many e-mails went out."""
    store = Store.load()
    if not (store.carts_automatic_notifications and store.carts_send_after):
        return 0
    due = timezone.now() - timedelta(hours=store.carts_send_after)
    carts = (
        Cart.objects.filter(status=Cart.Status.OPEN, reminded_at__isnull=True, updated_at__lte=due, lines__isnull=False)
        .exclude(Q(email="") & (Q(customer__isnull=True) | Q(customer__email="")))
        .select_related("customer")
        .distinct()
    )
    sent = 0
    for cart in carts:
        if not Cart.objects.filter(pk=cart.pk, reminded_at__isnull=True).update(reminded_at=timezone.now()):
            continue  # another run claimed it
        name = cart.customer.name if cart.customer_id else ""
        body = fill_template(store.carts_email_lead or "You left products in your cart.", client_name=name)
        if store.carts_coupon:
            body += f"\n\nUse the coupon {store.carts_coupon} when you complete your order."
        send_mail(
            subject=fill_template(store.carts_email_subject or "Your cart is waiting", client_name=name),
            message=f"{body}\n\n{absolute_url('/cart')}",
            from_email=None,
            recipient_list=[cart.email or cart.customer.email],
        )
        sent += 1
    return sent
