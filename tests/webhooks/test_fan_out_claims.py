"""An event's fan-out on PostgreSQL, run on its own (after its transaction commits): one statement when no active
endpoint subscribes to it, the claim and the deliveries in one transaction otherwise, whatever this process last saw
of the endpoints (webhooks.delivery.ANY_ACTIVE_ENDPOINT only picks which claim is tried first)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.threads import run_in_threads
from webhooks.delivery import ANY_ACTIVE_ENDPOINT, fan_out_event
from webhooks.models import Delivery, Event, WebhookEndpoint

from .factories import EventFactory, WebhookEndpointFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres]


@pytest.fixture
def kept(settings):
    """The process keeps what it saw of the endpoints, as in production; it starts from nothing."""
    settings.STORE_SETTINGS_CACHE_SECONDS = 60
    ANY_ACTIVE_ENDPOINT.forget()
    yield
    ANY_ACTIVE_ENDPOINT.forget()


def _fan_out(event: Event) -> tuple[list[Delivery], list[str]]:
    with CaptureQueriesContext(connection) as queries:
        deliveries = fan_out_event(event_pk=event.pk)
    return deliveries, [query["sql"] for query in queries]


def test_an_event_no_endpoint_subscribes_to_is_claimed_by_one_statement(kept):
    WebhookEndpointFactory(active=False)  # every type, but disabled
    assert ANY_ACTIVE_ENDPOINT.get() is False  # read once, then kept
    event = EventFactory(type="order.created", fanned_out=False)

    deliveries, statements = _fan_out(event)

    assert deliveries == [] and not Delivery.objects.exists()
    assert Event.objects.get(pk=event.pk).fanned_out is True
    assert len(statements) == 1 and statements[0].startswith("UPDATE webhooks_event AS event")  # no BEGIN, COMMIT
    again, statements = _fan_out(event)  # claimed already: the transaction's claim finds nothing either
    assert again == [] and not Delivery.objects.exists()
    assert [sql.split()[0] for sql in statements] == ["UPDATE", "BEGIN", "WITH", "COMMIT"]


def test_endpoints_this_process_has_not_seen_get_the_events_they_subscribe_to(kept):
    assert ANY_ACTIVE_ENDPOINT.get() is False
    _, created = WebhookEndpoint.objects.bulk_create(  # no signal: the process still believes there is none
        [
            WebhookEndpoint(url="https://93.184.215.7/hooks/paid", events=["order.paid"]),
            WebhookEndpoint(url="https://93.184.215.8/hooks/created", events=["order.created"]),
        ]
    )
    event, other = (EventFactory(type=kind, fanned_out=False) for kind in ("order.created", "order.refunded"))

    deliveries, statements = _fan_out(event)
    assert [delivery.endpoint_id for delivery in deliveries] == [created.pk]
    assert statements[0].startswith("UPDATE webhooks_event AS event")  # tried first, claimed nothing
    assert _fan_out(other)[0] == []  # subscribed to by neither: claimed by the one statement
    assert list(Delivery.objects.values_list("endpoint_id", "event_id")) == [(created.pk, event.pk)]
    assert set(Event.objects.values_list("fanned_out", flat=True)) == {True}


def test_a_process_that_has_seen_an_active_endpoint_claims_in_a_transaction_at_once(kept):
    endpoint = WebhookEndpointFactory(events=[])  # every type; its save makes the process read again
    event = EventFactory(type="order.created", fanned_out=False)

    deliveries, statements = _fan_out(event)

    assert [delivery.endpoint_id for delivery in deliveries] == [endpoint.pk]
    assert not any(sql.startswith("UPDATE webhooks_event AS event") for sql in statements)
    assert Event.objects.get(pk=event.pk).fanned_out is True


def test_racing_fan_outs_of_one_event_create_its_deliveries_once(kept):
    """The on-commit fan-out and sweeps of other processes, some believing no endpoint exists (the one-statement
    claim first) and some not: the event's row lock lets one claim it, and the subscribed endpoint gets one
    delivery; an event nobody subscribes to is claimed once, by whichever comes first."""
    assert ANY_ACTIVE_ENDPOINT.get() is False
    (endpoint,) = WebhookEndpoint.objects.bulk_create(  # unseen by this process: every thread tries one statement
        [WebhookEndpoint(url="https://93.184.215.9/hooks/created", events=["order.created"])]
    )
    subscribed, unsubscribed = (EventFactory(type=kind, fanned_out=False) for kind in ("order.created", "order.paid"))
    created = []

    errors = run_in_threads(
        lambda event: created.extend(fan_out_event(event_pk=event.pk)), [subscribed] * 4 + [unsubscribed] * 4
    )

    assert errors == []
    assert [(delivery.endpoint_id, delivery.event_id) for delivery in created] == [(endpoint.pk, subscribed.pk)]
    assert list(Delivery.objects.values_list("endpoint_id", "event_id")) == [(endpoint.pk, subscribed.pk)]
    assert set(Event.objects.values_list("fanned_out", flat=True)) == {True}
