"""Back-office helpers: a logged-in superuser, the admin form's own POST body, and snapshots of what a write
stored (the row and the events), taken inside a savepoint that is rolled back so two writes start equal."""

import json
import re

import pytest
from django.db import transaction
from django.db.models import Max

from webhooks.models import Event

# Fields that differ between two writes of the same data by nature: identities, secrets and clocks (`*_at`).
VOLATILE = {"id", "public_id", "option_ids", "secret", "prefix", "hash"}

PUBLIC_ID = re.compile(r"\b[a-z]+_[A-Za-z0-9]{22}\b")


def volatile(name: str) -> bool:
    return name in VOLATILE or name.endswith("_at")


@pytest.fixture
def merchant(admin_user):
    return admin_user


@pytest.fixture
def admin_browser(client, merchant):
    client.force_login(merchant)
    return client


@pytest.fixture
def merchant_api(make_client, merchant):
    return make_client(merchant)


def form_data(response, **changes) -> dict:
    """The POST body the rendered admin form would send back unchanged, with `changes` applied."""
    data = {}
    inline_formsets = [inline.formset for inline in response.context["inline_admin_formsets"]]
    for formset in [response.context["adminform"].form, *inline_formsets]:
        forms = [formset] if not hasattr(formset, "forms") else [formset.management_form, *formset.forms]
        for form in forms:
            for name, field in form.fields.items():
                value = form.initial.get(name, field.initial)
                if callable(value):
                    value = value()
                if value is None:
                    continue
                value = field.prepare_value(value)  # as the page shows it: "19.90" for 1990 cents, JSON as text
                if isinstance(value, bool):
                    if value:
                        data[form.add_prefix(name)] = "on"
                    continue
                if hasattr(field, "queryset") and isinstance(value, list | tuple):
                    value = [getattr(item, "pk", item) for item in value]
                elif isinstance(value, list | dict):
                    value = json.dumps(value)
                data[form.add_prefix(name)] = getattr(value, "pk", value)
    for name, value in changes.items():
        if value is None or value is False:
            data.pop(name, None)
        else:
            data[name] = "on" if value is True else value
    return data


def scrub(value):
    """An event payload without the keys that name or time one particular write."""
    if isinstance(value, dict):
        return {key: scrub(item) for key, item in value.items() if not volatile(key)}
    if isinstance(value, list):
        return [scrub(item) for item in value]
    if isinstance(value, str):
        return PUBLIC_ID.sub("<id>", value)  # ids of rows the write created, inside links
    return value


def row_snapshot(row) -> dict:
    stored = {field.attname: getattr(row, field.attname) for field in row._meta.concrete_fields}
    for relation in row._meta.many_to_many:
        stored[relation.name] = sorted(related.pk for related in getattr(row, relation.name).all())
    return {name: value for name, value in stored.items() if not volatile(name)}


def capture(write, find_row) -> tuple[dict, list]:
    """Run `write`, then return the row `find_row` finds and the events written; roll it all back."""
    with transaction.atomic():
        last_event = Event.objects.aggregate(last=Max("pk"))["last"] or 0
        response = write()
        assert response.status_code in (200, 201, 204, 302), response.content[:2000]
        if response.status_code == 200 and "adminform" in (response.context or {}):
            form = response.context["adminform"].form
            pytest.fail(f"admin form refused: {form.errors} {response.context.get('errors')}")
        row = find_row()
        row.refresh_from_db()
        events = [(event.type, scrub(event.data)) for event in Event.objects.filter(pk__gt=last_event).order_by("pk")]
        snapshot = row_snapshot(row), events
        transaction.set_rollback(True)
    return snapshot
