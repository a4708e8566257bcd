"""Idempotency under concurrent requests on PostgreSQL."""

import queue
import threading
import uuid

import pytest
from django.db import connection, connections
from rest_framework.test import APIClient

from tests.api.views import GroupView, made_groups

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True), pytest.mark.urls("tests.api.urls")]

GROUPS = "/api/v1/test/groups"
THREADS = 6


def send_from_thread(key: str, body: dict, results: queue.Queue, start: threading.Barrier) -> None:
    try:
        start.wait(timeout=20)
        results.put(APIClient().post(GROUPS, body, format="json", HTTP_IDEMPOTENCY_KEY=key))
    finally:
        connection.close()


@pytest.mark.parametrize("atomic_requests", [False, True], ids=["autocommit", "atomic_requests"])
def test_concurrent_retries_run_the_handler_exactly_once(monkeypatch, atomic_requests):
    """The first request is held inside its handler; every other one must answer 409 meanwhile, without waiting.

    With ATOMIC_REQUESTS the views run inside a transaction, so this also proves the claim commits on its own.
    """
    monkeypatch.setitem(connections.settings["default"], "ATOMIC_REQUESTS", atomic_requests)
    gate = threading.Event()
    monkeypatch.setattr(GroupView, "gate", gate)
    key, results, start = f"race-{uuid.uuid4()}", queue.Queue(), threading.Barrier(THREADS)
    threads = [threading.Thread(target=send_from_thread, args=(key, {}, results, start)) for _ in range(THREADS)]
    for thread in threads:
        thread.start()

    while_held = [results.get(timeout=20) for _ in range(THREADS - 1)]
    gate.set()
    for thread in threads:
        thread.join(timeout=20)
    winner = results.get(timeout=20)
    monkeypatch.setattr(GroupView, "gate", None)
    replay = APIClient().post(GROUPS, {}, format="json", HTTP_IDEMPOTENCY_KEY=key)

    assert [response.status_code for response in while_held] == [409] * (THREADS - 1)
    assert {response.json()["code"] for response in while_held} == {"idempotency_in_flight"}
    assert winner.status_code == 201
    assert made_groups() == 1
    assert replay.status_code == 201
    assert replay["Idempotent-Replayed"] == "true"
    assert replay.content == winner.content


def test_concurrent_requests_without_a_gate_execute_once():
    """Free-running race: each request either ran the handler, waited out as 409, or got the replay."""
    key, results, start = f"race-{uuid.uuid4()}", queue.Queue(), threading.Barrier(THREADS)
    threads = [threading.Thread(target=send_from_thread, args=(key, {}, results, start)) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    responses = [results.get_nowait() for _ in range(THREADS)]

    executed = [
        response for response in responses if response.status_code == 201 and "Idempotent-Replayed" not in response
    ]
    assert len(executed) == 1
    assert all(response.status_code in (201, 409) for response in responses)
    assert made_groups() == 1


def test_stored_error_survives_the_rollback_of_an_atomic_request(monkeypatch, anonymous_client):
    """With ATOMIC_REQUESTS the failed handler's writes roll back, yet its response stays stored for retries."""
    monkeypatch.setitem(connections.settings["default"], "ATOMIC_REQUESTS", True)
    key = f"rollback-{uuid.uuid4()}"

    first = anonymous_client.post(GROUPS, {"fail": True}, format="json", HTTP_IDEMPOTENCY_KEY=key)
    retry = anonymous_client.post(GROUPS, {"fail": True}, format="json", HTTP_IDEMPOTENCY_KEY=key)

    assert first.status_code == retry.status_code == 409
    assert retry["Idempotent-Replayed"] == "true"
    assert made_groups() == 0
