from django.contrib import admin

from ..admin_base import ModelAdmin, SuperuserOnlyMixin, choices_filter
from .models import IdempotencyRecord


@admin.register(IdempotencyRecord)
class IdempotencyRecordAdmin(SuperuserOnlyMixin, ModelAdmin):
    """Read-only: records are written by API requests and purged by a periodic task."""

    list_display = ["key", "scope", "method", "path", "state", "response_status", "created_at", "expires_at"]
    list_filter = ["state", choices_filter("method", [(verb, verb) for verb in ("POST", "PUT", "PATCH", "DELETE")])]
    search_fields = ["key", "scope", "path"]
    exclude = ["response_body"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
