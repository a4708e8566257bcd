"""Privacy (data-subject) requests: file, confirm through an e-mailed link, then export or erase (TK-9).

Links are django.core.signing tokens, one salt per purpose so one never works as the other:
- confirmation: {"id": "<dsar id>"} signed with CONFIRM_SALT, valid PRIVACY_CONFIRMATION_MAX_AGE_SECONDS (48 h);
- export download: the dsar id signed with EXPORT_SALT, valid PRIVACY_EXPORT_MAX_AGE_SECONDS (7 days).

Export archive (JSON, UTF-8, in the private `privacy_exports` storage): {"format": EXPORT_FORMAT, "request",
"email", "account", "customer", "addresses", "orders", "carts", "wallet", "api_keys", "webhook_endpoints",
"privacy_requests", "other"}; "other" maps `app_label.model` to the rows of any further model that points at the
person's customer or user (reviews, downloads…), so new apps are covered without changes here.

Erasure anonymises in place and keeps what accounting needs (amounts, currencies, dates, order lines, the ledger).
It is refused while the wallet holds money or an order is still open.
"""

import json
import re
import secrets
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.mail import send_mail
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import validate_email
from django.db import models, transaction
from django.db.models import Q
from django.db.models.fields.files import FieldFile
from django.template.loader import render_to_string
from django.utils import timezone

from orders.models import Cart, Order, OrderStatus
from shopplatform.errors import InvalidInput
from shopplatform.events import emit_event
from shopplatform.money import format_money
from wallet.models import Wallet
from webhooks.models import Delivery, DeliveryAttempt, Event, WebhookEndpoint

from .exceptions import InvalidPrivacyLink
from .models import Address, ApiKey, Customer
from .privacy import PrivacyRequest
from .services import update_customer

CONFIRM_SALT = "shopplatform.accounts.privacy.confirm"
EXPORT_SALT = "shopplatform.accounts.privacy.export"
EXPORT_FORMAT = "shopplatform.privacy-export/1"
STORAGE_ALIAS = "privacy_exports"
# A lost confirmation e-mail can be asked for again, but not more often than this (the address is not ours).
RESEND_AFTER = timedelta(minutes=10)
CLOSED_ORDER_STATUSES = (OrderStatus.DELIVERED, OrderStatus.CANCELED, OrderStatus.RETURNED)
ERASED = "[erased]"
# Shorter values (initials, two-digit numbers) would erase unrelated text.
MIN_NEEDLE_LENGTH = 4
# Rows of these apps are bookkeeping of the framework, not data held about the person.
FRAMEWORK_APPS = frozenset({"admin", "auth", "contenttypes", "sessions"})


# --- Filing and confirming --------------------------------------------------------------------------------


def normalize_email(value: str) -> str:
    """Return the address lower-cased; raise InvalidInput with TK-9's message when it is not an address."""
    address = (value or "").strip().lower()
    try:
        validate_email(address)
    except ValidationError:
        raise InvalidInput("A valid email is required.", param="email") from None
    return address


@transaction.atomic
def file_privacy_request(*, email: str, kind: str) -> PrivacyRequest:
    """Record a request awaiting confirmation and e-mail the link; a pending one for the same address and kind
    is returned instead (re-sending its link at most every RESEND_AFTER). Raise InvalidInput."""
    address = normalize_email(email)
    if kind not in PrivacyRequest.Kind.values:
        raise InvalidInput("`kind` is export or erase.", param="kind")
    expire_unconfirmed_requests()
    pending = (
        PrivacyRequest.objects.select_for_update()
        .filter(email=address, kind=kind, status__in=PrivacyRequest.PENDING_STATUSES)
        .first()
    )
    if pending is None:
        return send_confirmation(privacy_request=PrivacyRequest.objects.create(email=address, kind=kind))
    awaiting = pending.status == PrivacyRequest.Status.AWAITING_CONFIRMATION
    if awaiting and pending.confirmation_sent_at <= timezone.now() - RESEND_AFTER:
        send_confirmation(privacy_request=pending)
    return pending


@transaction.atomic
def send_confirmation(*, privacy_request: PrivacyRequest) -> PrivacyRequest:
    """(Re-)send the confirmation link of a request awaiting confirmation; other requests are left alone."""
    if privacy_request.status != PrivacyRequest.Status.AWAITING_CONFIRMATION:
        return privacy_request
    privacy_request.confirmation_sent_at = timezone.now()
    privacy_request.save(update_fields=["confirmation_sent_at", "updated_at"])
    token = signing.dumps({"id": privacy_request.public_id}, salt=CONFIRM_SALT)
    context = {
        "request": privacy_request,
        "link": f"{settings.SITE_URL}/privacy/confirm/{token}",
        "hours": settings.PRIVACY_CONFIRMATION_MAX_AGE_SECONDS // 3600,
    }
    _mail_on_commit(privacy_request.email, "privacy/email/confirm.txt", context)
    return privacy_request


