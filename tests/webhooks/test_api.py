"""Webhook endpoints, deliveries and events over the API."""

import pytest
from django.utils import timezone

from webhooks.delivery import attempt_delivery
from webhooks.models import Delivery, WebhookEndpoint

from .factories import DeliveryFactory, EventFactory, WebhookEndpointFactory

pytestmark = pytest.mark.django_db

PUBLIC_URL = "https://93.184.215.14/hooks"


def test_create_endpoint_returns_the_secret_once(staff_client):
    response = staff_client.post(
        "/api/v1/webhook-endpoints", {"url": PUBLIC_URL, "events": ["order.created"]}, format="json"
    )

    assert response.status_code == 201
    body = response.json()
    assert body["id"].startswith("whe_") and body["secret"].startswith("whsec_")
    assert (body["events"], body["event"], body["active"]) == (["order.created"], "order.created", True)
    assert "secret" not in staff_client.get(f"/api/v1/webhook-endpoints/{body['id']}").json()


def test_seed_003_single_underscore_event_is_accepted(staff_client):
    """url + one event; underscore names map to dotted ones."""
    response = staff_client.post(
        "/api/v1/webhook-endpoints/", {"url": PUBLIC_URL, "event": "order_change_status"}, format="json"
    )

    assert response.status_code == 201
    assert response.json()["events"] == ["order.status_changed"]


def test_duplicate_url_and_event_is_409_already_exists(staff_client):
    """409 "Already exists."."""
    WebhookEndpointFactory(url=PUBLIC_URL, events=["order.created"])

    response = staff_client.post(
        "/api/v1/webhook-endpoints", {"url": PUBLIC_URL, "event": "order_created"}, format="json"
    )

    assert response.status_code == 409
    assert response.json()["code"] == "already_exists"


def test_same_url_for_another_event_is_allowed(staff_client):
    WebhookEndpointFactory(url=PUBLIC_URL, events=["order.created"])

    response = staff_client.post("/api/v1/webhook-endpoints", {"url": PUBLIC_URL, "event": "order.paid"}, format="json")

    assert response.status_code == 201


def test_unknown_event_is_400(staff_client):
    response = staff_client.post("/api/v1/webhook-endpoints", {"url": PUBLIC_URL, "event": "nope"}, format="json")

    assert response.status_code == 400
    assert response.json()["param"] == "event"


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1/hook", "https://169.254.169.254/", "https://localhost/x", "ftp://a.b/"]
)
def test_endpoint_url_to_a_private_address_is_400_unsafe_url(staff_client, url):
    response = staff_client.post("/api/v1/webhook-endpoints", {"url": url}, format="json")

    assert response.status_code == 400
    assert response.json()["code"] == "unsafe_url"


def test_plain_http_endpoint_is_refused_in_production(staff_client, settings):
    settings.DEBUG = False

    response = staff_client.post("/api/v1/webhook-endpoints", {"url": "http://93.184.215.14/hooks"}, format="json")

    assert response.status_code == 400
    assert response.json()["code"] == "unsafe_url"


def test_customer_key_is_403(customer_client):
    assert customer_client.get("/api/v1/webhook-endpoints").status_code == 403


def test_key_without_webhooks_scope_is_403_insufficient_scope(make_client, staff_user):
    response = make_client(staff_user, scopes="catalog:read").get("/api/v1/webhook-deliveries")

    assert response.status_code == 403
    assert response.json()["param"] == "webhooks:read"


def test_list_endpoints_filters_by_event(staff_client):
    wanted = WebhookEndpointFactory(events=["order.paid"])
    everything = WebhookEndpointFactory(events=[])
    WebhookEndpointFactory(events=["order.created"])

    response = staff_client.get("/api/v1/webhook-endpoints?event=order_paid")

    assert {item["id"] for item in response.json()["data"]} == {wanted.public_id, everything.public_id}


def test_patch_and_put_update_partially(staff_client):
    endpoint = WebhookEndpointFactory(description="old", events=["order.paid"])

    for method in (staff_client.patch, staff_client.put):
        response = method(f"/api/v1/webhook-endpoints/{endpoint.public_id}", {"description": "new"}, format="json")
        assert response.status_code == 200
        assert (response.json()["description"], response.json()["events"]) == ("new", ["order.paid"])


def test_re_enabling_an_endpoint_clears_its_failure_state(staff_client):
    endpoint = WebhookEndpointFactory(active=False, disabled_at=timezone.now(), disabled_reason="410")

    response = staff_client.patch(f"/api/v1/webhook-endpoints/{endpoint.public_id}", {"active": True}, format="json")

    assert (response.json()["active"], response.json()["disabled_at"], response.json()["disabled_reason"]) == (
        True,
        None,
        "",
    )


def test_delete_endpoint_is_204(staff_client):
    endpoint = WebhookEndpointFactory()

    assert staff_client.delete(f"/api/v1/webhook-endpoints/{endpoint.public_id}").status_code == 204
    assert not WebhookEndpoint.objects.exists()


