"""API versions, chosen per request with the `API-Version: YYYY-MM-DD` header.

Without the header a request gets its API key's pinned `api_version`, else the latest of settings.API_VERSIONS
(listed oldest first). An unknown or malformed value → 400 `unknown_api_version`. Every API response echoes the
version it was served with in `API-Version`. Code that differs between versions compares `request.version`
(ISO dates compare in time order as strings).
"""

from django.conf import settings
from django.utils.functional import classproperty
from rest_framework.versioning import AcceptHeaderVersioning

from shopplatform.errors import InvalidInput

VERSION_HEADER = "API-Version"


class UnknownApiVersion(InvalidInput):
    """The API-Version header names no published version (YYYY-MM-DD); omit it to get the key's or the latest."""

    code, title = "unknown_api_version", "Unknown API version"


def latest_version() -> str:
    return settings.API_VERSIONS[-1]


class ApiVersionHeaderVersioning(AcceptHeaderVersioning):
    """REST_FRAMEWORK's DEFAULT_VERSIONING_CLASS.

    It reads only the API-Version header. It subclasses AcceptHeaderVersioning because drf-spectacular
    understands that family (and warns about every view for any other class); `default_version` is what the
    schema generator documents when no request names a version.
    """

    default_version = classproperty(lambda cls: latest_version())

    def determine_version(self, request, *args, **kwargs) -> str:
        requested = request.headers.get(VERSION_HEADER)
        if requested is not None:
            if requested not in settings.API_VERSIONS:
                raise UnknownApiVersion(
                    f"Unknown API version '{requested[:40]}'. Published: {', '.join(settings.API_VERSIONS)}.",
                    param=VERSION_HEADER,
                )
            return requested
        pinned = getattr(request.auth, "api_version", "")
        return pinned if pinned in settings.API_VERSIONS else latest_version()


def add_version_header(request, response) -> None:
    response[VERSION_HEADER] = getattr(request, "version", None) or latest_version()
