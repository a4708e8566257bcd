from shopplatform.errors import AlreadyExists, InvalidInput


class UnknownScope(InvalidInput):
    """A requested scope does not exist; see the list in the API guide."""

    code, title = "unknown_scope", "Unknown scope"


class CustomerEmailTaken(AlreadyExists):
    """Another customer already uses this e-mail address (compared case-insensitively)."""
