"""Account operations: issuing and revoking API keys; creating, changing and deleting customers; the address book.

Customer services write `customer.*` events, and `newsletter.subscribed/unsubscribed` when the flag changes,
in the same transaction as the change.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone

from shopplatform.api.scopes import SCOPES
from shopplatform.events import emit_event

from .exceptions import ApiKeyLimitReached, CustomerEmailTaken, GrantBeyondKey, UnknownScope
from .models import Address, ApiKey, Customer
from .representations import CustomerOutput


def normalize_scopes(scopes) -> list[str]:
    """Return the scopes sorted and de-duplicated; `all` grants every scope. Raise UnknownScope."""
    requested = scopes.split() if isinstance(scopes, str) else list(scopes)
    if requested == ["all"]:
        return list(SCOPES)
    unknown = sorted(set(requested) - set(SCOPES))
    if unknown:
        raise UnknownScope(f"Unknown scope(s): {', '.join(unknown)}.", param="scopes")
    return sorted(set(requested), key=SCOPES.index)


@transaction.atomic
def issue_api_key(
    *,
    user,
    scopes,
    name: str = "",
    rate_limit: int | None = None,
    api_version: str = "",
    issued_by: ApiKey | None = None,
):
    """Create a key for `user`; return (key, secret). The secret is never stored or shown again.

    A key made through the API (`issued_by` the calling key) gets at most that key's scopes and rate limit: raise
    GrantBeyondKey otherwise. Raise ApiKeyLimitReached when the user holds `API_KEYS_PER_USER` active keys.
    """
    scopes = normalize_scopes(scopes)
    if rate_limit is None:
        rate_limit = settings.API_DEFAULT_RATE_LIMIT
        if issued_by is not None:
            rate_limit = min(rate_limit, issued_by.rate_limit)
    if issued_by is not None:
        beyond = sorted(set(scopes) - set(issued_by.scopes), key=SCOPES.index)
        if beyond:
            raise GrantBeyondKey(f"Cannot grant scopes this key lacks: {', '.join(beyond)}.", param="scopes")
        if rate_limit > issued_by.rate_limit:
            raise GrantBeyondKey(
                f"The rate limit can be at most this key's own, {issued_by.rate_limit} per minute.", param="rate_limit"
            )
    # Lock the user row so two concurrent requests cannot both take the last free place.
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    active = ApiKey.objects.filter(user=user, revoked_at__isnull=True).count()
    if active >= settings.API_KEYS_PER_USER:
        raise ApiKeyLimitReached(
            f"This user already has {active} active API keys, the most allowed; revoke one first.", param="user"
        )
    api_key = ApiKey(user=user, name=name, scopes=scopes, rate_limit=rate_limit, api_version=api_version)
    secret = api_key.set_secret()
    api_key.save()
    return api_key, secret


def revoke_api_key(*, api_key: ApiKey) -> ApiKey:
    """Revoke the key now; revoking twice keeps the first time."""
    if api_key.revoked_at is None:
        api_key.revoked_at = timezone.now()
        api_key.save(update_fields=["revoked_at"])
    return api_key


def ensure_customer(*, user) -> Customer:
    """Return the user's customer record, creating it (from the user's e-mail and name) on first use.

    An unowned (guest) record with the user's e-mail becomes theirs: callers must only pass users whose e-mail is
    trusted (staff-made, or verified as store sign-up does). Raise CustomerEmailTaken if another user owns it.
    Safe under concurrent first requests of one user: the link is a conditional UPDATE, and no unsaved Customer is
    ever attached to the user (it would poison `user.customer`'s cache).
    """
    try:
        return user.customer
    except Customer.DoesNotExist:
        pass
    email = (user.email or f"{user.username}@users.invalid").lower()
    customer, _ = Customer.objects.get_or_create(email=email, defaults={"name": user.get_full_name() or user.username})
    Customer.objects.filter(pk=customer.pk, user__isnull=True).update(user=user, updated_at=timezone.now())
    customer.refresh_from_db()
    if customer.user_id != user.pk:
        # Never hand one user another user's customer record (and with it their wallet and orders).
        raise CustomerEmailTaken(f"The customer record of {email} belongs to another account.", param="email")
    user.customer = customer  # replaces the "no customer" Django cached on the failed lookup above
    return customer


CUSTOMER_FIELDS = ("email", "name", "phone", "company", "fiscal_id", "newsletter", "wholesale")
ADDRESS_FIELDS = ("name", "company", "phone", "address", "address_extra", "city", "zip_code", "region", "country_code")
UNSET = object()


def render_customer(customer: Customer) -> dict:
    """The customer as the API renders it, for event payloads."""
    return CustomerOutput(Customer.objects.prefetch_related("addresses").get(pk=customer.pk)).data


@transaction.atomic
def create_customer(*, email: str, delivery: dict | None = None, billing: dict | None = None, user=None, **fields):
    """Create a customer with optional delivery and billing addresses; raise CustomerEmailTaken."""
    customer = Customer(user=user, email=email, **fields)
    _save_unique(customer)
    for kind, address in ((Address.Kind.DELIVERY, delivery), (Address.Kind.BILLING, billing)):
        if address is not None:
            _replace_address(customer, kind, address)
    rendered = render_customer(customer)
    emit_event("customer.created", obj=rendered)
    if customer.newsletter:
        emit_event("newsletter.subscribed", obj=rendered)
    return customer


@transaction.atomic
def update_customer(*, customer: Customer, delivery=UNSET, billing=UNSET, **changes) -> Customer:
    """Apply the given fields; an address dict replaces that address, None removes it. Raise CustomerEmailTaken."""
    unknown = set(changes) - set(CUSTOMER_FIELDS)
    if unknown:
        raise TypeError(f"update_customer() got unexpected fields: {', '.join(sorted(unknown))}")
    customer = Customer.objects.select_for_update().get(pk=customer.pk)
    was_subscribed = customer.newsletter
    for name, value in changes.items():
        setattr(customer, name, value)
    _save_unique(customer)
    for kind, address in ((Address.Kind.DELIVERY, delivery), (Address.Kind.BILLING, billing)):
        if address is not UNSET:
            _replace_address(customer, kind, address)
    rendered = render_customer(customer)
    emit_event("customer.updated", obj=rendered)
    if customer.newsletter != was_subscribed:
        emit_event("newsletter.subscribed" if customer.newsletter else "newsletter.unsubscribed", obj=rendered)
    return customer


@transaction.atomic
def delete_customer(*, customer: Customer) -> None:
    """Delete the customer and their addresses; orders keep their own snapshots. A subscriber is unsubscribed."""
    rendered = render_customer(customer)
    customer.delete()
    emit_event("customer.deleted", obj=rendered)
    if rendered["newsletter"]:
        emit_event("newsletter.unsubscribed", obj=rendered)


def _save_unique(customer: Customer) -> None:
    email = customer.email.strip().lower()
    if Customer.objects.filter(email__iexact=email).exclude(pk=customer.pk).exists():
        raise CustomerEmailTaken(f"A customer with e-mail {email} already exists.", param="email")
    try:
        with transaction.atomic():  # a savepoint, so a concurrent duplicate leaves the outer transaction usable
            customer.save()
    except IntegrityError as exc:
        raise CustomerEmailTaken(f"A customer with e-mail {email} already exists.", param="email") from exc


def _replace_address(customer: Customer, kind: str, data: dict | None) -> None:
    """Overwrite the customer's default address of this kind (create it if missing); None deletes it."""
    current = customer.addresses.filter(kind=kind).order_by("-is_default", "pk").first()
    if data is None:
        if current is not None:
            current.delete()
        return
    address = current or Address(customer=customer, kind=kind, is_default=True)
    for name in ADDRESS_FIELDS:
        setattr(address, name, data.get(name, ""))
    address.save()


# The address book: the delivery addresses a signed-in buyer keeps. One of them is the default (the one the API
# shows as `delivery` and checkout fills in); the first address saved becomes it, and deleting it promotes the next.


@transaction.atomic
def add_address(*, customer: Customer, data: dict, make_default: bool = False) -> Address:
    """Save a new delivery address in the customer's book; the first one, or `make_default`, becomes the default."""
    customer = Customer.objects.select_for_update().get(pk=customer.pk)
    address = Address(customer=customer, kind=Address.Kind.DELIVERY)
    for name in ADDRESS_FIELDS:
        setattr(address, name, data.get(name, ""))
    address.is_default = make_default or not customer.addresses.filter(kind=Address.Kind.DELIVERY).exists()
    address.save()
    if address.is_default:
        customer.addresses.filter(kind=address.kind, is_default=True).exclude(pk=address.pk).update(is_default=False)
    emit_event("customer.updated", obj=render_customer(customer))
    return address


@transaction.atomic
def update_address(*, address: Address, data: dict) -> Address:
    """Change the fields of a saved address (the default stays the default)."""
    address = Address.objects.select_for_update().get(pk=address.pk)
    for name in ADDRESS_FIELDS:
        if name in data:
            setattr(address, name, data[name])
    address.save()
    emit_event("customer.updated", obj=render_customer(address.customer))
    return address


@transaction.atomic
def set_default_address(*, address: Address) -> Address:
    """Make this address the one checkout offers first."""
    customer = Customer.objects.select_for_update().get(pk=address.customer_id)
    customer.addresses.filter(kind=address.kind).exclude(pk=address.pk).update(is_default=False)
    Address.objects.filter(pk=address.pk).update(is_default=True)
    address.is_default = True
    emit_event("customer.updated", obj=render_customer(customer))
    return address


@transaction.atomic
def delete_address(*, address: Address) -> None:
    """Remove a saved address; when it was the default, the oldest remaining one of its kind takes over."""
    customer = Customer.objects.select_for_update().get(pk=address.customer_id)
    Address.objects.filter(pk=address.pk).delete()
    remaining = customer.addresses.filter(kind=address.kind).order_by("pk")
    successor = remaining.first()
    if address.is_default and successor is not None and not remaining.filter(is_default=True).exists():
        Address.objects.filter(pk=successor.pk).update(is_default=True)
    emit_event("customer.updated", obj=render_customer(customer))
