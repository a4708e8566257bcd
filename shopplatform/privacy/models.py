"""Privacy (data-subject) requests: a person asks for an export of, or the erasure of, the data held about an
e-mail address. Nothing happens until the owner of that address confirms through the e-mailed link
(shopplatform.privacy.services); staff can follow and process requests in the admin.

Status flow: awaiting_confirmation → confirmed → processing → completed | refused; unconfirmed requests become
expired after the confirmation window. After an erasure the request keeps no e-mail address.
"""

from django.db import models

from shopplatform.ids import PublicIdField


class PrivacyRequest(models.Model):
    class Kind(models.TextChoices):
        EXPORT = "export"
        ERASE = "erase"

    class Status(models.TextChoices):
        AWAITING_CONFIRMATION = "awaiting_confirmation", "Awaiting confirmation"
        CONFIRMED = "confirmed"
        PROCESSING = "processing"
        COMPLETED = "completed"
        REFUSED = "refused"
        EXPIRED = "expired"

    PENDING_STATUSES = (Status.AWAITING_CONFIRMATION, Status.CONFIRMED, Status.PROCESSING)

    public_id = PublicIdField(prefix="dsar")
    email = models.EmailField(blank=True, db_index=True, help_text="Cleared once an erasure has completed.")
    kind = models.CharField(max_length=6, choices=Kind.choices)
    status = models.CharField(
        max_length=21, choices=Status.choices, default=Status.AWAITING_CONFIRMATION, db_index=True
    )
    reason = models.TextField(blank=True, help_text="Why the request was refused.")
    archive_name = models.CharField(max_length=200, blank=True, editable=False, help_text="Export in private storage.")
    archive_expires_at = models.DateTimeField(null=True, blank=True, editable=False)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    confirmed_at = models.DateTimeField(null=True, blank=True, editable=False)
    completed_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "accounts_privacyrequest"  # the table predates the privacy app; moving it kept the name
        ordering = ["-created_at", "-pk"]
        verbose_name = "privacy request"

    def __str__(self) -> str:
        return f"{self.public_id} ({self.kind}, {self.status})"

    @property
    def is_pending(self) -> bool:
        return self.status in self.PENDING_STATUSES
