from shopplatform.errors import InvalidInput


class UnknownScope(InvalidInput):
    """A requested scope does not exist; see the list in the API guide."""

    code, title = "unknown_scope", "Unknown scope"
