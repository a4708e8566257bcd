"""The merchant's own wording of a transactional e-mail, and the file templates used when there is none.

Syntax (docs/emails.md): the subject and body are plain text with placeholders `{{ order.number }}`; nothing else is
interpreted: no tags, no filters, no attribute walking, so a template can only print the values listed for its
kind in `PLACEHOLDERS` (a sandbox by construction). An unknown placeholder, a `{% … %}` tag or a `{# … #}`
comment is refused when the template is saved (`save_email_template` raises InvalidInput naming the field).

In the HTML part the merchant's text is escaped, a blank line starts a paragraph and a line break is kept; a value
whose name ends in `url` becomes a link. The block placeholders (`{{ order.summary }}`, `{{ order.addresses }}`)
insert the same lines-and-totals table and addresses as the default e-mails. The result is framed by the store's
branded layout (email/base.html, email/base.txt).
"""

import re

from django.db import transaction
from django.template.loader import render_to_string
from django.utils.html import escape, format_html

from shopplatform.errors import InvalidInput

from ..models import EmailTemplate, NotificationKind

Kind = NotificationKind
PLACEHOLDER = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
FORBIDDEN = re.compile(r"\{%|%\}|\{#|#\}")
BLOCKS = {"order.summary": "email/_order_summary", "order.addresses": "email/_addresses"}

STORE = ("store.name", "store.email", "store.url")
ORDER = ("order.number", "order.date", "order.email", "order.total", "order.url", "order.payment_method")
ORDER_BLOCKS = ("order.summary", "order.addresses")
# Placeholders each kind may use (documented in docs/emails.md).
PLACEHOLDERS: dict[str, tuple[str, ...]] = {
    Kind.ORDER_CONFIRMATION: (*STORE, *ORDER, *ORDER_BLOCKS, "order.payment_instructions"),
    Kind.PAYMENT_RECEIVED: (*STORE, *ORDER, *ORDER_BLOCKS),
    Kind.ORDER_SHIPPED: (*STORE, *ORDER, *ORDER_BLOCKS, "order.carrier", "order.tracking_code", "order.tracking_url"),
    Kind.ORDER_DELIVERED: (*STORE, *ORDER, *ORDER_BLOCKS),
    Kind.ORDER_CANCELED: (*STORE, *ORDER, *ORDER_BLOCKS),
    Kind.ORDER_REFUNDED: (*STORE, *ORDER, *ORDER_BLOCKS, "refund.amount", "refund.destination"),
    Kind.DOWNLOAD_READY: (*STORE, *ORDER, *ORDER_BLOCKS, "downloads.url"),
    Kind.ORDER_LINK: (*STORE, *ORDER),
    Kind.WALLET_CREDITED: (*STORE, "wallet.amount", "wallet.balance", "wallet.note", "wallet.url"),
    Kind.MERCHANT_NEW_ORDER: (*STORE, *ORDER, *ORDER_BLOCKS, "order.admin_url"),
    Kind.MERCHANT_LOW_STOCK: (*STORE, "order.number", "product.title", "product.quantity", "products.admin_url"),
    Kind.BACK_IN_STOCK: (*STORE, "product.title", "product.option", "product.url", "alerts.unsubscribe_url"),
    Kind.MERCHANT_WEBHOOK_FAILING: (
        *STORE,
        "endpoint.url",
        "endpoint.state",
        "endpoint.since",
        "endpoint.error",
        "endpoint.reason",
        "endpoint.admin_url",
    ),
}
# What the preview shows when no order exists yet.
SAMPLE_VALUES = {
    "store.name": "Your store",
    "store.email": "shop@example.com",
    "store.url": "https://shop.example",
    "order.number": "1042",
    "order.date": "1 December 2026",
    "order.email": "buyer@example.com",
    "order.total": "€42.00",
    "order.url": "https://shop.example/order/view/…",
    "order.payment_method": "Bank transfer",
    "order.payment_instructions": "Transfer the total to IBAN PT50 0000 0000 0000 0000 0000 0 within 3 days.",
    "order.carrier": "CTT",
    "order.tracking_code": "RR123456789PT",
    "order.tracking_url": "https://track.example/RR123456789PT",
    "order.admin_url": "https://shop.example/admin/orders/order/1/change/",
    "refund.amount": "€12.00",
    "refund.destination": "the card you paid with",
    "downloads.url": "https://shop.example/account/downloads/",
    "wallet.amount": "€10.00",
    "wallet.balance": "€25.00",
    "wallet.note": "Thank-you credit",
    "wallet.url": "https://shop.example/account/wallet/",
    "product.title": "Ceramic Vase",
    "product.option": "Blue",
    "product.quantity": "2",
    "product.url": "https://shop.example/product/ceramic-vase",
    "products.admin_url": "https://shop.example/admin/catalog/product/",
    "alerts.unsubscribe_url": "https://shop.example/stock-alerts/unsubscribe/…",
    "endpoint.url": "https://erp.example.com/hooks/shop",
    "endpoint.state": "failing",
    "endpoint.since": "01 December 2026, 09:30 UTC",
    "endpoint.error": "HTTP 503",
    "endpoint.reason": "",
    "endpoint.admin_url": "https://shop.example/admin/webhooks/webhookendpoint/1/change/",
}