def request_for_confirmation_token(token: str) -> PrivacyRequest:
    """The request a confirmation link names, without changing it. Raise InvalidPrivacyLink."""
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=settings.PRIVACY_CONFIRMATION_MAX_AGE_SECONDS)
    except signing.SignatureExpired:
        raise InvalidPrivacyLink("This confirmation link has expired; please file the request again.") from None
    except signing.BadSignature:
        raise InvalidPrivacyLink("This confirmation link is not valid.") from None
    privacy_request = PrivacyRequest.objects.filter(
        public_id=data.get("id") if isinstance(data, dict) else None
    ).first()
    if privacy_request is None:
        raise InvalidPrivacyLink("This confirmation link is not valid.")
    return privacy_request


@transaction.atomic
def confirm_privacy_request(*, token: str) -> PrivacyRequest:
    """Confirm the request the link names and queue its processing; confirming twice changes nothing.
    Raise InvalidPrivacyLink for an altered or expired link."""
    from .tasks import process_privacy_request_task  # the task module imports this one

    privacy_request = PrivacyRequest.objects.select_for_update().get(pk=request_for_confirmation_token(token).pk)
    if privacy_request.status != PrivacyRequest.Status.AWAITING_CONFIRMATION:
        return privacy_request
    privacy_request.status = PrivacyRequest.Status.CONFIRMED
    privacy_request.confirmed_at = timezone.now()
    privacy_request.save(update_fields=["status", "confirmed_at", "updated_at"])
    public_id = privacy_request.public_id
    transaction.on_commit(lambda: process_privacy_request_task.delay(public_id))
    return privacy_request


def expire_unconfirmed_requests() -> int:
    """Mark requests whose confirmation window closed as expired; return how many."""
    deadline = timezone.now() - timedelta(seconds=settings.PRIVACY_CONFIRMATION_MAX_AGE_SECONDS)
    return PrivacyRequest.objects.filter(
        status=PrivacyRequest.Status.AWAITING_CONFIRMATION, confirmation_sent_at__lt=deadline
    ).update(status=PrivacyRequest.Status.EXPIRED, updated_at=timezone.now())


def delete_expired_archives() -> int:
    """Delete export archives whose download window closed; return how many."""
    expired = PrivacyRequest.objects.exclude(archive_name="").filter(archive_expires_at__lt=timezone.now())
    storage = storages[STORAGE_ALIAS]
    count = 0
    for privacy_request in expired:
        storage.delete(privacy_request.archive_name)
        privacy_request.archive_name = ""
        privacy_request.save(update_fields=["archive_name", "updated_at"])
        count += 1
    return count


# --- Processing ---------------------------------------------------------------------------------------------


def process_privacy_request(*, public_id: str) -> PrivacyRequest:
    """Run a confirmed request (export or erase); anything else is returned unchanged, so running twice is safe."""
    with transaction.atomic():
        privacy_request = PrivacyRequest.objects.select_for_update().get(public_id=public_id)
        if privacy_request.status not in (PrivacyRequest.Status.CONFIRMED, PrivacyRequest.Status.PROCESSING):
            return privacy_request
        privacy_request.status = PrivacyRequest.Status.PROCESSING
        privacy_request.save(update_fields=["status", "updated_at"])
    if privacy_request.kind == PrivacyRequest.Kind.EXPORT:
        return export_personal_data(privacy_request=privacy_request)
    return erase_personal_data(privacy_request=privacy_request)


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
    _complete(privacy_request, extra_fields=["archive_name", "archive_expires_at"])
    token = signing.dumps(privacy_request.public_id, salt=EXPORT_SALT)
    context = {
        "request": privacy_request,
        "link": f"{settings.SITE_URL}/privacy/exports/{token}",
        "days": settings.PRIVACY_EXPORT_MAX_AGE_SECONDS // 86400,
    }
    _mail_on_commit(privacy_request.email, "privacy/email/export_ready.txt", context)
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


@transaction.atomic
def erase_personal_data(*, privacy_request: PrivacyRequest) -> PrivacyRequest:
    """Anonymise the person's customer, account, addresses, orders, carts and linked rows; revoke their keys.
    Refuse (status `refused` with the reason) while their wallet holds money or an order is open."""
    address = privacy_request.email
    subject = find_data_subject(address)
    reason = erasure_refusal_reason(subject)
    if reason:
        privacy_request.status = PrivacyRequest.Status.REFUSED
        privacy_request.reason = reason
        privacy_request.save(update_fields=["status", "reason", "updated_at"])
        _mail_on_commit(address, "privacy/email/refused.txt", {"request": privacy_request})
        return privacy_request
    needles = _needles(subject)
    _anonymise_orders_and_carts(subject)
    _anonymise_account(subject)
    _scrub_linked_rows(subject, needles)
    PrivacyRequest.objects.filter(email=address).update(email="", updated_at=timezone.now())
    privacy_request.email = ""
    _complete(privacy_request, extra_fields=["email"])
    _mail_on_commit(address, "privacy/email/erased.txt", {"request": privacy_request})
    return privacy_request


