"""Webhooks: the event outbox, the endpoints merchants subscribe, deliveries and the log of every attempt.

Endpoint secrets are stored as they are, not hashed: every delivery is signed with an HMAC keyed by the secret,
so the server needs the secret itself, not a digest of it (API keys are the opposite: we only ever compare them).
"""

import base64
import secrets
from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone

from shopplatform.ids import PublicIdField

SECRET_PREFIX = "whsec_"
SECRET_BYTES = 24


def new_endpoint_secret() -> str:
    """`whsec_` + base64 of 24 random bytes: the form the Standard Webhooks libraries decode."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(SECRET_BYTES)).decode()


class Event(models.Model):
    """One thing that happened, written in the same transaction as the change it reports."""

    public_id = PublicIdField(prefix="evt")
    type = models.CharField(max_length=64, db_index=True)
    api_version = models.CharField(max_length=10)
    data = models.JSONField(help_text='{"object": {...}}: the resource as the API renders it.')
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    fanned_out = models.BooleanField(
        default=False, help_text="Deliveries were created; the sweep fans out events still false."
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        # The events still to fan out, by id: what the fan-out's claim (one id) and the sweep (oldest first) read.
        # PostgreSQL claimed an event through an index of the flag itself, walking the entries every event left
        # there as `false` until vacuum (0.6-1.4 ms and ~250 pages a claim, 0.1-0.2 ms now).
        indexes = [models.Index(fields=["id"], condition=models.Q(fanned_out=False), name="webhooks_event_unfanned")]

    def __str__(self) -> str:
        return f"{self.type} {self.public_id}"

    def payload(self) -> dict:
        """The body delivered to endpoints: id, type, created_at, api_version and data."""
        return {
            "id": self.public_id,
            "type": self.type,
            "created_at": self.created_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "api_version": self.api_version,
            "data": self.data,
        }


class WebhookEndpoint(models.Model):
    """A URL that receives the events it subscribes to (an empty `events` list means all of them)."""

    public_id = PublicIdField(prefix="whe")
    url = models.URLField(max_length=2048)
    events = models.JSONField(default=list, blank=True, help_text="Event types; empty = every event.")
    active = models.BooleanField(default=True)
    description = models.CharField(max_length=255, blank=True)
    secret = models.CharField(max_length=64, default=new_endpoint_secret, editable=False)
    previous_secret = models.CharField(max_length=64, blank=True, editable=False)
    previous_secret_expires_at = models.DateTimeField(null=True, blank=True, editable=False)
    failing_since = models.DateTimeField(null=True, blank=True, help_text="First failure of the current streak.")
    disabled_at = models.DateTimeField(null=True, blank=True)
    disabled_reason = models.CharField(max_length=255, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="webhook_endpoints"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "webhook endpoint"

    def __str__(self) -> str:
        return self.url

    def subscribes_to(self, event_type: str) -> bool:
        return not self.events or event_type in self.events

    def signing_secrets(self, now: datetime | None = None) -> list[str]:
        """The current secret, plus the previous one while its 24 hours after a rotation last."""
        now = now or timezone.now()
        keys = [self.secret]
        if self.previous_secret and self.previous_secret_expires_at and self.previous_secret_expires_at > now:
            keys.append(self.previous_secret)
        return keys


class Delivery(models.Model):
    """One event on its way to one endpoint; retried on the backoff schedule until it succeeds or gives up."""

    class Status(models.TextChoices):
        PENDING = "pending"
        RETRYING = "retrying"
        SUCCEEDED = "succeeded"
        FAILED = "failed"

    public_id = PublicIdField(prefix="whd")
    endpoint = models.ForeignKey(WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries")
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    attempts = models.PositiveIntegerField(default=0, help_text="Attempts since creation or the last redelivery.")
    next_attempt_at = models.DateTimeField(null=True, blank=True, db_index=True, default=timezone.now)
    last_status_code = models.PositiveIntegerField(null=True, blank=True)
    last_duration_ms = models.PositiveIntegerField(null=True, blank=True)
    last_response_body = models.TextField(blank=True, help_text="First 4 KB.")
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "deliveries"
        constraints = [models.UniqueConstraint(fields=["endpoint", "event"], name="webhook_delivery_once")]

    def __str__(self) -> str:
        return f"{self.public_id} ({self.status})"


class DeliveryAttempt(models.Model):
    """The log of one POST: what was sent, what came back."""

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="attempt_log")
    url = models.URLField(max_length=2048)
    request_headers = models.JSONField(default=dict)
    request_body = models.TextField()
    response_status = models.PositiveIntegerField(null=True, blank=True)
    response_body = models.TextField(blank=True, help_text="First 4 KB.")
    duration_ms = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.delivery_id} → {self.response_status or self.error[:40]}"
