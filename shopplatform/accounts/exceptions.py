from shopplatform.errors import AlreadyExists, Conflict, InvalidInput, PermissionDenied


class UnknownScope(InvalidInput):
    """A requested scope does not exist; see the list in the API guide."""

    code, title = "unknown_scope", "Unknown scope"


class CustomerEmailTaken(AlreadyExists):
    """Another customer already uses this e-mail address (compared case-insensitively)."""


class GrantBeyondKey(PermissionDenied):
    """A key may only make keys with a subset of its own scopes and a rate limit no higher than its own."""

    code, title = "grant_beyond_key", "Grant beyond the key"


class ApiKeyLimitReached(Conflict):
    """The user already holds as many active API keys as allowed (`API_KEYS_PER_USER`); revoke one first."""

    code, title = "api_key_limit_reached", "API key limit reached"
