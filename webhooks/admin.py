from django import forms
from django.contrib import admin, messages
from django.utils.html import format_html

from shopplatform import net
from shopplatform.admin_base import ModelAdmin, SuperuserOnlyMixin, TabularInline, choices_filter
from shopplatform.errors import ShopError
from shopplatform.events import EVENT_TYPES
from shopplatform.forms import ServiceAdminMixin

from . import services
from .delivery import https_required
from .models import Delivery, DeliveryAttempt, Event, WebhookEndpoint


class EndpointHealthFilter(admin.SimpleListFilter):
    title = "health"
    parameter_name = "health"

    def lookups(self, request, model_admin):
        return [("disabled", "Disabled by failures"), ("failing", "Failing"), ("healthy", "Healthy")]

    def queryset(self, request, queryset):
        if self.value() == "disabled":
            return queryset.filter(disabled_at__isnull=False)
        if self.value() == "failing":
            return queryset.filter(failing_since__isnull=False, disabled_at__isnull=True)
        if self.value() == "healthy":
            return queryset.filter(failing_since__isnull=True, disabled_at__isnull=True)
        return queryset


class WebhookEndpointForm(forms.ModelForm):
    """Runs the service's checks up front so a bad URL or a duplicate is a form error, not a crash."""

    url = forms.URLField(max_length=2048, assume_scheme="https")

    class Meta:
        model = WebhookEndpoint
        fields = ["url", "events", "active", "description", "owner"]

    def clean_url(self):
        try:
            return net.validate_public_url(self.cleaned_data["url"], require_https=https_required())
        except net.UnsafeUrl as error:
            raise forms.ValidationError(error.detail) from None

    def clean_events(self):
        events = self.cleaned_data.get("events") or []
        if not isinstance(events, list) or not set(events) <= set(EVENT_TYPES):
            raise forms.ValidationError('A JSON list of event types, e.g. ["order.created"]; [] for all.')
        return events

    def clean(self):
        data = super().clean()
        if "url" in data and "events" in data:
            try:
                services.check_unique_subscription(url=data["url"], events=data["events"], exclude_pk=self.instance.pk)
            except ShopError as error:
                raise forms.ValidationError(error.detail) from None
        return data


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(ServiceAdminMixin, ModelAdmin):
    form = WebhookEndpointForm
    list_display = ["url", "health", "active", "event_list", "owner", "created_at"]
    list_select_related = ["owner"]
    list_filter = [EndpointHealthFilter, "active", "created_at"]
    search_fields = ["url", "description", "public_id"]
    readonly_fields = [
        "public_id",
        "previous_secret_expires_at",
        "failing_since",
        "disabled_at",
        "disabled_reason",
        "created_at",
        "updated_at",
    ]
    fields = ["public_id", "url", "events", "active", "description", "owner", *readonly_fields[1:]]
    autocomplete_fields = ["owner"]
    actions = ["rotate_secret", "send_test_event"]

    @admin.display(description="health")
    def health(self, endpoint):
        if endpoint.disabled_at:
            return format_html('<strong style="color:#b00020">Disabled: {}</strong>', endpoint.disabled_reason)
        if endpoint.failing_since:
            # format_html escapes its arguments into strings first, so the date is formatted before it is passed.
            since = endpoint.failing_since.strftime("%Y-%m-%d %H:%M")
            return format_html('<span style="color:#a15c00">Failing since {}</span>', since)
        return format_html('<span style="color:#1b7f3b">{}</span>', "Healthy")

    @admin.display(description="events")
    def event_list(self, endpoint):
        return ", ".join(endpoint.events) or "all"

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        disabled = WebhookEndpoint.objects.filter(disabled_at__isnull=False, active=False).count()
        if disabled:
            messages.warning(
                request, f"{disabled} endpoint(s) were disabled after failing deliveries; fix them and re-activate."
            )
        return changelist

    def save_model(self, request, obj, form, change) -> None:
        if change:
            services.update_endpoint(endpoint=obj, **{name: form.cleaned_data[name] for name in form.changed_data})
            return
        endpoint = services.create_endpoint(
            owner=obj.owner or request.user,
            url=obj.url,
            events=obj.events or [],
            description=obj.description,
            active=obj.active,
        )
        obj.pk, obj.public_id = endpoint.pk, endpoint.public_id
        messages.warning(request, f"Copy the signing secret now; it is shown once: {endpoint.secret}")

    def delete_model(self, request, obj) -> None:
        services.delete_endpoint(endpoint=obj)

    def delete_queryset(self, request, queryset) -> None:
        for endpoint in queryset:
            services.delete_endpoint(endpoint=endpoint)

    @admin.action(description="Rotate secret (old one stays valid 24 h)")
    def rotate_secret(self, request, queryset) -> None:
        for endpoint in queryset:
            rotated = services.rotate_endpoint_secret(endpoint=endpoint)
            messages.warning(request, f"New secret for {rotated.url} (shown once): {rotated.secret}")

    @admin.action(description="Send a test event")
    def send_test_event(self, request, queryset) -> None:
        for endpoint in queryset:
            delivery = services.send_test_event(endpoint=endpoint)
            self.message_user(
                request, f"{endpoint.url}: {delivery.status} ({delivery.last_status_code or delivery.last_error})"
            )


class DeliveryAttemptInline(TabularInline):
    model = DeliveryAttempt
    extra = 0
    can_delete = False
    fields = [
        "created_at",
        "response_status",
        "duration_ms",
        "error",
        "request_headers",
        "request_body",
        "response_body",
    ]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Delivery)
class DeliveryAdmin(SuperuserOnlyMixin, ModelAdmin):
    list_display = [
        "public_id",
        "event",
        "endpoint",
        "status",
        "attempts",
        "last_status_code",
        "next_attempt_at",
        "created_at",
    ]
    list_filter = ["status", "created_at"]
    search_fields = ["public_id", "event__public_id", "event__type", "endpoint__url"]
    search_routes = {"whd_": "public_id", "evt_": "event__public_id"}
    list_select_related = ["event", "endpoint"]
    inlines = [DeliveryAttemptInline]
    actions = ["redeliver"]

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    @admin.action(description="Redeliver")
    def redeliver(self, request, queryset) -> None:
        sent = 0
        for delivery in queryset:
            try:
                services.redeliver(delivery=delivery)
            except ShopError as refusal:  # the endpoint is disabled, or the delivery was pruned since the list
                self.message_user(request, f"{delivery.public_id}: {refusal.detail}", messages.ERROR)
                continue
            sent += 1
        self.message_user(request, f"Queued {sent} delivery(ies) again.")


@admin.register(Event)
class EventAdmin(SuperuserOnlyMixin, ModelAdmin):
    list_display = ["public_id", "type", "created_at", "fanned_out"]
    # The outbox grows with every write: the type filter offers the catalogue, not a DISTINCT over the table.
    list_filter = [choices_filter("type", [(name, name) for name in EVENT_TYPES]), "fanned_out", "created_at"]
    search_fields = ["public_id", "type"]
    search_routes = {"evt_": "public_id"}
    date_hierarchy = "created_at"

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return request.method in ("GET", "HEAD") and super().has_change_permission(request, obj)
