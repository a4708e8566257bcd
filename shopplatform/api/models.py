"""Models of the API machinery: the stored outcomes of requests sent with an Idempotency-Key."""

import uuid

from django.db import models


class IdempotencyRecord(models.Model):
    """One Idempotency-Key of one caller: claimed while the handler runs, then the response it gave.

    `scope` is the API key's public id, or `ip:<address>` for anonymous callers; `fingerprint` is the SHA-256 of
    method, path and body, so a reuse with another request is told apart from a retry. `claim_token` changes on
    every claim, so a request whose abandoned claim was taken over cannot overwrite the newer outcome.
    """

    class State(models.TextChoices):
        IN_FLIGHT = "in_flight"
        COMPLETED = "completed"

    scope = models.CharField(max_length=100)
    key = models.CharField(max_length=200)
    method = models.CharField(max_length=10)
    path = models.TextField()
    fingerprint = models.CharField(max_length=64)
    state = models.CharField(max_length=10, choices=State.choices, default=State.IN_FLIGHT)
    claim_token = models.UUIDField(default=uuid.uuid4)
    response_status = models.PositiveSmallIntegerField(null=True, blank=True)
    response_headers = models.JSONField(default=dict, blank=True)
    response_body = models.BinaryField(default=b"", blank=True)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["scope", "key"], name="api_idempotency_scope_key")]
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.scope} {self.key} ({self.state})"
