"""Account operations: issuing and revoking API keys."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from shopplatform.api.scopes import SCOPES

from .exceptions import UnknownScope
from .models import ApiKey, Customer


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
def issue_api_key(*, user, scopes, name: str = "", rate_limit: int | None = None, api_version: str = ""):
    """Create a key for `user`; return (key, secret). The secret is never stored or shown again."""
    api_key = ApiKey(
        user=user,
        name=name,
        scopes=normalize_scopes(scopes),
        rate_limit=rate_limit or settings.API_DEFAULT_RATE_LIMIT,
        api_version=api_version,
    )
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
    """Return the user's customer record, creating it (from the user's e-mail and name) on first use."""
    try:
        return user.customer
    except Customer.DoesNotExist:
        pass
    email = (user.email or f"{user.username}@users.invalid").lower()
    customer, _ = Customer.objects.get_or_create(
        email=email, defaults={"user": user, "name": user.get_full_name() or user.username}
    )
    if customer.user_id is None:
        customer.user = user
        customer.save(update_fields=["user", "updated_at"])
    return customer
