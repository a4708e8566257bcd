"""Task messages go to Redis through one Redis client per channel (shopplatform.broker), each one arriving whole."""

import json
import uuid

import pytest
import redis
from celery import current_app
from django.conf import settings

from shopplatform.broker import Transport

pytestmark = pytest.mark.redis


def test_the_broker_is_redis_through_the_transport_that_keeps_its_client():
    with current_app.connection_for_write() as connection:
        assert isinstance(connection.transport, Transport)
        assert connection.transport.driver_type == "redis"


def test_messages_after_the_first_build_no_client_and_all_arrive(monkeypatch):
    queue = f"test-broker-{uuid.uuid4().hex}"
    built = []
    build = redis.Redis.__init__

    def counted(self, *args, **kwargs):  # kombu's stock channel built one for every message
        built.append(self)
        build(self, *args, **kwargs)

    monkeypatch.setattr(redis.Redis, "__init__", counted)
    with current_app.connection_for_write() as connection:
        current_app.send_task("tests.broker.probe", args=[0], queue=queue, connection=connection)
        first = len(built)  # the channel's own clients and the one it publishes through
        for number in range(1, 5):
            current_app.send_task("tests.broker.probe", args=[number], queue=queue, connection=connection)

    assert first >= 1 and len(built) == first
    client = redis.Redis.from_url(settings.REDIS_URL)
    try:
        messages = [json.loads(raw) for raw in reversed(client.lrange(queue, 0, -1))]
    finally:
        client.delete(queue)
    assert [message["headers"]["task"] for message in messages] == ["tests.broker.probe"] * 5
    assert [message["headers"]["argsrepr"] for message in messages] == [f"[{number}]" for number in range(5)]
