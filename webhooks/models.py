"""Webhooks: the event outbox (endpoints and deliveries join in with the webhooks issue)."""

from django.db import models

from shopplatform.ids import PublicIdField


class Event(models.Model):
    """One thing that happened, written in the same transaction as the change it reports."""

    public_id = PublicIdField(prefix="evt")
    type = models.CharField(max_length=64, db_index=True)
    api_version = models.CharField(max_length=10)
    data = models.JSONField(help_text='{"object": {...}}: the resource as the API renders it.')
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.type} {self.public_id}"

    def payload(self) -> dict:
        """The body delivered to endpoints (SPEC §5)."""
        return {
            "id": self.public_id,
            "type": self.type,
            "created_at": self.created_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "api_version": self.api_version,
            "data": self.data,
        }
