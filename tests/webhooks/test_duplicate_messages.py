"""A delivery message that arrives before its attempt is due changes nothing and enqueues nothing more."""

from datetime import timedelta

import pytest
from django.utils import timezone

from webhooks.models import Delivery
from webhooks.tasks import deliver_webhook_task

from .factories import DeliveryFactory

pytestmark = pytest.mark.django_db


def test_early_message_for_a_retrying_delivery_schedules_no_further_attempt(django_capture_on_commit_callbacks):
    due_at = timezone.now() + timedelta(minutes=5)
    delivery = DeliveryFactory(status=Delivery.Status.RETRYING, attempts=1, next_attempt_at=due_at)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        deliver_webhook_task(delivery.pk)

    delivery.refresh_from_db()
    assert callbacks == []
    assert delivery.attempts == 1
    assert delivery.next_attempt_at == due_at
