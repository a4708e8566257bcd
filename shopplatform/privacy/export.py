"""Export of everything held about an e-mail address, and the download link that delivers it.

Download link: the dsar id signed with django.core.signing and EXPORT_SALT, valid PRIVACY_EXPORT_MAX_AGE_SECONDS
(7 days).

Export archive (JSON, UTF-8, in the private `privacy_exports` storage): {"format": EXPORT_FORMAT, "request",
"email", "account", "customer", "addresses", "orders", "carts", "wallet", "api_keys", "webhook_endpoints",
"privacy_requests", "other"}; "other" maps `app_label.model` to the rows of any further model that points at the
person's customer or user (reviews, downloads…), so new apps are covered without changes here.
"""

import json
import secrets
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone

from orders.models import Order
from shopplatform.accounts.models import Address, ApiKey, Customer
from shopplatform.links import absolute_url
from wallet.models import Wallet
from webhooks.models import WebhookEndpoint

from .exceptions import InvalidPrivacyLink
from .models import PrivacyRequest
from .outcomes import complete_request, mail_on_commit
from .subjects import find_data_subject, linked_rows

# Named after the module's old home: changing the salt would invalidate links already e-mailed.
EXPORT_SALT = "shopplatform.accounts.privacy.export"
EXPORT_FORMAT = "shopplatform.privacy-export/1"
STORAGE_ALIAS = "privacy_exports"


@transaction.atomic
def export_personal_data(*, privacy_request: PrivacyRequest) -> PrivacyRequest:
    """Write the archive of everything held about the address to private storage and e-mail a 7-day link."""
    archive = build_export_archive(privacy_request=privacy_request)
    name = storages[STORAGE_ALIAS].save(
        f"{privacy_request.public_id}-{secrets.token_hex(8)}.json",
        ContentFile(json.dumps(archive, cls=ArchiveEncoder, ensure_ascii=False, indent=2).encode()),
    )
    privacy_request.archive_name = name
    privacy_request.archive_expires_at = timezone.now() + timedelta(seconds=settings.PRIVACY_EXPORT_MAX_AGE_SECONDS)
    complete_request(privacy_request, extra_fields=["archive_name", "archive_expires_at"])
    token = signing.dumps(privacy_request.public_id, salt=EXPORT_SALT)
    context = {
        "request": privacy_request,
        "link": absolute_url(f"/privacy/exports/{token}"),
        "days": settings.PRIVACY_EXPORT_MAX_AGE_SECONDS // 86400,
    }
    mail_on_commit(privacy_request.email, "privacy/email/export_ready.txt", context)
    return privacy_request


def open_export_archive(*, token: str):
    """Return (privacy request, open archive file) for a download link. Raise InvalidPrivacyLink."""
    try:
        public_id = signing.loads(token, salt=EXPORT_SALT, max_age=settings.PRIVACY_EXPORT_MAX_AGE_SECONDS)
    except signing.SignatureExpired:
        raise InvalidPrivacyLink("This download link has expired; please file a new export request.") from None
    except signing.BadSignature:
        raise InvalidPrivacyLink("This download link is not valid.") from None
    privacy_request = (
        PrivacyRequest.objects.filter(public_id=public_id, kind=PrivacyRequest.Kind.EXPORT)
        .exclude(archive_name="")
        .filter(archive_expires_at__gt=timezone.now())
        .first()
    )
    if privacy_request is None:
        raise InvalidPrivacyLink("This export is no longer available; please file a new export request.")
    return privacy_request, storages[STORAGE_ALIAS].open(privacy_request.archive_name, "rb")


