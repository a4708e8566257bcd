from shopplatform.errors import Conflict


class EndpointDisabled(Conflict):
    """The endpoint is disabled; enable it (PATCH active=true) before redelivering to it."""

    code, title = "endpoint_disabled", "Endpoint disabled"
