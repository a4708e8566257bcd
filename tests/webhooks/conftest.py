"""A receiver on loopback that checks both signature schemes with code independent of ours.

The Shop recipe check below is the one docs/webhooks.md gives receivers; the Standard Webhooks check is the
`standardwebhooks` library. The receiver answers 400 when a signature fails and records each result.
"""

import hashlib
import hmac
import time

import pytest
from celery.signals import before_task_publish
from standardwebhooks import Webhook
from standardwebhooks.webhooks import WebhookVerificationError

from shopplatform.celery import app as celery_app
from tests.net.local_server import LocalServer


def verify_shop_signature_by_hand(secret: str, header: str, body: bytes, tolerance: int = 300) -> bool:
    parts = [part.partition("=")[::2] for part in header.split(",")]
    timestamp = next((value for key, value in parts if key == "t"), "")
    if not timestamp.isdigit() or abs(time.time() - int(timestamp)) > tolerance:
        return False
    expected = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return any(hmac.compare_digest(expected, value) for key, value in parts if key == "v1")


def verify_standard_webhooks(secret: str, headers: dict, body: bytes) -> bool:
    try:
        Webhook(secret).verify(body, headers)
    except WebhookVerificationError:
        return False
    return True


class Receiver(LocalServer):
    """Answers with the next status of `statuses` (the last one repeats) after checking signatures."""

    def __init__(self) -> None:
        super().__init__({"/hook": self._receive})
        self.secret = ""
        self.statuses = [200]
        self.checks: list[tuple[bool, bool]] = []

    def _receive(self, request):
        headers = {name.lower(): value for name, value in request.headers.items()}
        checks = (
            verify_shop_signature_by_hand(self.secret, headers.get("x-shop-signature", ""), request.body),
            verify_standard_webhooks(self.secret, headers, request.body),
        )
        self.checks.append(checks)
        if not all(checks):
            return 400, {}, b"bad signature"
        status = self.statuses.pop(0) if len(self.statuses) > 1 else self.statuses[0]
        return status, {"Content-Type": "text/plain"}, b"received " + b"x" * 5000


@pytest.fixture
def private_urls(settings):
    settings.SHOP_ALLOW_PRIVATE_URLS = True
    return settings


@pytest.fixture
def receiver(private_urls):
    with Receiver() as server:
        yield server


def use_broker(url: str, *, eager: bool) -> None:
    """Point Celery at another broker; its cached connection pools are dropped so the next publish uses it."""
    celery_app.conf.broker_url, celery_app.conf.task_always_eager = url, eager
    celery_app._pool, celery_app.amqp._producer_pool = None, None


@pytest.fixture
def unreachable_broker():
    """Publish to a Redis port nobody listens on."""
    previous = celery_app.conf.broker_url, celery_app.conf.task_always_eager
    use_broker("redis://127.0.0.1:1/0", eager=False)
    yield
    use_broker(previous[0], eager=previous[1])


@pytest.fixture
def published():
    """Tasks go to an in-memory broker instead of running at once; yields the list of (task name, args) of every
    message published, in order, for `work_off` to run as a worker would. The queue is purged afterwards."""
    previous = celery_app.conf.broker_url, celery_app.conf.task_always_eager
    messages = []

    def record(sender=None, body=None, **kwargs):
        messages.append((sender, tuple(body[0])))

    use_broker("memory://", eager=False)
    before_task_publish.connect(record, weak=False)
    yield messages
    before_task_publish.disconnect(record)
    celery_app.control.purge()
    use_broker(previous[0], eager=previous[1])


def work_off(messages: list[tuple[str, tuple]]) -> list[str]:
    """Run the messages in order as one worker would, including those they publish; return the task names run."""
    ran = []
    while messages:
        name, args = messages.pop(0)
        celery_app.tasks[name](*args)
        ran.append(name.rsplit(".", 1)[-1])
    return ran
