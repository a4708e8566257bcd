import django_filters
from django import forms
from django.db.models import Q

from shopplatform.events import EVENT_TYPES, SEED_EVENT_ALIASES

from .models import Delivery, Event, WebhookEndpoint

EVENT_CHOICES = [(name, name) for name in EVENT_TYPES]


class EventTypeChoiceField(forms.ChoiceField):
    """A dotted event type; the underscore spellings are translated before the choice is checked."""

    def to_python(self, value):
        value = super().to_python(value)
        return SEED_EVENT_ALIASES.get(value, value)


class EventTypeFilter(django_filters.ChoiceFilter):
    field_class = EventTypeChoiceField


class EndpointFilter(django_filters.FilterSet):
    active = django_filters.BooleanFilter()
    event = EventTypeFilter(
        choices=EVENT_CHOICES, method="filter_event", help_text="Endpoints that receive this event."
    )

    class Meta:
        model = WebhookEndpoint
        fields = ["active", "event"]

    def filter_event(self, queryset, name, value):
        event_type = SEED_EVENT_ALIASES.get(value, value)
        # Matching the quoted name inside the JSON text works on SQLite and PostgreSQL alike.
        return queryset.filter(Q(events=[]) | Q(events__icontains=f'"{event_type}"'))


class DeliveryFilter(django_filters.FilterSet):
    endpoint = django_filters.CharFilter(field_name="endpoint__public_id", help_text="Endpoint id (`whe_…`).")
    event = django_filters.CharFilter(field_name="event__public_id", help_text="Event id (`evt_…`).")
    status = django_filters.ChoiceFilter(choices=Delivery.Status.choices)

    class Meta:
        model = Delivery
        fields = ["endpoint", "event", "status"]


class EventFilter(django_filters.FilterSet):
    type = django_filters.CharFilter(method="filter_type", help_text="Event type, e.g. `order.created`.")

    class Meta:
        model = Event
        fields = ["type"]

    def filter_type(self, queryset, name, value):
        return queryset.filter(type=SEED_EVENT_ALIASES.get(value, value))
