"""Who hears that a webhook endpoint started failing or was disabled. The webhooks app sits below the app that
e-mails the merchant (orders), so that app registers a listener here when Django starts instead of being imported.

`webhooks.delivery` announces each change once: when a failure starts a streak (the conditional UPDATE that sets
`failing_since` succeeded) and when the endpoint is disabled (the conditional UPDATE that sets `disabled_at`
succeeded), never per attempt. A listener runs inside the delivery's transaction with the endpoint as just
updated; it must only record work to do after commit.
"""

from collections.abc import Callable

from .models import WebhookEndpoint

FAILING = "failing"
DISABLED = "disabled"

EndpointListener = Callable[..., None]
_listeners: list[EndpointListener] = []


def register_endpoint_listener(listener: EndpointListener) -> None:
    """Call `listener(endpoint=, state=)` when an endpoint starts failing or is disabled (the same function once)."""
    if listener not in _listeners:
        _listeners.append(listener)


def announce_endpoint_state(endpoint: WebhookEndpoint, *, state: str) -> None:
    """Tell every listener that `endpoint` is now FAILING or DISABLED, in the caller's transaction."""
    for listener in _listeners:
        listener(endpoint=endpoint, state=state)
