"""LOG_FORMAT=json and SENTRY_DSN, each wired through settings in a fresh process, as a deployment sets them."""

import gzip
import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

from tests.net.local_server import LocalServer

pytestmark = pytest.mark.no_database  # run once, in the PostgreSQL suite (.ci/run)

SCRIPT_TIMEOUT_SECONDS = 60


def run_django(code: str, **env: str) -> subprocess.CompletedProcess:
    """Run `code` after django.setup() in a new interpreter with the project's settings and `env`."""
    environment = {
        key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "REDIS_URL", "SENTRY_DSN")
    }
    environment.update(DJANGO_SETTINGS_MODULE="shopplatform.settings", **env)
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + code],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=SCRIPT_TIMEOUT_SECONDS,
        check=True,
    )


def test_json_log_lines_parse_and_carry_the_request_id():
    result = run_django(
        "import logging\n"
        "from shopplatform.api.request_id import current_request_id\n"
        "current_request_id.set('req-json-1')\n"
        "logging.getLogger('shop.test').warning('card declined for %s', 'ord_1')\n"
        "try:\n    1 / 0\nexcept ZeroDivisionError:\n    logging.getLogger('shop.test').exception('failed')\n",
        LOG_FORMAT="json",
    )

    lines = [json.loads(line) for line in result.stderr.splitlines()]
    assert lines[0]["message"] == "card declined for ord_1"
    assert (lines[0]["request_id"], lines[0]["level"], lines[0]["logger"]) == ("req-json-1", "WARNING", "shop.test")
    assert "ZeroDivisionError" in lines[1]["exception"]


def test_log_lines_stay_plain_text_by_default():
    result = run_django("import logging\nlogging.getLogger('shop.test').warning('plain')\n")

    assert result.stderr.strip().endswith("WARNING [-] shop.test: plain")


def _envelope_items(body: bytes) -> list[dict]:
    return [json.loads(line) for line in body.splitlines() if line.strip().startswith(b"{")]


def test_sentry_reports_errors_tagged_with_the_request_id_and_without_personal_data():
    envelopes = []

    def receive(request):
        body = request.body
        if request.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        envelopes.append(body)
        return 200, {"Content-Type": "application/json"}, b"{}"

    with LocalServer({"/api/1/envelope/": receive}) as sentry:
        run_django(
            "import sentry_sdk\n"
            "from shopplatform.api.request_id import current_request_id\n"
            "assert sentry_sdk.get_client().options['send_default_pii'] is False\n"
            "current_request_id.set('req-sentry-1')\n"
            "sentry_sdk.capture_exception(ValueError('boom'))\n"
            "sentry_sdk.flush(10)\n",
            SENTRY_DSN=f"http://public@127.0.0.1:{sentry.port}/1",
        )

    events = [item for body in envelopes for item in _envelope_items(body) if item.get("exception")]
    assert events[0]["tags"]["request_id"] == "req-sentry-1"
    assert "user" not in events[0]
    assert events[0]["exception"]["values"][0]["value"] == "boom"
