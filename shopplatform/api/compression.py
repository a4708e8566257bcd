"""Gzip for text responses only: store pages, API JSON, feeds.

Django's GZipMiddleware compresses every body, including digital downloads and images that are compressed
already, and a streamed file compressed on the fly loses its Content-Length. WhiteNoise, above this middleware,
serves static files pre-compressed. Django's middleware pads each compressed body with random bytes, which
mitigates BREACH for pages that carry a CSRF token.
"""

from django.middleware.gzip import GZipMiddleware


def is_text(content_type: str) -> bool:
    media_type = content_type.split(";", 1)[0].strip().lower()
    return media_type.startswith("text/") or media_type.endswith(("json", "xml", "javascript"))


class TextGZipMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        if not is_text(response.get("Content-Type", "")):
            return response
        return super().process_response(request, response)