def check_template_text(*, kind: str, text: str, param: str, blocks_allowed: bool = True) -> None:
    """Raise InvalidInput (naming `param`) for a tag, an unclosed brace or a placeholder this kind does not have."""
    if FORBIDDEN.search(text):
        raise InvalidInput("Only {{ placeholders }} are supported: remove the {% … %} or {# … #}.", param=param)
    known = PLACEHOLDERS.get(kind, STORE)
    for name in PLACEHOLDER.findall(text):
        if name not in known or (name in BLOCKS and not blocks_allowed):
            usable = ", ".join(f"{{{{ {item} }}}}" for item in known if blocks_allowed or item not in BLOCKS)
            raise InvalidInput(f"Unknown placeholder {{{{ {name} }}}}. This e-mail can use: {usable}.", param=param)
    if "{{" in PLACEHOLDER.sub("", text) or "}}" in PLACEHOLDER.sub("", text):
        raise InvalidInput("A placeholder is not closed: write it as {{ order.number }}.", param=param)


@transaction.atomic
def save_email_template(*, kind: str, subject: str, body: str) -> EmailTemplate:
    """Store the merchant's subject and body for this kind; raise InvalidInput for an unknown kind or placeholder."""
    if kind not in Kind.values:
        raise InvalidInput(f"Unknown e-mail kind {kind!r}.", param="kind")
    if not subject.strip():
        raise InvalidInput("Write a subject.", param="subject")
    if not body.strip():
        raise InvalidInput("Write a body.", param="body")
    check_template_text(kind=kind, text=subject, param="subject", blocks_allowed=False)
    check_template_text(kind=kind, text=body, param="body")
    template, _ = EmailTemplate.objects.update_or_create(kind=kind, defaults={"subject": subject, "body": body})
    return template


@transaction.atomic
def delete_email_template(*, kind: str) -> None:
    """Go back to the default wording of this kind."""
    EmailTemplate.objects.filter(kind=kind).delete()


def render_email(kind: str, context: dict) -> tuple[str, str, str]:
    """(subject, text, html) of this kind: the merchant's template when there is one, else the file templates."""
    override = EmailTemplate.objects.filter(kind=kind).first()
    if override is not None:
        return render_override(override, values=placeholder_values(context), context=context)
    subject = " ".join(render_to_string(f"email/{kind}/subject.txt", context).split())
    return (
        subject,
        render_to_string(f"email/{kind}/body.txt", context),
        render_to_string(f"email/{kind}/body.html", context),
    )


