"""Digital products of the marketplace: versions with channels and yanking, marketplace listing data
(game, download total, latest version) and ownership granted without an order (free claims, staff grants).

Version files live in the private "digital" storage (settings.STORAGES); `file_name` is the storage key. Paid
ownership is not stored here: it is read from the purchase sources (catalog.digital.purchases).
Core catalog models are named by string ("catalog.Product"), so this module does not import catalog.models, which
re-exports it for Django's model discovery.
"""

import re

from django.db import models

from shopplatform.ids import PublicIdField

from ..exceptions import InvalidVersionTag

# The regular expression published with Semantic Versioning 2.0.0 (semver.org), anchored.
SEMVER = re.compile(
    r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
    r"(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$"
)
VERSION_TAG_MAX_LENGTH = 100


def semver_key(tag: str) -> tuple:
    """Sort key giving SemVer precedence: 1.0.0-alpha < 1.0.0-alpha.1 < 1.0.0-beta < 1.0.0 < 1.0.1.

    Raise InvalidVersionTag. Build metadata (+…) does not count, as the specification says.
    """
    match = SEMVER.match(tag or "") if len(tag or "") <= VERSION_TAG_MAX_LENGTH else None
    if match is None:
        raise InvalidVersionTag(f"'{tag}' is not a semantic version (e.g. 1.2.0).", param="version_tag")
    major, minor, patch, prerelease, _build = match.groups()
    if prerelease is None:
        return (int(major), int(minor), int(patch), 1, ())
    identifiers = tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in prerelease.split("."))
    return (int(major), int(minor), int(patch), 0, identifiers)


class VersionChannel(models.TextChoices):
    STABLE = "stable"
    BETA = "beta"


class Version(models.Model):
    """One released file of a digital product. Yanked versions are hidden, never deleted."""

    public_id = PublicIdField(prefix="ver")
    product = models.ForeignKey("catalog.Product", on_delete=models.CASCADE, related_name="versions")
    version_tag = models.CharField(max_length=VERSION_TAG_MAX_LENGTH, help_text="Semantic version, e.g. 1.2.0.")
    channel = models.CharField(max_length=10, choices=VersionChannel.choices, default=VersionChannel.STABLE)
    release_notes_html = models.TextField(blank=True, help_text="Sanitized HTML.")
    file_name = models.CharField(max_length=500, help_text="Key in the private digital storage.")
    original_filename = models.CharField(max_length=255, blank=True)
    size_bytes = models.BigIntegerField(default=0)
    download_count = models.BigIntegerField(default=0)
    yanked = models.BooleanField(default=False)
    yanked_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["product", "version_tag"], name="version_tag_unique_per_product"),
            models.CheckConstraint(condition=models.Q(size_bytes__gte=0), name="version_size_not_negative"),
        ]
        indexes = [models.Index(fields=["product", "yanked", "channel"], name="version_visible_idx")]

    def __str__(self) -> str:
        return f"{self.product_id} {self.version_tag}"

    @property
    def precedence(self) -> tuple:
        return semver_key(self.version_tag)

    @property
    def download_filename(self) -> str:
        return self.original_filename or f"{self.version_tag}.bin"


class DigitalListing(models.Model):
    """Marketplace data of a product that has versions; created with its first version (or by the admin)."""

    product = models.OneToOneField("catalog.Product", on_delete=models.CASCADE, related_name="digital")
    game = models.CharField(max_length=100, blank=True, help_text='Free-form classification, e.g. "minecraft".')
    download_count = models.BigIntegerField(default=0, help_text="Downloads of all versions.")
    latest_version = models.ForeignKey(
        Version,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Highest non-yanked stable version; kept by catalog.services.digital.",
    )

    def __str__(self) -> str:
        return f"Digital listing of {self.product_id}"


class Ownership(models.Model):
    """A product owned without an order: a claimed free product or a merchant's grant."""

    class Source(models.TextChoices):
        CLAIM = "claim", "Claimed free product"
        GRANT = "grant", "Granted by staff"

    customer = models.ForeignKey("accounts.Customer", on_delete=models.CASCADE, related_name="ownerships")
    product = models.ForeignKey("catalog.Product", on_delete=models.CASCADE, related_name="ownerships")
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.GRANT)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["customer", "product"], name="ownership_unique")]

    def __str__(self) -> str:
        return f"{self.customer_id} owns {self.product_id}"