def build_export_archive(*, privacy_request: PrivacyRequest) -> dict:
    """Everything held about the request's address, as the JSON document the module docstring describes."""
    subject = find_data_subject(privacy_request.email)
    customer, user = subject.customer, subject.user
    wallet = Wallet.objects.filter(customer=customer).first() if customer else None
    return {
        "format": EXPORT_FORMAT,
        "request": {"id": privacy_request.public_id, "created_at": privacy_request.created_at},
        "generated_at": timezone.now(),
        "email": subject.email,
        "account": _fields(user, "username", "email", "first_name", "last_name", "date_joined", "last_login"),
        "customer": _customer_row(customer),
        "addresses": [_address_row(address) for address in (customer.addresses.all() if customer else [])],
        "orders": [_order_row(order) for order in subject.orders],
        "carts": [
            {
                **_fields(cart, "status", "email", "delivery_address", "billing_address", "client_note", "created_at"),
                "id": cart.public_id,
            }
            for cart in subject.carts
        ],
        "wallet": _wallet_row(wallet),
        "stock_alerts": [
            {
                "product": alert.product.title,
                "variant": alert.variant.title if alert.variant else None,
                **_fields(alert, "email", "created_at", "notified_at"),
            }
            for alert in subject.stock_alerts
        ],
        "emails_sent": [_fields(sent, "kind", "recipient", "created_at", "sent_at") for sent in subject.emails_sent],
        "api_keys": [
            {
                **_fields(key, "name", "prefix", "scopes", "rate_limit", "created_at", "last_used_at", "revoked_at"),
                "id": key.public_id,
            }
            for key in (ApiKey.objects.filter(user=user) if user else [])
        ],
        "webhook_endpoints": [
            {**_fields(endpoint, "url", "events", "active", "description", "created_at"), "id": endpoint.public_id}
            for endpoint in (WebhookEndpoint.objects.filter(owner=user) if user else [])
        ],
        "privacy_requests": [
            {**_fields(item, "kind", "status", "created_at", "completed_at"), "id": item.public_id}
            for item in PrivacyRequest.objects.filter(email=subject.email)
        ],
        "other": {label: [_plain_row(row) for row in rows] for label, rows in linked_rows(subject).items() if rows},
    }


class ArchiveEncoder(DjangoJSONEncoder):
    """Dates, decimals and UUIDs as DjangoJSONEncoder writes them; files by name, binary data left out."""

    def default(self, o):
        if isinstance(o, FieldFile):
            return o.name or None
        if isinstance(o, bytes | memoryview):
            return None
        return super().default(o)


def _fields(obj, *names: str) -> dict | None:
    return None if obj is None else {name: getattr(obj, name) for name in names}


def _customer_row(customer: Customer | None) -> dict | None:
    fields = ("email", "name", "phone", "company", "fiscal_id", "newsletter", "wholesale", "created_at", "updated_at")
    return None if customer is None else {"id": customer.public_id, **_fields(customer, *fields)}


def _address_row(address: Address) -> dict:
    names = ("kind", "name", "company", "address", "address_extra", "city", "zip_code", "region", "country_code")
    return _fields(address, *names, "phone", "is_default")


def _order_row(order: Order) -> dict:
    names = ("status", "email", "client", "client_note", "currency", "subtotal_cents", "discount_cents")
    totals = ("shipping_cents", "total_cents", "payment_method", "paid", "coupon_code", "created_at", "paid_at")
    lines = [
        _fields(line, "product_public_id", "title", "option", "sku", "quantity", "unit_price_cents", "total_cents")
        for line in order.lines.all()
    ]
    return {"id": order.public_id, **_fields(order, *names, *totals), "lines": lines}


def _wallet_row(wallet: Wallet | None) -> dict | None:
    if wallet is None:
        return None
    entry_fields = ("type", "kind", "amount_cents", "balance_after_cents", "order_reference", "note", "created_at")
    entries = [{"id": entry.public_id, **_fields(entry, *entry_fields)} for entry in wallet.entries.order_by("pk")]
    return {**_fields(wallet, "currency", "balance_cents", "held_cents", "created_at"), "entries": entries}


def _plain_row(obj) -> dict:
    """A row's own values (no internal keys); related rows appear by their public id where they have one."""
    row = {}
    for model_field in obj._meta.concrete_fields:
        if model_field.primary_key:
            continue
        if model_field.is_relation:
            target = getattr(obj, model_field.name)
            if target is not None and hasattr(target, "public_id"):
                row[model_field.name] = target.public_id
            continue
        row[model_field.name] = model_field.value_from_object(obj)
    return row
