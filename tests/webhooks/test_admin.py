"""The deliveries screen's "Redeliver" action goes through `services.redeliver`, refusals shown per delivery."""

import pytest

from webhooks.models import Delivery

from .factories import DeliveryFactory, WebhookEndpointFactory

pytestmark = pytest.mark.django_db


def test_redeliver_queues_the_active_ones_and_names_each_refusal(
    admin_client, published, django_capture_on_commit_callbacks
):
    queued = DeliveryFactory(status=Delivery.Status.FAILED, attempts=8)
    refused = DeliveryFactory(endpoint=WebhookEndpointFactory(active=False), status=Delivery.Status.FAILED, attempts=8)

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            "/admin/webhooks/delivery/",
            {"action": "redeliver", "_selected_action": [queued.pk, refused.pk]},
            follow=True,
        )

    shown = [str(message) for message in response.context["messages"]]
    assert f"{refused.public_id}: Endpoint disabled" in shown
    assert "Queued 1 delivery(ies) again." in shown
    assert published == [("webhooks.tasks.deliver_webhook_task", (queued.pk,))]
    assert Delivery.objects.get(pk=queued.pk).status == Delivery.Status.PENDING
    assert Delivery.objects.get(pk=refused.pk).status == Delivery.Status.FAILED
