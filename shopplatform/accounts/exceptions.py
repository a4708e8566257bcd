from shopplatform.errors import AlreadyExists, InvalidInput


class UnknownScope(InvalidInput):
    """A requested scope does not exist; see the list in the API guide."""

    code, title = "unknown_scope", "Unknown scope"


class CustomerEmailTaken(AlreadyExists):
    """Another customer already uses this e-mail address (compared case-insensitively)."""


class InvalidPrivacyLink(InvalidInput):
    """A privacy-request link (confirmation or export download) was altered, has expired or leads nowhere."""

    code, title = "invalid_privacy_link", "Invalid or expired link"
