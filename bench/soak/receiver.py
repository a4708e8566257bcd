"""The merchant's webhook receiver, flaky on purpose: some answers are slow, some are 500s, and it can go down.

It checks the Standard Webhooks signature with the `standardwebhooks` library (as the webhooks tests do) and keeps,
per `webhook-id`, the bodies it acknowledged with a 2xx; the soak compares them with the outbox afterwards.
"""

import hashlib
import random
import threading
import time

from tests.net.local_server import LocalServer
from tests.webhooks.conftest import verify_standard_webhooks

FAILURE_SHARE = 0.10
SLOW_SHARE = 0.10
SLOW_SECONDS = 0.5
HELD_SECONDS = 4.0  # under the soak's WEBHOOK_TIMEOUT_SECONDS, so a held delivery still succeeds


class FlakyReceiver(LocalServer):
    def __init__(self, *, seed: int) -> None:
        super().__init__({"/hook": self._receive})
        self.secret = ""
        self.random = random.Random(seed)
        self.lock = threading.Lock()
        self.acknowledged: dict[str, set[str]] = {}  # webhook-id → digests of the bodies answered with 2xx
        self.answers = {"2xx": 0, "500": 0, "bad signature": 0}
        self.hold = False  # while set, every request is answered slowly (a worker can be caught mid-delivery)
        self.in_flight = 0
        self.last_acknowledged_at = 0.0

    def _receive(self, request):
        headers = {name.lower(): value for name, value in request.headers.items()}
        if not verify_standard_webhooks(self.secret, headers, request.body):
            with self.lock:
                self.answers["bad signature"] += 1
            return 400, {}, b"bad signature"
        with self.lock:
            self.in_flight += 1
            draw = self.random.random()
        try:
            if self.hold:
                time.sleep(HELD_SECONDS)
            elif draw < SLOW_SHARE:
                time.sleep(SLOW_SECONDS)
            with self.lock:
                if draw > 1 - FAILURE_SHARE:
                    self.answers["500"] += 1
                    return 500, {}, b"flaky"
                self.answers["2xx"] += 1
                digest = hashlib.sha256(request.body).hexdigest()
                self.acknowledged.setdefault(headers["webhook-id"], set()).add(digest)
                self.last_acknowledged_at = time.monotonic()
            return 200, {}, b"ok"
        finally:
            with self.lock:
                self.in_flight -= 1

    def stop(self) -> None:
        """Go down: connections are refused until `start_again`."""
        self.httpd.shutdown()
        self.httpd.server_close()

    def start_again(self) -> None:
        """Listen on the same port again."""
        self.httpd = type(self.httpd)(("127.0.0.1", self.port), self.httpd.RequestHandlerClass)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
