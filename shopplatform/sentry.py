"""Error reporting to Sentry, on only when SENTRY_DSN is set (settings call `init_sentry`).

No personal data leaves: `send_default_pii=False` (no cookies, user, client address or request bodies), and the
request id travels as the `request_id` tag, so a Sentry issue leads to the log lines of the same request.
"""

import sentry_sdk
from sentry_sdk.integrations.celery import CeleryIntegration
from sentry_sdk.integrations.django import DjangoIntegration

from shopplatform.api.request_id import current_request_id


def tag_request_id(event: dict, hint: dict) -> dict:
    """before_send: add the current request id (or the task's) as a tag."""
    request_id = current_request_id.get()
    if request_id:
        event.setdefault("tags", {})["request_id"] = request_id
    return event


def init_sentry(*, dsn: str, environment: str, release: str, traces_sample_rate: float) -> None:
    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release or None,
        send_default_pii=False,
        traces_sample_rate=traces_sample_rate,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        before_send=tag_request_id,
    )
