"""A delivery message POSTs the due deliveries of its endpoint as one batch, over one kept-alive connection."""

import json
import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from webhooks.delivery import BATCH_SIZE
from webhooks.models import Delivery, DeliveryAttempt
from webhooks.tasks import deliver_webhook_task

from .conftest import work_off
from .factories import DeliveryFactory, WebhookEndpointFactory

pytestmark = pytest.mark.django_db


def subscribe(receiver):
    endpoint = WebhookEndpointFactory(url=receiver.url("/hook"))
    receiver.secret = endpoint.secret
    return endpoint


def queued(endpoint, count: int) -> list[Delivery]:
    return [DeliveryFactory(endpoint=endpoint) for _ in range(count)]


def statuses(deliveries: list[Delivery]) -> list[tuple[str, int]]:
    return [Delivery.objects.values_list("status", "attempts").get(pk=delivery.pk) for delivery in deliveries]


def test_one_message_posts_every_due_delivery_of_its_endpoint_over_one_connection(receiver):
    deliveries = queued(subscribe(receiver), 5)

    deliver_webhook_task(deliveries[0].pk)

    assert statuses(deliveries) == [(Delivery.Status.SUCCEEDED, 1)] * 5
    assert receiver.checks == [(True, True)] * 5
    assert len({request.handler.client_address for request in receiver.requests}) == 1
    sent_ids = sorted(json.loads(request.body)["id"] for request in receiver.requests)
    assert sent_ids == sorted(delivery.event.public_id for delivery in deliveries)
    assert DeliveryAttempt.objects.filter(delivery__in=deliveries, response_status=200).count() == 5


def test_the_other_messages_of_a_batch_post_nothing_more(receiver):
    deliveries = queued(subscribe(receiver), 3)
    deliver_webhook_task(deliveries[0].pk)

    for delivery in deliveries[1:]:
        deliver_webhook_task(delivery.pk)

    assert len(receiver.requests) == 3
    assert statuses(deliveries) == [(Delivery.Status.SUCCEEDED, 1)] * 3


def test_a_batch_stops_at_its_first_failure_and_hands_the_rest_to_a_drain(receiver, published):
    receiver.statuses = [200, 500, 200]
    deliveries = queued(subscribe(receiver), 4)

    deliver_webhook_task(deliveries[0].pk)

    assert len(receiver.requests) == 2
    assert statuses(deliveries) == [
        (Delivery.Status.SUCCEEDED, 1),
        (Delivery.Status.RETRYING, 1),
        (Delivery.Status.PENDING, 0),
        (Delivery.Status.PENDING, 0),
    ]
    assert published == [("webhooks.tasks.drain_webhook_endpoint_task", (deliveries[0].endpoint_id,))]


def test_what_a_batch_leaves_is_sent_by_the_drain_it_hands_over_to(receiver, published):
    deliveries = queued(subscribe(receiver), BATCH_SIZE + 10)
    deliver_webhook_task(deliveries[0].pk)

    ran = work_off(published)

    assert ran == ["drain_webhook_endpoint_task"]
    assert statuses(deliveries) == [(Delivery.Status.SUCCEEDED, 1)] * (BATCH_SIZE + 10)
    assert len(receiver.requests) == BATCH_SIZE + 10


def test_a_batch_takes_only_its_own_endpoints_due_deliveries(receiver):
    endpoint = subscribe(receiver)
    own = queued(endpoint, 2)
    later = DeliveryFactory(endpoint=endpoint, next_attempt_at=timezone.now() + timedelta(minutes=5))
    elsewhere = DeliveryFactory(endpoint=WebhookEndpointFactory(url=receiver.url("/other")))

    deliver_webhook_task(own[0].pk)

    assert statuses(own) == [(Delivery.Status.SUCCEEDED, 1)] * 2
    assert statuses([later, elsewhere]) == [(Delivery.Status.PENDING, 0)] * 2
    assert [request.path for request in receiver.requests] == ["/hook", "/hook"]


@pytest.mark.parametrize("count", [5, 30])
def test_a_batch_costs_the_same_queries_whatever_its_size(receiver, django_assert_num_queries, count):
    deliveries = queued(subscribe(receiver), count)

    # pre-check, savepoint, own row, the others, the attempts, the outcomes, savepoint release
    with django_assert_num_queries(7):
        deliver_webhook_task(deliveries[0].pk)

    assert len(receiver.requests) == count


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_draining_one_endpoint_post_each_delivery_once(receiver):
    deliveries = queued(subscribe(receiver), 60)
    ids = [delivery.pk for delivery in deliveries]
    errors = []

    def worker(order: list[int]) -> None:
        try:
            for delivery_id in order:
                deliver_webhook_task(delivery_id)
        except Exception as error:  # reported below: a thread's exception would otherwise vanish
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(order,)) for order in (ids, ids[::-1])]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    sent = [request.headers["webhook-id"] for request in receiver.requests]
    assert sorted(sent) == sorted(delivery.event.public_id for delivery in deliveries)
    assert statuses(deliveries) == [(Delivery.Status.SUCCEEDED, 1)] * 60
    assert DeliveryAttempt.objects.filter(delivery__in=ids).count() == 60
