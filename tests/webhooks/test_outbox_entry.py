"""The outbox entry point (shopplatform/events.py) and its recorder (webhooks/events.py), written against their
mutation run (docs/testing.md): what an emitted event stores, and the two refusals, in words."""

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from shopplatform import events
from webhooks.models import Event

pytestmark = pytest.mark.django_db


def test_an_emitted_event_stores_its_type_the_current_api_version_and_the_object():
    stored = events.emit_event("product.created", obj={"id": "prod_1", "title": "Lamp"})

    event = Event.objects.get(pk=stored.pk)
    assert (event.type, event.api_version, event.data) == (
        "product.created",
        settings.API_VERSIONS[-1],
        {"object": {"id": "prod_1", "title": "Lamp"}},
    )


def test_an_unknown_event_type_is_refused_by_name():
    with pytest.raises(ValueError, match=r"^Unknown event type 'product\.exploded'$"):
        events.emit_event("product.exploded", obj={})

    assert not Event.objects.exists()


def test_without_an_outbox_emitting_says_what_to_install(monkeypatch):
    monkeypatch.setattr(events, "_recorder", None)

    with pytest.raises(ImproperlyConfigured) as refused:
        events.emit_event("product.created", obj={})

    assert str(refused.value) == "No event outbox is installed: add 'webhooks' to INSTALLED_APPS."


def test_the_last_registered_recorder_receives_the_events(monkeypatch):
    monkeypatch.setattr(events, "_recorder", events._recorder)  # restored after the test
    heard = []

    events.register_recorder(lambda event_type, obj: heard.append((event_type, obj)) or "recorded")

    assert events.emit_event("order.created", obj={"id": "ord_1"}) == "recorded"
    assert heard == [("order.created", {"id": "ord_1"})]