def test_rotate_secret_returns_a_new_secret_and_keeps_the_old_one_for_24_hours(staff_client):
    endpoint = WebhookEndpointFactory()

    response = staff_client.post(f"/api/v1/webhook-endpoints/{endpoint.public_id}/rotate-secret")

    endpoint.refresh_from_db()
    assert response.status_code == 200
    assert response.json()["secret"] == endpoint.secret
    assert len(endpoint.signing_secrets()) == 2
    assert response.json()["previous_secret_expires_at"] is not None


def test_test_action_sends_a_signed_ping_now(staff_client, receiver):
    endpoint = WebhookEndpointFactory(url=receiver.url("/hook"))
    receiver.secret = endpoint.secret

    response = staff_client.post(f"/api/v1/webhook-endpoints/{endpoint.public_id}/test")

    assert response.status_code == 200
    assert (response.json()["event_type"], response.json()["status"]) == ("ping", "succeeded")
    assert response.json()["attempt_log"][0]["response_status"] == 200
    assert receiver.checks == [(True, True)]


def test_deliveries_list_filters_by_endpoint_and_status(staff_client):
    wanted = DeliveryFactory(status=Delivery.Status.FAILED)
    DeliveryFactory(endpoint=wanted.endpoint)
    DeliveryFactory(status=Delivery.Status.FAILED)

    response = staff_client.get(f"/api/v1/webhook-deliveries?endpoint={wanted.endpoint.public_id}&status=failed")

    assert [item["id"] for item in response.json()["data"]] == [wanted.public_id]
    assert response.json()["next_cursor"] is None


def test_deliveries_list_rejects_an_unknown_status(staff_client):
    assert staff_client.get("/api/v1/webhook-deliveries?status=lost").status_code == 400


def test_deliveries_list_pages_with_cursors(staff_client):
    deliveries = [DeliveryFactory() for _ in range(3)]

    first = staff_client.get("/api/v1/webhook-deliveries?limit=2").json()
    second = staff_client.get(f"/api/v1/webhook-deliveries?limit=2&starting_after={first['next_cursor']}").json()

    assert first["has_more"] is True
    assert [item["id"] for item in first["data"] + second["data"]] == [d.public_id for d in reversed(deliveries)]


def test_delivery_detail_includes_its_attempts(staff_client, receiver):
    endpoint = WebhookEndpointFactory(url=receiver.url("/hook"))
    receiver.secret = endpoint.secret
    delivery = DeliveryFactory(endpoint=endpoint)

    attempt_delivery(delivery_id=delivery.pk)

    body = staff_client.get(f"/api/v1/webhook-deliveries/{delivery.public_id}").json()
    assert body["status"] == "succeeded"
    assert [attempt["response_status"] for attempt in body["attempt_log"]] == [200]


def test_redeliver_queues_the_delivery_again(staff_client, receiver, django_capture_on_commit_callbacks):
    endpoint = WebhookEndpointFactory(url=receiver.url("/hook"))
    receiver.secret = endpoint.secret
    delivery = DeliveryFactory(endpoint=endpoint, status=Delivery.Status.FAILED, attempts=8, next_attempt_at=None)

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(f"/api/v1/webhook-deliveries/{delivery.public_id}/redeliver")

    delivery.refresh_from_db()
    assert response.status_code == 202
    assert (delivery.status, delivery.attempts) == (Delivery.Status.SUCCEEDED, 1)
    assert len(receiver.requests) == 1


def test_redeliver_to_a_disabled_endpoint_is_409(staff_client):
    delivery = DeliveryFactory(endpoint=WebhookEndpointFactory(active=False), status=Delivery.Status.FAILED)

    response = staff_client.post(f"/api/v1/webhook-deliveries/{delivery.public_id}/redeliver")

    assert response.status_code == 409
    assert response.json()["code"] == "endpoint_disabled"


def test_events_list_filters_by_type_and_shows_payload(staff_client):
    wanted = EventFactory(type="order.paid")
    EventFactory(type="product.created")

    response = staff_client.get("/api/v1/events?type=order.paid")

    assert [item["id"] for item in response.json()["data"]] == [wanted.public_id]
    assert response.json()["data"][0]["data"] == wanted.data


def test_event_detail(staff_client):
    event = EventFactory()

    assert staff_client.get(f"/api/v1/events/{event.public_id}").json()["type"] == "product.created"


@pytest.mark.parametrize("path", ["/api/v1/webhook-deliveries", "/api/v1/events", "/api/v1/webhook-endpoints"])
def test_lists_use_a_constant_number_of_queries(staff_client, django_assert_max_num_queries, path):
    DeliveryFactory()
    with django_assert_max_num_queries(20) as one:
        staff_client.get(path)
    for _ in range(30):
        DeliveryFactory()

    with django_assert_max_num_queries(len(one.captured_queries)):
        response = staff_client.get(path)

    assert len(response.json()["data"]) > 1
