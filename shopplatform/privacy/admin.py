"""Back-office for privacy requests: follow them, re-send a confirmation link, process a confirmed one now."""

from django.contrib import admin, messages

from shopplatform.admin_base import ModelAdmin

from . import processing, services
from .models import PrivacyRequest


@admin.register(PrivacyRequest)
class PrivacyRequestAdmin(ModelAdmin):
    list_display = ["public_id", "kind", "status", "email", "created_at", "confirmed_at", "completed_at"]
    list_filter = ["kind", "status", "created_at"]
    search_fields = ["public_id", "email"]
    readonly_fields = [
        "public_id",
        "email",
        "kind",
        "status",
        "reason",
        "archive_name",
        "archive_expires_at",
        "confirmation_sent_at",
        "confirmed_at",
        "completed_at",
        "created_at",
        "updated_at",
    ]
    actions = ["resend_confirmation", "process_now"]

    def has_add_permission(self, request) -> bool:
        return False  # only the person, through the API or the store, files a request

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    @admin.action(description="Re-send the confirmation e-mail")
    def resend_confirmation(self, request, queryset) -> None:
        waiting = queryset.filter(status=PrivacyRequest.Status.AWAITING_CONFIRMATION)
        for privacy_request in waiting:
            services.send_confirmation(privacy_request=privacy_request)
        self.message_user(request, f"Confirmation re-sent for {len(waiting)} request(s) awaiting confirmation.")

    @admin.action(description="Process confirmed requests now")
    def process_now(self, request, queryset) -> None:
        ready = queryset.filter(status__in=[PrivacyRequest.Status.CONFIRMED, PrivacyRequest.Status.PROCESSING])
        results = [processing.process_privacy_request(public_id=item.public_id) for item in ready]
        refused = sum(item.status == PrivacyRequest.Status.REFUSED for item in results)
        skipped = queryset.count() - len(results)
        self.message_user(
            request,
            f"Processed {len(results)} request(s), {refused} refused; {skipped} skipped (not confirmed by their owner).",
            messages.WARNING if refused or skipped else messages.SUCCESS,
        )
