from shopplatform.errors import InvalidInput


class InvalidPrivacyLink(InvalidInput):
    """A privacy-request link (confirmation or export download) was altered, has expired or leads nowhere."""

    code, title = "invalid_privacy_link", "Invalid or expired link"
