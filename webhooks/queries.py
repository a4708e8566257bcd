"""Querysets behind the webhook lists: each holds its joins so a page costs the same queries at any size.

Deliveries prefetch rather than select_related their endpoint and event: the cursor paginator narrows its
anchor query with `.only()`, which Django refuses to combine with select_related.
"""

from django.db.models import Prefetch, QuerySet

from .models import Delivery, DeliveryAttempt, Event, WebhookEndpoint


def endpoint_list() -> QuerySet[WebhookEndpoint]:
    return WebhookEndpoint.objects.order_by("-created_at", "-pk")


def delivery_list() -> QuerySet[Delivery]:
    return Delivery.objects.prefetch_related(
        Prefetch("endpoint", queryset=WebhookEndpoint.objects.only("pk", "public_id")),
        Prefetch("event", queryset=Event.objects.only("pk", "public_id", "type")),
    )


def delivery_detail() -> QuerySet[Delivery]:
    return delivery_list().prefetch_related(
        Prefetch("attempt_log", queryset=DeliveryAttempt.objects.order_by("created_at", "pk"))
    )


def event_list() -> QuerySet[Event]:
    return Event.objects.all()
