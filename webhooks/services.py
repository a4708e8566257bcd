"""Operations on webhook endpoints and deliveries that merchants start (API and admin)."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from shopplatform import net
from shopplatform.errors import AlreadyExists, NotFound

from . import tasks
from .delivery import attempt_delivery, https_required
from .exceptions import EndpointDisabled
from .models import Delivery, Event, WebhookEndpoint, new_endpoint_secret

PREVIOUS_SECRET_VALIDITY = timedelta(hours=24)
TEST_EVENT_TYPE = "ping"


def check_unique_subscription(*, url: str, events: list[str], exclude_pk: int | None = None) -> None:
    """One URL receives each event through one endpoint only: the same URL and event twice is a conflict (409)."""
    for other in WebhookEndpoint.objects.filter(url=url).exclude(pk=exclude_pk):
        if not other.events or not events or set(other.events) & set(events):
            raise AlreadyExists("An endpoint with this URL already receives these events.", param="url")


@transaction.atomic
def create_endpoint(
    *, owner, url: str, events: list[str] | None = None, description: str = "", active: bool = True
) -> WebhookEndpoint:
    """Subscribe a URL to events (empty = all). Raise UnsafeUrl or AlreadyExists."""
    url = net.validate_public_url(url, require_https=https_required())
    events = list(dict.fromkeys(events or []))
    check_unique_subscription(url=url, events=events)
    return WebhookEndpoint.objects.create(owner=owner, url=url, events=events, description=description, active=active)


@transaction.atomic
def update_endpoint(*, endpoint: WebhookEndpoint, **changes) -> WebhookEndpoint:
    """Change url, events, description, active or owner (admin only); enabling clears the failure state.
    Raise UnsafeUrl or AlreadyExists."""
    endpoint = WebhookEndpoint.objects.select_for_update().get(pk=endpoint.pk)
    if "url" in changes:
        changes["url"] = net.validate_public_url(changes["url"], require_https=https_required())
    if "events" in changes:
        changes["events"] = list(dict.fromkeys(changes["events"]))
    for field, value in changes.items():
        setattr(endpoint, field, value)
    if "url" in changes or "events" in changes:
        check_unique_subscription(url=endpoint.url, events=endpoint.events, exclude_pk=endpoint.pk)
    if changes.get("active"):
        endpoint.failing_since, endpoint.disabled_at, endpoint.disabled_reason = None, None, ""
    endpoint.save()
    return endpoint


def delete_endpoint(*, endpoint: WebhookEndpoint) -> None:
    """Remove the endpoint with its deliveries and their log."""
    endpoint.delete()


@transaction.atomic
def rotate_endpoint_secret(*, endpoint: WebhookEndpoint) -> WebhookEndpoint:
    """Give the endpoint a new secret; the old one keeps signing (alongside) for 24 hours."""
    endpoint = WebhookEndpoint.objects.select_for_update().get(pk=endpoint.pk)
    endpoint.previous_secret = endpoint.secret
    endpoint.previous_secret_expires_at = timezone.now() + PREVIOUS_SECRET_VALIDITY
    endpoint.secret = new_endpoint_secret()
    endpoint.save(update_fields=["secret", "previous_secret", "previous_secret_expires_at", "updated_at"])
    return endpoint


def send_test_event(*, endpoint: WebhookEndpoint) -> Delivery:
    """Deliver a `ping` event to this endpoint only, now, in the caller's thread; return the delivery."""
    with transaction.atomic():
        event = Event.objects.create(
            type=TEST_EVENT_TYPE,
            api_version=settings.API_VERSIONS[-1],
            data={"object": {"endpoint": endpoint.public_id, "message": "Test event from Shopplatform."}},
            fanned_out=True,  # meant for this endpoint alone
        )
        test_delivery = Delivery.objects.create(endpoint=endpoint, event=event)
    attempted = attempt_delivery(delivery_id=test_delivery.pk, include_inactive=True)
    tasks.enqueue_retry(attempted)
    return attempted


@transaction.atomic
def redeliver(*, delivery: Delivery) -> Delivery:
    """Send the delivery again from a fresh retry schedule. Raise EndpointDisabled, or NotFound when the delivery
    was pruned with its event since the caller read it."""
    delivery = (
        Delivery.objects.select_for_update(of=("self",)).select_related("endpoint").filter(pk=delivery.pk).first()
    )
    if delivery is None:  # pruned with its event since the caller read it (webhooks/retention.py)
        raise NotFound("The delivery no longer exists: its event passed the retention period.")
    if not delivery.endpoint.active:
        raise EndpointDisabled()
    delivery.status, delivery.attempts, delivery.next_attempt_at = Delivery.Status.PENDING, 0, timezone.now()
    delivery.save(update_fields=["status", "attempts", "next_attempt_at"])
    delivery_id = delivery.pk
    transaction.on_commit(lambda: tasks.enqueue_delivery(delivery_id))
    return delivery
