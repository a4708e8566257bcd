from rest_framework import serializers

from shopplatform.api.serializers import Serializer
from shopplatform.api.strict import StrictInput
from shopplatform.events import EVENT_TYPES, SEED_EVENT_ALIASES


class EventTypeField(serializers.ChoiceField):
    """A dotted event type. The underscore spellings (`order_change_status`) are accepted as input and translated;
    the schema lists each event once, by its dotted name, so generated clients get one constant per event."""

    def __init__(self, **kwargs) -> None:
        super().__init__(choices=EVENT_TYPES, **kwargs)

    def to_internal_value(self, data):
        return super().to_internal_value(SEED_EVENT_ALIASES.get(data, data) if isinstance(data, str) else data)


class WebhookEndpointInput(StrictInput):
    url = serializers.CharField(max_length=2048)
    events = serializers.ListField(
        child=EventTypeField(), required=False, max_length=len(EVENT_TYPES), help_text="Empty or absent = all events."
    )
    event = EventTypeField(required=False, help_text="The one-event form; same as `events: [event]`.")
    description = serializers.CharField(max_length=255, required=False, allow_blank=True)
    active = serializers.BooleanField(required=False)

    def validate(self, attrs):
        if "event" in attrs:
            if "events" in attrs:
                raise serializers.ValidationError({"event": "Send `event` or `events`, not both."})
            attrs["events"] = [attrs.pop("event")]
        return attrs


class WebhookEndpointOutput(Serializer):
    id = serializers.CharField(source="public_id")
    url = serializers.CharField()
    events = serializers.ListField(child=serializers.CharField(), help_text="Empty = every event.")
    event = serializers.SerializerMethodField(help_text="The one event when exactly one is subscribed.")
    active = serializers.BooleanField()
    description = serializers.CharField()
    previous_secret_expires_at = serializers.DateTimeField(
        allow_null=True, help_text="Until then deliveries are also signed with the secret before the last rotation."
    )
    failing_since = serializers.DateTimeField(allow_null=True)
    disabled_at = serializers.DateTimeField(allow_null=True)
    disabled_reason = serializers.CharField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    def get_event(self, endpoint) -> str | None:
        return endpoint.events[0] if len(endpoint.events) == 1 else None


class WebhookEndpointSecretOutput(WebhookEndpointOutput):
    secret = serializers.CharField(help_text="Shown only in this response: store it to verify signatures.")


class DeliveryOutput(Serializer):
    id = serializers.CharField(source="public_id")
    endpoint = serializers.CharField(source="endpoint.public_id")
    event = serializers.CharField(source="event.public_id")
    event_type = serializers.CharField(source="event.type")
    status = serializers.CharField()
    attempts = serializers.IntegerField()
    next_attempt_at = serializers.DateTimeField(allow_null=True)
    last_status_code = serializers.IntegerField(allow_null=True)
    last_duration_ms = serializers.IntegerField(allow_null=True)
    last_response_body = serializers.CharField(help_text="First 4 KB.")
    last_error = serializers.CharField()
    created_at = serializers.DateTimeField()
    delivered_at = serializers.DateTimeField(allow_null=True)


class DeliveryAttemptOutput(Serializer):
    url = serializers.CharField()
    request_headers = serializers.DictField(child=serializers.CharField())
    request_body = serializers.CharField()
    response_status = serializers.IntegerField(allow_null=True)
    response_body = serializers.CharField(help_text="First 4 KB.")
    duration_ms = serializers.IntegerField()
    error = serializers.CharField()
    created_at = serializers.DateTimeField()


class DeliveryDetailOutput(DeliveryOutput):
    attempt_log = DeliveryAttemptOutput(many=True, help_text="Every attempt, oldest first.")


class EventOutput(Serializer):
    id = serializers.CharField(source="public_id")
    type = serializers.CharField()
    api_version = serializers.CharField()
    created_at = serializers.DateTimeField()
    data = serializers.DictField(help_text='{"object": {...}}: the resource as the API renders it.')
