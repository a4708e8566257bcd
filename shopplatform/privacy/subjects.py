"""Who a privacy request is about: the customer, user account, orders and carts held under an e-mail address,
and the rows of any other model that point at that customer or user."""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Q

from orders.models import Cart, Notification, Order, StockAlert
from shopplatform.accounts.models import Address, ApiKey, Customer
from wallet.models import Wallet
from webhooks.models import WebhookEndpoint

from .models import PrivacyRequest

# Rows of these apps are bookkeeping of the framework, not data held about the person.
FRAMEWORK_APPS = frozenset({"admin", "auth", "contenttypes", "sessions"})


@dataclass
class DataSubject:
    email: str
    customer: Customer | None
    user: models.Model | None
    orders: list[Order] = field(default_factory=list)
    carts: list[Cart] = field(default_factory=list)
    stock_alerts: list[StockAlert] = field(default_factory=list)
    emails_sent: list[Notification] = field(default_factory=list)


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
        # Back-in-stock sign-ups and e-mails sent are held under the address even for guests.
        stock_alerts=list(
            StockAlert.objects.filter(owned).select_related("product", "variant").order_by("created_at", "pk")
        ),
        emails_sent=list(Notification.objects.filter(recipient__iexact=email).order_by("created_at", "pk")),
    )


# Models the export and the erasure treat one by one; every other linked model is handled generically.
HANDLED_MODELS = (Customer, Address, ApiKey, Order, Cart, Wallet, WebhookEndpoint, StockAlert)


def linked_rows(subject: DataSubject) -> dict[str, list]:
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
