"""Absolute URLs: one base for every link the project prints (API bodies, problem types, pagination, feeds,
passports, images and placeholders, e-mails, webhook payloads).

The base is `settings.SITE_URL` when the operator set it (production: the public address, whatever proxy is in
front); else, inside a request, the scheme and host the request came on, so `PORT=8080 make run` links to port
8080; else (a development worker with nothing set) `DEVELOPMENT_BASE`. The store's own `url`/`domain` settings are
the merchant's statement of the shop's address, reported by `GET /store`; they do not move links, so every link
agrees with the address the site is actually served on and a typo in the settings cannot break every image.

`SiteURLMiddleware` makes the current request known to code that is not handed it (serializers, media
renditions); the host is read once per request, when the first link is built.
"""

from contextvars import ContextVar
from urllib.parse import urljoin

from django.conf import settings

DEVELOPMENT_BASE = "http://127.0.0.1:8000"

_current_request: ContextVar = ContextVar("shopplatform_link_request", default=None)


def site_url() -> str:
    """The base of every absolute link, without a trailing slash."""
    if settings.SITE_URL:
        return settings.SITE_URL.rstrip("/")
    request = _current_request.get()
    if request is None:
        return DEVELOPMENT_BASE
    if not hasattr(request, "_shop_site_url"):
        request._shop_site_url = request.build_absolute_uri("/").rstrip("/")
    return request._shop_site_url


def absolute_url(path_or_url: str) -> str:
    """`/media/x.png` -> `https://shop.example/media/x.png`; a URL that is already absolute is returned unchanged."""
    return urljoin(site_url() + "/", path_or_url)


class SiteURLMiddleware:
    """Makes the request being answered the source of the base URL when SITE_URL is not set."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)
