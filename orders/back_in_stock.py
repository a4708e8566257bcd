"""Back-in-stock alerts: sign-up, the one e-mail when the item returns, and the signed way out.

A buyer signs up on a sold-out product (or variant) page or through the API; the catalog announces every restock
(catalog.restocks, whatever the path: admin, API, import, a canceled order) and `notify_restock`, registered in
`OrdersConfig.ready()`, claims each waiting alert with a conditional UPDATE of `notified_at` and records its e-mail
(a Notification keyed by the alert's public id) in the restocking transaction, so two restocks at once, a retried
task or a second restock later send nothing more.

Unsubscribe tokens: `django.core.signing.dumps(email, salt="orders.stock-alert.unsubscribe")`, the lower-cased
address signed with SECRET_KEY under a salt used for nothing else. The link cancels every alert still waiting for
that address; it does not expire.
"""

from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from catalog.models import Product, Variant
from catalog.restocks import sellable_items
from shopplatform.errors import InvalidInput
from shopplatform.links import absolute_url

from .exceptions import ProductInStock
from .models import NotificationKind, StockAlert
from .notifications import notify

UNSUBSCRIBE_SALT = "orders.stock-alert.unsubscribe"


@transaction.atomic
def subscribe_to_stock(
    *, product: Product, email: str, variant: Variant | None = None, customer=None
) -> tuple[StockAlert, bool]:
    """Keep (or find) the address's waiting alert for the item; (alert, created). Raise InvalidInput for a variant
    of another product, ProductInStock (409) when the item can be ordered now."""
    email = email.strip().lower()
    if variant is not None and variant.product_id != product.pk:
        raise InvalidInput(f"{variant.public_id} is not a variant of {product.public_id}.", param="variant_id")
    sellable = sellable_items(product.pk)
    if (variant.pk in sellable) if variant is not None else bool(sellable):
        raise ProductInStock(f"{(variant or product).public_id} can be ordered now.", param="variant_id")
    existing = _waiting(email=email, product=product, variant=variant).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            alert = StockAlert.objects.create(email=email, product=product, variant=variant, customer=customer)
    except IntegrityError:  # the same sign-up sent twice at once: the other request created it
        return _waiting(email=email, product=product, variant=variant).get(), False
    return alert, True


@transaction.atomic
def cancel_stock_alerts(*, email: str) -> int:
    """Delete every alert still waiting for this address; return how many there were."""
    deleted, _ = StockAlert.objects.filter(email=email.strip().lower(), notified_at__isnull=True).delete()
    return deleted


def notify_restock(*, product_id: int, variant_ids: set[int], product_returned: bool) -> int:
    """Record the e-mail of every alert waiting for what came back (catalog.restocks listener); return how many."""
    returned = Q(variant_id__in=variant_ids)
    if product_returned:
        returned |= Q(variant__isnull=True)
    waiting = StockAlert.objects.filter(returned, product_id=product_id, notified_at__isnull=True)
    sent = 0
    for alert in waiting.select_related("product", "variant").order_by("pk"):
        # A concurrent restock may have claimed the alert since we read it; only the claimer sends.
        if not StockAlert.objects.filter(pk=alert.pk, notified_at__isnull=True).update(notified_at=timezone.now()):
            continue
        notify(kind=NotificationKind.BACK_IN_STOCK, key=alert.public_id, recipient=alert.email, context=_facts(alert))
        sent += 1
    return sent


def unsubscribe_token(email: str) -> str:
    """The signed token naming this address."""
    return signing.dumps(email.strip().lower(), salt=UNSUBSCRIBE_SALT)


def email_for_token(token: str) -> str | None:
    """The address a token names, or None when the signature does not match."""
    try:
        email = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return email if isinstance(email, str) else None


def unsubscribe_url(email: str) -> str:
    """The absolute signed URL of the page that cancels the address's alerts."""
    return absolute_url(reverse("orders:stock-alerts-unsubscribe", args=[unsubscribe_token(email)]))


def _waiting(*, email: str, product: Product, variant: Variant | None):
    return StockAlert.objects.filter(email=email, product=product, variant=variant, notified_at__isnull=True)


def _facts(alert: StockAlert) -> dict:
    path = reverse("catalog:product", args=[alert.product.slug])
    if alert.variant is not None:
        path += f"?variant={alert.variant.public_id}"
    return {
        "product_title": alert.product.title,
        "variant_title": alert.variant.title if alert.variant is not None else "",
        "product_url": absolute_url(path),
        "unsubscribe_url": unsubscribe_url(alert.email),
    }
