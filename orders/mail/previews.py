"""What the admin's preview shows and its "send me a test" sends: an e-mail of one kind, rendered as it would go out.

Order e-mails are rendered for the store's most recent order (nothing is recorded or changed); facts an order does
not hold (a refund amount, a wallet credit, a product back in stock) are samples. With no order yet, a merchant's
template is filled with sample values and the order blocks show as bracketed names; the default file templates
need a real order, so their preview is refused until one exists.
"""

from email.utils import formataddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django.utils import timezone

from catalog.models import Product
from shopplatform.errors import InvalidInput
from shopplatform.links import absolute_url
from shopplatform.store.models import Store

from ..models import EmailTemplate, Notification, NotificationKind, Order
from .messages import build_message
from .overrides import SAMPLE_VALUES, render_override

Kind = NotificationKind
WITHOUT_ORDER = (Kind.WALLET_CREDITED, Kind.BACK_IN_STOCK, Kind.MERCHANT_LOW_STOCK, Kind.MERCHANT_WEBHOOK_FAILING)


class NoOrderToPreview(InvalidInput):
    """The default wording of an order e-mail can only be shown for a real order, and the store has none yet."""

    code, title = "no_order_to_preview", "No order to preview"


def preview_message(*, kind: str, recipient: str) -> EmailMultiAlternatives:
    """The e-mail of this kind as it would be sent now; raise NoOrderToPreview (see the module docstring)."""
    store = Store.load()
    order = Order.objects.order_by("-pk").first()
    if order is None and kind not in WITHOUT_ORDER:
        override = EmailTemplate.objects.filter(kind=kind).first()
        if override is None:
            raise NoOrderToPreview("The default e-mail is shown for a real order: the store has none yet.")
        subject, text, html = render_override(override, values=SAMPLE_VALUES, context=None)
        message = EmailMultiAlternatives(
            subject, text, formataddr((store.name, settings.DEFAULT_FROM_EMAIL)), to=[recipient]
        )
        message.attach_alternative(html, "text/html")
        return message
    facts = sample_facts(kind, order=order, store=store)
    return build_message(Notification(kind=kind, recipient=recipient, order=order, context=facts))


def sample_facts(kind: str, *, order: Order | None, store: Store) -> dict:
    """The facts a notification of this kind records besides its order, as samples."""
    if kind == Kind.ORDER_REFUNDED and order is not None:
        return {"refunded_cents": order.total_cents}
    if kind == Kind.WALLET_CREDITED:
        return {"amount_cents": 1000, "balance_cents": 2500, "currency": store.currency, "note": "Thank-you credit"}
    if kind == Kind.MERCHANT_WEBHOOK_FAILING:
        return {
            "url": SAMPLE_VALUES["endpoint.url"],
            "state": "failing",
            "since": timezone.now().isoformat(),
            "error": SAMPLE_VALUES["endpoint.error"],
        }
    product = Product.objects.order_by("-pk").first()
    title = product.title if product is not None else SAMPLE_VALUES["product.title"]
    if kind == Kind.MERCHANT_LOW_STOCK:
        return {"target_id": getattr(product, "public_id", ""), "title": title, "quantity": 2}
    if kind == Kind.BACK_IN_STOCK:
        url = absolute_url(reverse("catalog:product", args=[product.slug])) if product else SAMPLE_VALUES["product.url"]
        return {
            "product_title": title,
            "variant_title": "",
            "product_url": url,
            "unsubscribe_url": SAMPLE_VALUES["alerts.unsubscribe_url"],
        }
    return {}
