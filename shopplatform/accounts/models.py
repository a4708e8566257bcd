"""Accounts: API keys, customers and their addresses.

A key's secret is `shp_<40 base62>`; only its SHA-256 is stored, with the first 12 characters kept as a visible
prefix so owners can tell keys apart. SHA-256 (not a slow hash) suffices because secrets are 238 random bits.
"""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

from shopplatform.ids import ALPHABET, PublicIdField
from shopplatform.prepared import PreparedQuery

SECRET_PREFIX = "shp_"
SECRET_RANDOM_LENGTH = 40
VISIBLE_PREFIX_LENGTH = 12
LAST_USED_RESOLUTION_SECONDS = 60


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class ApiKeyQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True, user__is_active=True)

    def authenticate(self, secret: str) -> "ApiKey | None":
        """Return the live key matching the secret and stamp its use (at most once a minute).

        The key's user comes with their customer record (or its absence), which customer keys' requests read
        (`ensure_customer`), in the same query.
        """
        found = LIVE_KEY.instances(secret_hash=hash_secret(secret))  # every API request: compiled once
        if not found:
            return None
        found[0].touch()
        return found[0]


class ApiKey(models.Model):
    public_id = PublicIdField(prefix="key")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_keys")
    name = models.CharField(max_length=100, blank=True)
    prefix = models.CharField(max_length=VISIBLE_PREFIX_LENGTH, editable=False)
    secret_hash = models.CharField(max_length=64, unique=True, editable=False)
    scopes = models.JSONField(default=list)
    rate_limit = models.PositiveIntegerField(default=60, help_text="Requests per minute.")
    api_version = models.CharField(max_length=10, blank=True, help_text="Pinned API version (YYYY-MM-DD).")
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiKeyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "API key"

    def __str__(self) -> str:
        return f"{self.name or 'API key'} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def set_secret(self) -> str:
        """Generate and hash a new secret; return it (the only time it is visible)."""
        secret = SECRET_PREFIX + "".join(secrets.choice(ALPHABET) for _ in range(SECRET_RANDOM_LENGTH))
        self.prefix = secret[:VISIBLE_PREFIX_LENGTH]
        self.secret_hash = hash_secret(secret)
        return secret

    def touch(self) -> None:
        now = timezone.now()
        if self.last_used_at and (now - self.last_used_at).total_seconds() < LAST_USED_RESOLUTION_SECONDS:
            return
        ApiKey.objects.filter(pk=self.pk).update(last_used_at=now)
        self.last_used_at = now


# The hash is unique, so no ORDER BY or LIMIT: the keys' default ordering would be compiled into both.
LIVE_KEY = PreparedQuery(
    lambda slots: (
        ApiKey.objects.active()
        .select_related("user__customer")
        .filter(secret_hash=slots.text("secret_hash"))
        .order_by()
    )
)


class Customer(models.Model):
    """A buyer. Registered customers have a user; guest checkouts create a customer without one."""

    public_id = PublicIdField(prefix="cus")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="customer"
    )
    email = models.EmailField(unique=True)
    name = models.CharField(max_length=200, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    company = models.CharField(max_length=200, blank=True)
    fiscal_id = models.CharField(max_length=40, blank=True)
    newsletter = models.BooleanField(default=False)
    wholesale = models.BooleanField(default=False, help_text="Sees and pays wholesale prices.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        # The admin's customer list reads its newest page from this index instead of sorting every customer.
        indexes = [models.Index(fields=["-created_at", "-id"], name="customer_newest")]

    def __str__(self) -> str:
        return self.name or self.email

    def save(self, *args, **kwargs) -> None:
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)


class Address(models.Model):
    class Kind(models.TextChoices):
        DELIVERY = "delivery"
        BILLING = "billing"

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="addresses")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    name = models.CharField(max_length=200, blank=True)
    company = models.CharField(max_length=200, blank=True)
    address = models.CharField(max_length=255)
    address_extra = models.CharField(max_length=255, blank=True)
    city = models.CharField(max_length=100)
    zip_code = models.CharField(max_length=20, blank=True)
    region = models.CharField(max_length=100, blank=True)
    country_code = models.CharField(max_length=3, help_text="ISO 3166-1 alpha-3, e.g. PRT.")
    phone = models.CharField(max_length=40, blank=True)
    is_default = models.BooleanField(default=False)

    class Meta:
        ordering = ["-is_default", "pk"]
        verbose_name_plural = "addresses"

    def __str__(self) -> str:
        return f"{self.address}, {self.city} ({self.country_code})"