def _complete(privacy_request: PrivacyRequest, *, extra_fields: list[str]) -> None:
    from .api.privacy_serializers import PrivacyRequestOutput  # the API layer imports services; avoid the cycle

    privacy_request.status = PrivacyRequest.Status.COMPLETED
    privacy_request.completed_at = timezone.now()
    privacy_request.save(update_fields=["status", "completed_at", "updated_at", *extra_fields])
    emit_event("privacy_request.completed", obj=PrivacyRequestOutput(privacy_request).data)


def _mail_on_commit(address: str, template: str, context: dict) -> None:
    subject, _, body = render_to_string(template, context).partition("\n")
    transaction.on_commit(
        lambda: send_mail(subject.strip(), body.strip() + "\n", settings.DEFAULT_FROM_EMAIL, [address])
    )


# --- What is held about a person --------------------------------------------------------------------------


@dataclass
class DataSubject:
    email: str
    customer: Customer | None
    user: models.Model | None
    orders: list[Order] = field(default_factory=list)
    carts: list[Cart] = field(default_factory=list)


def find_data_subject(email: str) -> DataSubject:
    """The customer, user account, orders and carts held under the address (matched case-insensitively)."""
    customer = Customer.objects.select_related("user").filter(email__iexact=email).first()
    user = customer.user if customer and customer.user_id else None
    if user is None:
        user = get_user_model().objects.filter(email__iexact=email).first()
    owned = Q(email__iexact=email) | (Q(customer=customer) if customer else Q(pk__in=[]))
    return DataSubject(
        email=email,
        customer=customer,
        user=user,
        orders=list(Order.objects.filter(owned).prefetch_related("lines").order_by("created_at", "pk")),
        carts=list(Cart.objects.filter(owned).order_by("created_at", "pk")),
    )


def erasure_refusal_reason(subject: DataSubject) -> str:
    """Why the person's data cannot be erased now, or "" when it can."""
    if subject.user is not None and (subject.user.is_staff or subject.user.is_superuser):
        return "This is a staff account; staff accounts are closed by an administrator, not by a privacy request."
    if subject.customer is not None:
        wallet = Wallet.objects.select_for_update().filter(customer=subject.customer).first()
        if wallet is not None and wallet.balance_cents:
            balance = format_money(wallet.balance_cents, wallet.currency)
            return f"The wallet still holds {balance}; spend or transfer it before asking for erasure."
    open_orders = [order.public_id for order in subject.orders if order.status not in CLOSED_ORDER_STATUSES]
    if open_orders:
        return (
            f"Orders still open: {', '.join(open_orders)}. Erasure is possible once every order is delivered, "
            "canceled or returned."
        )
    return ""


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
        "other": {label: [_plain_row(row) for row in rows] for label, rows in _linked_rows(subject).items() if rows},
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


HANDLED_MODELS = (Customer, Address, ApiKey, Order, Cart, Wallet, WebhookEndpoint)


def _linked_rows(subject: DataSubject) -> dict[str, list]:
    """Rows of other models that point at the person's customer or user (reviews, downloads…), by model label."""
    rows: dict[str, list] = {}
    for owner in (subject.customer, subject.user):
        if owner is None:
            continue
        for relation in owner._meta.related_objects:
            related = relation.related_model
            if not (relation.one_to_many or relation.one_to_one) or related in HANDLED_MODELS:
                continue
            if related._meta.app_label in FRAMEWORK_APPS or related is PrivacyRequest:
                continue
            found = related._default_manager.filter(**{relation.field.name: owner})
            rows.setdefault(related._meta.label_lower, []).extend(found)
    return rows


# --- Anonymising ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Needles:
    """The person's identifying strings (as written, and as JSON escapes them) and one pattern matching any."""

    texts: frozenset[str]
    pattern: re.Pattern