def render_override(template: EmailTemplate, *, values: dict, context: dict | None) -> tuple[str, str, str]:
    """Fill the merchant's subject and body; `context` None renders the blocks as placeholders (preview, no order)."""

    def block(name: str, extension: str) -> str:
        if context is None or context.get("order") is None:
            return f"[{name.split('.')[1]} of the order]"
        return render_to_string(f"{BLOCKS[name]}.{extension}", context).strip()

    def text_value(match: re.Match) -> str:
        name = match.group(1)
        return block(name, "txt") if name in BLOCKS else str(values.get(name, ""))

    subject = " ".join(PLACEHOLDER.sub(text_value, template.subject).split())
    text = PLACEHOLDER.sub(text_value, template.body.replace("\r\n", "\n")).strip()
    paragraphs = [part.strip() for part in re.split(r"\n\s*\n", template.body.replace("\r\n", "\n")) if part.strip()]
    html_body = "\n".join(_html_paragraph(part, values=values, block=block) for part in paragraphs)
    frame = {**(context or {}), "custom_body": html_body, "custom_text": text}
    html = render_to_string("email/custom/body.html", frame)
    return subject, render_to_string("email/custom/body.txt", frame), html


def _html_paragraph(part: str, *, values: dict, block) -> str:
    whole = PLACEHOLDER.fullmatch(part)
    if whole and whole.group(1) in BLOCKS:
        return block(whole.group(1), "html")
    pieces, position = [], 0
    for match in PLACEHOLDER.finditer(part):
        pieces.append(escape(part[position : match.start()]))
        pieces.append(_html_value(match.group(1), values=values, block=block))
        position = match.end()
    pieces.append(escape(part[position:]))
    return "<p>" + "".join(pieces).replace("\n", "<br>\n") + "</p>"


def _html_value(name: str, *, values: dict, block) -> str:
    if name in BLOCKS:
        return block(name, "html")
    value = str(values.get(name, ""))
    if name.endswith("url") and value:
        return format_html('<a href="{}">{}</a>', value, value)
    return escape(value)


def placeholder_values(context: dict) -> dict:
    """Every placeholder's text, from the context the default templates get (orders.mail.messages)."""
    store, facts, order = context["store"], context.get("facts", {}), context.get("order")
    values = {"store.name": store.name, "store.email": store.email, "store.url": context["base_url"]}
    if order is not None:
        values |= {
            "order.number": str(order.number),
            "order.date": f"{order.created_at.day} {order.created_at:%B %Y}" if order.created_at else "",
            "order.email": order.email,
            "order.total": context["totals"]["total"],
            "order.url": context["order_url"],
            "order.payment_method": context["payment_title"],
            "order.payment_instructions": context["payment_instructions"],
            "order.carrier": context["tracking_carrier"],
            "order.tracking_code": order.tracking_code,
            "order.tracking_url": order.tracking_url,
            "order.admin_url": context["admin_order_url"],
            "refund.amount": context.get("refunded", ""),
            "refund.destination": context["refund_destination"],
            "downloads.url": context["downloads_url"],
        }
    values |= {
        "wallet.amount": context.get("amount", ""),
        "wallet.balance": context.get("balance", ""),
        "wallet.note": facts.get("note", ""),
        "wallet.url": context.get("wallet_url", ""),
        "product.title": facts.get("product_title") or facts.get("title", ""),
        "product.option": facts.get("variant_title", ""),
        "product.quantity": str(facts.get("quantity", "")),
        "product.url": facts.get("product_url", ""),
        "products.admin_url": context.get("products_admin_url", ""),
        "alerts.unsubscribe_url": facts.get("unsubscribe_url", ""),
    }
    endpoint = context.get("endpoint")
    if isinstance(endpoint, dict):
        values |= {
            "endpoint.url": endpoint["url"],
            "endpoint.state": "disabled" if endpoint["disabled"] else "failing",
            "endpoint.since": endpoint["since"],
            "endpoint.error": endpoint["error"],
            "endpoint.reason": endpoint["reason"],
            "endpoint.admin_url": endpoint["admin_url"],
        }
    return values
