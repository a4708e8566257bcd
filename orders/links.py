"""Signed links to an order's page, for buyers without an account (they arrive from an e-mail).

Wire format: `django.core.signing.dumps(public_id, salt="orders.order-link")`, i.e. the order's public id in
url-safe base64, a colon, a timestamp and an HMAC signature with SECRET_KEY under that salt. The salt is used for
nothing else, so a token signed for another purpose never opens an order. Links do not expire: a buyer may look
an order up months later; rotating SECRET_KEY revokes them all (the e-mailed `/order/<hash>` permalink stays).
"""

from django.core import signing
from django.urls import reverse

from shopplatform.links import absolute_url

from .models import Order

SALT = "orders.order-link"


def order_link_token(order: Order) -> str:
    """The signed token naming this order."""
    return signing.dumps(order.public_id, salt=SALT)


def order_for_token(token: str) -> Order | None:
    """The order a token names, or None when the signature does not match or the order is gone."""
    try:
        public_id = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    return Order.objects.filter(public_id=public_id).first() if isinstance(public_id, str) else None


def order_link_url(order: Order) -> str:
    """The absolute signed URL of the order's page."""
    return absolute_url(reverse("orders:order-link", args=[order_link_token(order)]))
