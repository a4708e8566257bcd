"""Rendering a notification into an e-mail: subject, plain text and HTML from templates/email/<kind>/, or from the
merchant's own wording of that kind (orders.mail.overrides).

Every message is branded with the store's name and logo, sent from DEFAULT_FROM_EMAIL under the store's name and
answered to the store's address. It is rendered in the store's language (customers have no language setting of
their own yet). Amounts are formatted in the order's currency and the store's locale; addresses carry the
country's name, not its code.
"""

from datetime import datetime
from email.utils import formataddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django.utils import translation

from shopplatform.countries import address_country_name
from shopplatform.links import site_url
from shopplatform.money import format_money
from shopplatform.store.models import PaymentMethod, Store
from shopplatform.store.payments import PaymentMethodType

from ..links import order_link_url
from ..models import Notification, NotificationKind, Order
from ..payments.instructions import payment_instructions
from .overrides import render_email

REFUND_DESTINATIONS = {
    PaymentMethodType.WALLET: "your wallet in this store",
    PaymentMethodType.CREDIT_CARD: "the card you paid with (it can take 5-10 days to appear)",
}


def build_message(notification: Notification) -> EmailMultiAlternatives:
    """The ready-to-send message of a notification."""
    store = Store.load()
    context = message_context(notification, store)
    with translation.override(translation.to_language(store.locale or settings.LANGUAGE_CODE)):
        subject, text, html = render_email(notification.kind, context)
    reply_to = [store.email] if store.email and store.email != notification.recipient else None
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=formataddr((store.name, settings.DEFAULT_FROM_EMAIL)),
        to=[notification.recipient],
        reply_to=reply_to,
    )
    message.attach_alternative(html, "text/html")
    return message


def message_context(notification: Notification, store: Store) -> dict:
    """What the templates of this notification may use."""
    base_url = site_url()
    facts = notification.context
    currency = facts.get("currency") or (notification.order.currency if notification.order else store.currency)

    def money(cents: int) -> str:
        return format_money(cents, currency, store.locale)

    context = {"store": store, "base_url": base_url, "facts": facts}
    if notification.order is not None:
        context |= order_context(notification.order, store, base_url=base_url, money=money)
    if "refunded_cents" in facts:
        context["refunded"] = money(facts["refunded_cents"])
    if notification.kind == NotificationKind.WALLET_CREDITED:
        context |= {
            "amount": money(facts["amount_cents"]),
            "balance": money(facts["balance_cents"]),
            "wallet_url": base_url + reverse("wallet:wallet"),
        }
    if notification.kind == NotificationKind.MERCHANT_LOW_STOCK:
        context["products_admin_url"] = base_url + reverse("admin:catalog_product_changelist")
    if notification.kind == NotificationKind.MERCHANT_WEBHOOK_FAILING:
        context |= webhook_context(facts, base_url=base_url)
    return context


def webhook_context(facts: dict, *, base_url: str) -> dict:
    """A failing endpoint as its e-mail shows it: when the streak began (UTC) and the endpoint's admin page."""
    since = datetime.fromisoformat(facts["since"]) if facts.get("since") else None
    admin_path = (
        reverse("admin:webhooks_webhookendpoint_change", args=[facts["endpoint_pk"]])
        if facts.get("endpoint_pk")
        else reverse("admin:webhooks_webhookendpoint_changelist")
    )
    return {
        "endpoint": {
            "url": facts.get("url", ""),
            "disabled": facts.get("state") == "disabled",
            "since": f"{since:%d %B %Y, %H:%M} UTC" if since else "",
            "error": facts.get("error", ""),
            "reason": facts.get("reason", ""),
            "admin_url": base_url + admin_path,
        },
        "disable_after_days": f"{settings.WEBHOOK_DISABLE_AFTER_SECONDS / 86400:g}",
    }


def order_context(order: Order, store: Store, *, base_url: str, money) -> dict:
    """The order as the e-mails show it: lines as price x quantity = line total, then one discount line."""
    lines = list(order.lines.select_related("product"))
    payment = PaymentMethod.objects.filter(method=order.payment_method).first()
    instructions = payment_instructions(order, money=money)
    return {
        "order": order,
        "lines": [
            {
                "title": line.title,
                "option": line.option,
                "quantity": line.quantity,
                "unit_price": money(line.unit_price_cents),
                "total": money(line.subtotal_cents),
                "download": line.product_id is not None and not getattr(line.product, "ships", True),
            }
            for line in lines
        ],
        "totals": {
            "subtotal": money(order.subtotal_cents),
            "discount": money(order.discount_cents) if order.discount_cents else "",
            "shipping": money(order.shipping_cents - order.shipping_discount_cents),
            "payment_fee": money(order.payment_fee_cents) if order.payment_fee_cents else "",
            "tax": money(order.product_tax_added_cents) if order.product_tax_added_cents else "",
            "total": money(order.total_cents),
        },
        "coupon_code": order.coupon_code,
        "delivery": _address(order.client.get("delivery")),
        "billing": _address(order.client.get("billing")),
        "payment_title": payment.title if payment else PaymentMethodType(order.payment_method).label,
        "payment_instructions": instructions.message if instructions else "",
        "payment_details": instructions.details if instructions else [],
        "order_url": order_link_url(order),
        "admin_order_url": base_url + reverse("admin:orders_order_change", args=[order.pk]),
        "downloads_url": base_url + reverse("catalog:downloads"),
        "refund_destination": REFUND_DESTINATIONS.get(order.payment_method, "the way you paid, by the store"),
        "tracking_carrier": order.get_tracking_carrier_display() if order.tracking_carrier else "",
    }


def _address(address: dict | None) -> dict | None:
    if not address or not address.get("address"):
        return None
    return {**address, "country": address_country_name(address)}
