"""Erasure of what is held about an e-mail address.

Erasure anonymises in place and keeps what accounting needs (amounts, currencies, dates, order lines, the ledger).
It is refused while the wallet holds money or an order is still open.
"""

import json
import re
import secrets
from dataclasses import dataclass

from django.contrib.admin.models import LogEntry
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from orders.models import Notification, OrderStatus, StockAlert
from shopplatform.accounts.models import Address, ApiKey
from shopplatform.accounts.services import update_customer
from shopplatform.money import format_money
from wallet.models import Wallet
from webhooks.models import Delivery, DeliveryAttempt, Event, WebhookEndpoint

from .models import PrivacyRequest
from .outcomes import complete_request, mail_on_commit
from .subjects import DataSubject, find_data_subject, linked_rows

CLOSED_ORDER_STATUSES = (OrderStatus.DELIVERED, OrderStatus.CANCELED, OrderStatus.RETURNED)
ERASED = "[erased]"
# Shorter values (initials, two-digit numbers) would erase unrelated text.
MIN_NEEDLE_LENGTH = 4


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
        mail_on_commit(address, "privacy/email/refused.txt", {"request": privacy_request})
        return privacy_request
    needles = _needles(subject)
    _anonymise_orders_and_carts(subject)
    _anonymise_account(subject)
    _scrub_linked_rows(subject, needles)
    _forget_alerts_and_emails(subject)
    PrivacyRequest.objects.filter(email=address).update(email="", updated_at=timezone.now())
    privacy_request.email = ""
    complete_request(privacy_request, extra_fields=["email"])
    mail_on_commit(address, "privacy/email/erased.txt", {"request": privacy_request})
    return privacy_request


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
    for rows in linked_rows(subject).values():
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


def _forget_alerts_and_emails(subject: DataSubject) -> None:
    """Back-in-stock sign-ups go; e-mails sent stay as rows (each is sent once) without the address or its facts."""
    StockAlert.objects.filter(pk__in=[alert.pk for alert in subject.stock_alerts]).delete()
    Notification.objects.filter(pk__in=[sent.pk for sent in subject.emails_sent]).update(recipient="", context={})