def _needles(subject: DataSubject) -> Needles | None:
    values = {subject.email}
    if subject.customer is not None:
        customer = subject.customer
        values |= {customer.email, customer.name, customer.phone, customer.fiscal_id}
        for address in customer.addresses.all():
            values |= {address.name, address.address, address.address_extra, address.phone}
    if subject.user is not None:
        values |= {subject.user.email, subject.user.get_full_name()}
    for snapshot in [order.client for order in subject.orders] + [cart.delivery_address for cart in subject.carts]:
        for part in _address_parts(snapshot):
            values |= {part.get(key, "") for key in ("name", "address", "address_extra", "phone")}
    texts = {str(value).strip() for value in values if value and len(str(value).strip()) >= MIN_NEEDLE_LENGTH}
    texts |= {json.dumps(text)[1:-1] for text in texts}
    if not texts:
        return None
    ordered = sorted(texts, key=len, reverse=True)  # longest first, so "Ana Silva" wins over "Ana S"
    return Needles(frozenset(texts), re.compile("|".join(re.escape(text) for text in ordered), re.IGNORECASE))


def _address_parts(snapshot) -> list[dict]:
    if not isinstance(snapshot, dict):
        return []
    nested = [snapshot.get(key) for key in ("delivery", "billing") if isinstance(snapshot.get(key), dict)]
    return [snapshot, *nested]


def scrub(value, pattern: re.Pattern):
    """`value` (text or JSON) with every match of `pattern` replaced by ERASED."""
    if isinstance(value, str):
        return pattern.sub(ERASED, value)
    if isinstance(value, list):
        return [scrub(item, pattern) for item in value]
    if isinstance(value, dict):
        return {key: scrub(item, pattern) for key, item in value.items()}
    return value


def _anonymised_email(public_id: str) -> str:
    return f"erased-{public_id.lower()}@erased.invalid"


def _anonymised_address(snapshot) -> dict | None:
    """Only the country stays: tax records need it, and it identifies no one."""
    return {"country_code": snapshot.get("country_code", "")} if isinstance(snapshot, dict) else None


def _anonymise_orders_and_carts(subject: DataSubject) -> None:
    email = _anonymised_email(subject.customer.public_id) if subject.customer else None
    for order in subject.orders:
        client = order.client if isinstance(order.client, dict) else {}
        order.email = email or _anonymised_email(order.public_id)
        order.client = {
            **{key: "" for key in ("name", "phone", "company", "fiscal_id")},
            "customer": client.get("customer"),
            "is_registered": client.get("is_registered", False),
            "email": order.email,
            "delivery": _anonymised_address(client.get("delivery")),
            "billing": _anonymised_address(client.get("billing")),
        }
        order.client_note = ""
        order.save(update_fields=["email", "client", "client_note", "updated_at"])
    for cart in subject.carts:
        cart.email, cart.client_note = "", ""
        cart.delivery_address = _anonymised_address(cart.delivery_address)
        cart.billing_address = _anonymised_address(cart.billing_address)
        cart.save(update_fields=["email", "client_note", "delivery_address", "billing_address", "updated_at"])


def _anonymise_account(subject: DataSubject) -> None:
    if subject.customer is not None:
        update_customer(
            customer=subject.customer,
            email=_anonymised_email(subject.customer.public_id),
            name="",
            phone="",
            company="",
            fiscal_id="",
            newsletter=False,
            delivery=None,
            billing=None,
        )
        Address.objects.filter(customer=subject.customer).delete()
    user = subject.user
    if user is not None:
        ApiKey.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())
        WebhookEndpoint.objects.filter(owner=user).delete()
        user.username = f"erased-{secrets.token_hex(8)}"
        user.email, user.first_name, user.last_name, user.is_active = "", "", "", False
        user.set_unusable_password()
        user.save()


def _scrub_linked_rows(subject: DataSubject, needles: Needles | None) -> None:
    """Replace the person's strings wherever else they were copied: linked rows, key names, the event outbox,
    webhook delivery logs and the admin history."""
    if needles is None:
        return
    pattern = needles.pattern
    for rows in _linked_rows(subject).values():
        for row in rows:
            _scrub_row(row, pattern)
    if subject.user is not None:
        for api_key in ApiKey.objects.filter(user=subject.user):
            _scrub_row(api_key, pattern)
    for model, names in (
        (Event, ["data"]),
        (DeliveryAttempt, ["request_body", "response_body", "error"]),
        (Delivery, ["last_response_body", "last_error"]),
        (LogEntry, ["object_repr", "change_message"]),
    ):
        matching = Q()
        for name in names:
            for text in needles.texts:
                matching |= Q(**{f"{name}__icontains": text})
        for row in model._default_manager.filter(matching):
            _scrub_row(row, pattern)


def _scrub_row(row, pattern: re.Pattern) -> None:
    changed = []
    for model_field in row._meta.concrete_fields:
        if model_field.primary_key or not isinstance(
            model_field, models.CharField | models.TextField | models.JSONField
        ):
            continue
        value = model_field.value_from_object(row)
        cleaned = scrub(value, pattern)
        if cleaned != value:
            setattr(row, model_field.attname, cleaned)
            changed.append(model_field.name)
    if changed:
        row.save(update_fields=changed)
